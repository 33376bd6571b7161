import path from 'node:path';
import type { FileStore } from './file-store.js';
import { FolderFileStore } from './folder-file-store.js';
import { S3FileStore, type S3FileStoreOptions } from './s3-file-store.js';

export type FileStoreSettings =
  | { kind: 'folder'; root: string }
  | ({ kind: 's3' } & S3FileStoreOptions);

/**
 * Reads the file store's environment variables (the README lists them). An S3-compatible bucket when
 * CORDON_S3_BUCKET is set; otherwise the folder `evidence` inside the data folder.
 */
export function fileStoreSettings(env: NodeJS.ProcessEnv, dataDir: string): FileStoreSettings {
  const bucket = env.CORDON_S3_BUCKET?.trim();
  if (!bucket) return { kind: 'folder', root: path.join(dataDir, 'evidence') };
  const endpoint = env.CORDON_S3_ENDPOINT?.trim() || undefined;
  const accessKeyId = env.CORDON_S3_ACCESS_KEY_ID?.trim() || undefined;
  const secretAccessKey = env.CORDON_S3_SECRET_ACCESS_KEY?.trim() || undefined;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new Error('Set both CORDON_S3_ACCESS_KEY_ID and CORDON_S3_SECRET_ACCESS_KEY, or neither (to use the AWS default credentials)');
  }
  const pathStyle = env.CORDON_S3_FORCE_PATH_STYLE?.trim();
  if (pathStyle && pathStyle !== 'true' && pathStyle !== 'false') {
    throw new Error(`CORDON_S3_FORCE_PATH_STYLE must be true or false, not "${pathStyle}"`);
  }
  return {
    kind: 's3',
    bucket,
    endpoint,
    region: env.CORDON_S3_REGION?.trim() || 'eu-west-2',
    accessKeyId,
    secretAccessKey,
    // Self-hosted stores (MinIO, Ceph) usually need path-style URLs; AWS itself prefers virtual hosts.
    forcePathStyle: pathStyle ? pathStyle === 'true' : Boolean(endpoint),
    keyPrefix: env.CORDON_S3_PREFIX ?? 'evidence/',
  };
}

export function openFileStore(config: { dataDir: string }, env: NodeJS.ProcessEnv = process.env): FileStore {
  const settings = fileStoreSettings(env, config.dataDir);
  if (settings.kind === 'folder') return new FolderFileStore(settings.root);
  const { kind: _kind, ...options } = settings;
  return new S3FileStore(options);
}

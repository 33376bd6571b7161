import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { assertMatchesHash, contentPath, isContentHash, sha256Hex, type FileStore } from './file-store.js';

export interface S3FileStoreOptions {
  bucket: string;
  /** For S3-compatible stores (MinIO, Ceph, a cloud's object storage); omit for AWS itself. */
  endpoint?: string;
  region: string;
  /** Both or neither: without them the AWS SDK's default credentials (environment, instance role) are used. */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** `https://host/bucket/key` rather than `https://bucket.host/key`; most self-hosted stores need it. */
  forcePathStyle?: boolean;
  /** Put before every key, e.g. `evidence/`. Keys are then `<prefix>ab/cd/<hash>`. */
  keyPrefix?: string;
  /** Replaces the SDK's HTTP handler: tests use it to see the requests without a network. */
  requestHandler?: S3ClientConfig['requestHandler'];
}

/**
 * Evidence in an S3-compatible bucket, with the same `ab/cd/<hash>` layout as the folder store (so a
 * folder can be synced into a bucket as it is). Objects are written with `If-None-Match: *`, so an
 * existing object is never overwritten, and checked against their hash when read back.
 */
export class S3FileStore implements FileStore {
  readonly bucket: string;
  readonly keyPrefix: string;
  private readonly options: S3FileStoreOptions;
  private loading: Promise<{ client: S3Client; sdk: typeof import('@aws-sdk/client-s3') }> | undefined;

  constructor(options: S3FileStoreOptions) {
    this.bucket = options.bucket;
    this.keyPrefix = options.keyPrefix ?? '';
    this.options = options;
  }

  /** The SDK is large (and warns about Node 20 when loaded), so it is loaded only when a bucket is used. */
  private sdk() {
    this.loading ??= import('@aws-sdk/client-s3').then((sdk) => ({ sdk, client: this.createClient(sdk) }));
    return this.loading;
  }

  private createClient(sdk: typeof import('@aws-sdk/client-s3')): S3Client {
    const options = this.options;
    return new sdk.S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle ?? false,
      credentials:
        options.accessKeyId && options.secretAccessKey
          ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
          : undefined,
      // Many S3-compatible stores reject the CRC checksums the SDK now adds to every upload by
      // default; integrity is checked against the SHA-256 name when the file is read instead.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: options.requestHandler,
      maxAttempts: 3,
    });
  }

  get location(): string {
    return `s3://${this.bucket}/${this.keyPrefix}`;
  }

  keyOf(hash: string): string {
    return `${this.keyPrefix}${contentPath(hash)}`;
  }

  async put(bytes: Buffer, mediaType: string): Promise<{ hash: string; created: boolean }> {
    const hash = sha256Hex(bytes);
    if (await this.exists(hash)) return { hash, created: false };
    const { sdk, client } = await this.sdk();
    try {
      await client.send(
        new sdk.PutObjectCommand({
          Bucket: this.bucket,
          Key: this.keyOf(hash),
          Body: bytes,
          ContentType: mediaType,
          ContentLength: bytes.length,
          IfNoneMatch: '*',
        }),
      );
    } catch (error) {
      // Another process stored the same bytes between our check and our write.
      if (statusOf(error) === 412 || statusOf(error) === 409) return { hash, created: false };
      throw error;
    }
    return { hash, created: true };
  }

  async get(hash: string): Promise<Buffer | null> {
    if (!isContentHash(hash)) return null;
    const { sdk, client } = await this.sdk();
    try {
      const answer = await client.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(hash) }));
      if (!answer.Body) return null;
      const bytes = Buffer.from(await answer.Body.transformToByteArray());
      return assertMatchesHash(bytes, hash, this.location);
    } catch (error) {
      if (statusOf(error) === 404) return null;
      throw error;
    }
  }

  async exists(hash: string): Promise<boolean> {
    if (!isContentHash(hash)) return false;
    const { sdk, client } = await this.sdk();
    try {
      await client.send(new sdk.HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(hash) }));
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw error;
    }
  }
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

import { createHash } from 'node:crypto';

/**
 * Where evidence bytes live, addressed by the SHA-256 of their content. A store never decides
 * anything about a file (type, size, who may see it); it keeps bytes and gives them back unchanged.
 */
export interface FileStore {
  /** Where the files are, for logs and the readiness page: a folder path or s3://bucket/prefix. */
  readonly location: string;
  /**
   * Keeps the bytes under their own hash. The same bytes put twice are kept once: the second put
   * answers `created: false` and writes nothing.
   */
  put(bytes: Buffer, mediaType: string): Promise<{ hash: string; created: boolean }>;
  /** The bytes stored under this hash, or null when there are none (or the hash is malformed). */
  get(hash: string): Promise<Buffer | null>;
  exists(hash: string): Promise<boolean>;
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A content hash as the stores name files: 64 lower-case hex digits, nothing that could be a path. */
export function isContentHash(value: string): boolean {
  return /^[0-9a-f]{64}$/.test(value);
}

/** The stores' shared layout, `ab/cd/<hash>`, so a folder store can be copied into a bucket as it is. */
export function contentPath(hash: string): string {
  return `${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}`;
}

/** Raised when stored bytes no longer match their hash: evidence has been damaged or altered. */
export class EvidenceIntegrityError extends Error {
  constructor(readonly hash: string, readonly location: string) {
    super(`The file stored as ${hash} in ${location} no longer matches its hash`);
    this.name = 'EvidenceIntegrityError';
  }
}

export function assertMatchesHash(bytes: Buffer, hash: string, location: string): Buffer {
  if (sha256Hex(bytes) !== hash) throw new EvidenceIntegrityError(hash, location);
  return bytes;
}

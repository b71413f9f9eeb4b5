/**
 * Content-addressed storage for pack tarballs and problem data: a blob's key is the hex SHA-256 of
 * its bytes, so writing the same bytes twice is harmless and a reader can check what it got.
 * Writes are atomic: a blob is either absent or whole.
 */
export interface BlobStore {
  readonly kind: 'local' | 's3';
  /** Stores the bytes (a no-op when the blob already exists) and returns their digest. */
  put(bytes: Uint8Array, mediaType: string): Promise<{ digest: string; size: number }>;
  /** The blob's bytes, or null when there is none. */
  get(digest: string): Promise<Buffer | null>;
  has(digest: string): Promise<boolean>;
  /** Removes a blob (absent ones are fine). */
  delete(digest: string): Promise<void>;
}

export const DIGEST_PATTERN = /^[0-9a-f]{64}$/;

/** Guards every path or key built from a digest. */
export function checkDigest(digest: string): string {
  if (!DIGEST_PATTERN.test(digest)) throw new Error(`not a sha256 digest: ${JSON.stringify(digest)}`);
  return digest;
}

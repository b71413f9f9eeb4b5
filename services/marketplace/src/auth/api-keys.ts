import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** API keys look like `duet_sk_<12 hex>_<43 base64url>`: the hex part finds the row, the whole key is checked against its hash. */
export const API_KEY_PREFIX = 'duet_sk_';
const API_KEY_PATTERN = /^duet_sk_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKey {
  /** Shown to its creator once, never stored. */
  key: string;
  publicId: string;
  /** SHA-256 (hex) of the key: what the database keeps. The secret has 256 random bits, so a fast hash is enough. */
  hash: string;
}

export function generateApiKey(): NewApiKey {
  const publicId = randomBytes(6).toString('hex');
  const key = `${API_KEY_PREFIX}${publicId}_${randomBytes(32).toString('base64url')}`;
  return { key, publicId, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The public id of something shaped like an API key, or null. */
export function apiKeyPublicId(token: string): string | null {
  return API_KEY_PATTERN.exec(token)?.[1] ?? null;
}

/** Constant-time comparison of a presented key with a stored hash. */
export function apiKeyMatches(key: string, storedHash: string): boolean {
  const presented = Buffer.from(hashApiKey(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** How a key shows in lists: `duet_sk_<public id>`. */
export function apiKeyLabel(publicId: string): string {
  return `${API_KEY_PREFIX}${publicId}`;
}

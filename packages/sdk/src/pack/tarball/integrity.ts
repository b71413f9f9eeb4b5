import { createHash } from 'node:crypto';

/** Subresource Integrity string of some bytes, as npm records a tarball: `sha512-<base64>`. */
export function sriIntegrity(bytes: Uint8Array): string {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

/** The lowercase hex SHA-256 of some bytes: the content address of a blob. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

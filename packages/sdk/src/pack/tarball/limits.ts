/**
 * Caps of a pack tarball, checked by `duet-pack publish` before uploading and again by the
 * marketplace on what it receives (it never trusts the client). Errors name the cap they hit.
 */
export interface PackTarballLimits {
  /** The gzipped tarball, bytes. */
  maxBytes: number;
  /** Regular files in it. */
  maxFiles: number;
  /** Everything unpacked (the tar stream), bytes: a gzip bomb stops here. */
  maxUnpackedBytes: number;
}

const MiB = 1024 * 1024;

export const PACK_TARBALL_LIMITS: Readonly<PackTarballLimits> = Object.freeze({
  maxBytes: 50 * MiB,
  maxFiles: 10_000,
  maxUnpackedBytes: 512 * MiB,
});

/** Every entry of a pack tarball sits under this folder (as npm's `package/`), so it never unpacks loose files. */
export const PACK_TARBALL_ROOT = 'pack';

/** "50 MiB", "1.5 KiB", "12 bytes": how errors and progress bars print sizes. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KiB', 'MiB', 'GiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

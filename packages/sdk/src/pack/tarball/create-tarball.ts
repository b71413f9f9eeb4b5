import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { PackTarballError, PackValidationError } from '../errors.js';
import { FsTree } from '../fs-tree.js';
import type { LoadedPack } from '../types.js';
import { sha256Hex, sriIntegrity } from './integrity.js';
import { formatBytes, PACK_TARBALL_LIMITS, PACK_TARBALL_ROOT, type PackTarballLimits } from './limits.js';
import { endOfArchive, fileEntry } from './tar-entries.js';

export interface PackTarball {
  /** The gzipped tarball. */
  bytes: Buffer;
  /** `sha512-<base64>` of `bytes` (npm's integrity). */
  integrity: string;
  /** Hex SHA-256 of `bytes`: its content address in a blob store. */
  sha256: string;
  /** The files in it, relative to the pack folder, in archive order. */
  files: Array<{ path: string; size: number }>;
  unpackedBytes: number;
}

/** Root files that travel with a pack besides pack.yaml. */
const ROOT_FILES = /^(pack\.yaml|readme(\.[a-z]+)?|licen[cs]e(\.[a-z]+)?|changelog(\.[a-z]+)?)$/i;
/** Editor, VCS and interpreter droppings never go into a tarball. */
const IGNORED_NAMES = new Set(['.git', '.hg', '.svn', 'node_modules', '__pycache__', '.duet-cache', '.DS_Store', '.pytest_cache']);
const IGNORED_SUFFIXES = ['.pyc', '.pyo', '.swp', '~'];

/**
 * A deterministic tarball of a loaded pack: pack.yaml, README/LICENSE/CHANGELOG, and every file of
 * the listed problems (symlinks inside the pack are stored as the files they point to), sorted by
 * path, each under `pack/` with mode 0644, owner 0 and mtime 0, gzipped at level 9 with no
 * timestamp or OS in the gzip header. The same pack folder always gives the same bytes.
 */
export async function createPackTarball(
  pack: Pick<LoadedPack, 'dir' | 'manifest'>,
  limits: PackTarballLimits = PACK_TARBALL_LIMITS,
): Promise<PackTarball> {
  const tree = await FsTree.open(pack.dir);
  const paths: string[] = [];
  for (const name of await tree.list('')) {
    if (ROOT_FILES.test(name) && (await tree.kind(name)) === 'file') paths.push(name);
  }
  for (const id of pack.manifest.problems) paths.push(...(await tree.walk(`problems/${id}`)));
  if (tree.issues.length) throw new PackValidationError(tree.issues, 'pack');
  const included = paths.filter((p) => !isIgnored(p)).sort(byBytes);
  if (included.length > limits.maxFiles) {
    throw new PackTarballError('TARBALL_TOO_LARGE', `the pack has ${included.length} files, over the cap of ${limits.maxFiles} files`);
  }

  const blocks: Buffer[] = [];
  const files: PackTarball['files'] = [];
  let unpackedBytes = 0;
  for (const path of included) {
    const data = await readFile(tree.abs(path));
    unpackedBytes += data.byteLength;
    if (unpackedBytes > limits.maxUnpackedBytes) {
      throw new PackTarballError('TARBALL_TOO_LARGE', `the pack's files add up to more than the ${formatBytes(limits.maxUnpackedBytes)} cap (at ${path})`, path);
    }
    blocks.push(...fileEntry(`${PACK_TARBALL_ROOT}/${path}`, data));
    files.push({ path, size: data.byteLength });
  }
  blocks.push(endOfArchive());
  const bytes = gzipSync(Buffer.concat(blocks), { level: 9 });
  // The gzip header's mtime is already 0; its OS byte says "unknown" so every platform agrees.
  bytes[9] = 0xff;
  if (bytes.byteLength > limits.maxBytes) {
    throw new PackTarballError('TARBALL_TOO_LARGE', `the tarball is ${formatBytes(bytes.byteLength)}, over the ${formatBytes(limits.maxBytes)} cap`);
  }
  return { bytes, integrity: sriIntegrity(bytes), sha256: sha256Hex(bytes), files, unpackedBytes };
}

function isIgnored(path: string): boolean {
  return path.split('/').some((segment) => IGNORED_NAMES.has(segment) || IGNORED_SUFFIXES.some((suffix) => segment.endsWith(suffix)));
}

/** Code-unit order, independent of locale. */
function byBytes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

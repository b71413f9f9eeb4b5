import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { Parser, type ReadEntry } from 'tar';
import { PackTarballError } from '../errors.js';
import { formatBytes, PACK_TARBALL_LIMITS, PACK_TARBALL_ROOT, type PackTarballLimits } from './limits.js';

const gunzipAsync = promisify(gunzip);

export interface ExtractedPackTarball {
  /** The unpacked pack folder (`<dest>/pack`). */
  dir: string;
  /** Its files, relative to `dir`, in archive order. */
  files: string[];
  unpackedBytes: number;
}

interface ParsedFile {
  path: string;
  data: Buffer;
}

/**
 * Unpacks an untrusted pack tarball into `dest` (a fresh folder; `dest/pack` must not exist), or
 * refuses it whole, writing nothing: it must be gzip; it may unpack to at most
 * `maxUnpackedBytes` and hold at most `maxFiles` files; every entry must be a regular file or a
 * folder under `pack/` with a plain relative path (no `..`, no absolute path, no backslash, no NUL).
 * Symlinks, hard links, devices and FIFOs are refused. Every entry is checked before the first
 * file is written, and files are written by this code (never by an extractor that follows links)
 * into a folder that holds nothing else.
 */
export async function extractPackTarball(
  bytes: Uint8Array,
  dest: string,
  limits: PackTarballLimits = PACK_TARBALL_LIMITS,
): Promise<ExtractedPackTarball> {
  if (bytes.byteLength > limits.maxBytes) {
    throw new PackTarballError('TARBALL_TOO_LARGE', `the tarball is ${formatBytes(bytes.byteLength)}, over the ${formatBytes(limits.maxBytes)} cap`);
  }
  if (bytes.byteLength < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
    throw new PackTarballError('TARBALL_INVALID', 'not a gzip-compressed tarball (expected a .tgz as `duet-pack publish` makes)');
  }
  const tarStream = await gunzipAsync(bytes, { maxOutputLength: limits.maxUnpackedBytes }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new PackTarballError('TARBALL_TOO_LARGE', `the tarball unpacks to more than the ${formatBytes(limits.maxUnpackedBytes)} cap`);
    }
    throw new PackTarballError('TARBALL_INVALID', `corrupt gzip data: ${error.message}`);
  });
  const files = await parseEntries(tarStream, limits);
  if (files.length === 0) throw new PackTarballError('TARBALL_INVALID', `the tarball holds no files under ${PACK_TARBALL_ROOT}/`);
  checkFileFolderClashes(files);

  const root = join(dest, PACK_TARBALL_ROOT);
  await mkdir(dest, { recursive: true });
  await mkdir(root);
  for (const file of files) {
    const target = join(dest, file.path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, file.data, { flag: 'wx', mode: 0o644 });
  }
  const prefix = `${PACK_TARBALL_ROOT}/`;
  return { dir: root, files: files.map((f) => f.path.slice(prefix.length)), unpackedBytes: tarStream.byteLength };
}

/** Reads every entry, refusing the tarball at the first unsafe one. */
function parseEntries(tarStream: Buffer, limits: PackTarballLimits): Promise<ParsedFile[]> {
  return new Promise<ParsedFile[]>((resolve, reject) => {
    const files: ParsedFile[] = [];
    const seen = new Set<string>();
    let failure: PackTarballError | null = null;
    const fail = (error: PackTarballError) => {
      failure ??= error;
    };
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry: ReadEntry) => {
        if (failure) return entry.resume();
        try {
          const path = checkEntry(entry);
          if (entry.type === 'Directory') return entry.resume();
          if (seen.has(path)) throw new PackTarballError('TARBALL_INVALID', `${path}: appears twice in the tarball`, path);
          seen.add(path);
          if (files.length + 1 > limits.maxFiles) {
            throw new PackTarballError('TARBALL_TOO_LARGE', `the tarball holds more than the cap of ${limits.maxFiles} files`);
          }
          const chunks: Buffer[] = [];
          entry.on('data', (chunk: Buffer) => chunks.push(chunk));
          entry.on('end', () => files.push({ path, data: Buffer.concat(chunks) }));
        } catch (error) {
          fail(error as PackTarballError);
          entry.resume();
        }
      },
    });
    parser.on('error', (error: Error) => fail(new PackTarballError('TARBALL_INVALID', `not a valid tar archive: ${error.message}`)));
    parser.on('end', () => (failure ? reject(failure) : resolve(files)));
    parser.end(tarStream);
  });
}

const ALLOWED_TYPES = new Set(['File', 'OldFile', 'Directory']);
const TYPE_NAMES: Record<string, string> = {
  SymbolicLink: 'a symbolic link',
  Link: 'a hard link',
  CharacterDevice: 'a character device',
  BlockDevice: 'a block device',
  FIFO: 'a FIFO',
  ContiguousFile: 'a contiguous file',
};

/** The entry's normalised path (no trailing slash), or a PackTarballError naming it. */
function checkEntry(entry: ReadEntry): string {
  const raw = entry.path;
  const shown = JSON.stringify(raw);
  if (!ALLOWED_TYPES.has(entry.type)) {
    const what = TYPE_NAMES[entry.type] ?? `an entry of type ${entry.type}`;
    throw new PackTarballError('TARBALL_INVALID', `${shown} is ${what}: a pack tarball holds regular files and folders only`, raw);
  }
  if (raw.includes('\0')) throw new PackTarballError('TARBALL_INVALID', `${shown}: a path with a NUL byte`, raw);
  if (raw.includes('\\')) throw new PackTarballError('TARBALL_INVALID', `${shown}: a path with a backslash (use /)`, raw);
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw)) throw new PackTarballError('TARBALL_INVALID', `${shown}: an absolute path`, raw);
  const path = entry.type === 'Directory' ? raw.replace(/\/+$/, '') : raw;
  const segments = path.split('/');
  if (segments.includes('..')) throw new PackTarballError('TARBALL_INVALID', `${shown}: path traversal (..)`, raw);
  if (segments.some((s) => s === '' || s === '.')) throw new PackTarballError('TARBALL_INVALID', `${shown}: not a plain relative path`, raw);
  if (segments[0] !== PACK_TARBALL_ROOT || (segments.length < 2 && entry.type !== 'Directory')) {
    throw new PackTarballError('TARBALL_INVALID', `${shown}: every entry must be under ${PACK_TARBALL_ROOT}/`, raw);
  }
  return path;
}

/** A path cannot be both a file and a folder (`a` and `a/b`). */
function checkFileFolderClashes(files: readonly ParsedFile[]): void {
  const paths = new Set(files.map((f) => f.path));
  for (const { path } of files) {
    for (let at = path.indexOf('/'); at !== -1; at = path.indexOf('/', at + 1)) {
      const folder = path.slice(0, at);
      if (paths.has(folder)) throw new PackTarballError('TARBALL_INVALID', `${JSON.stringify(folder)} is a file and a folder (${path})`, folder);
    }
  }
}

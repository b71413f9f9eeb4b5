/**
 * The judge's own files on the host: a state directory owned by the user the judge runs as (root
 * in production), checked without following links, with the harness staged where the sandbox uid
 * can read it whatever the permissions of the folder the package was installed in (a root user's
 * `/root/…` is 0700, which the sandbox's unprivileged uid cannot traverse).
 */
import { createHash, randomUUID } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export class StateDirError extends Error {
  override name = 'StateDirError';
  readonly code = 'STATE_DIR_UNSAFE' as const;
}

/** `/var/cache/duet-judge` as root, else `$XDG_CACHE_HOME/duet-judge` (default `~/.cache`). */
export function defaultStateDir(): string {
  if (process.getuid?.() === 0) return '/var/cache/duet-judge';
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'duet-judge');
}

/**
 * Creates `path` (one level) with `mode` if it is missing, then checks, without following links,
 * that it is a directory owned by this process's user with exactly `mode`: anything else (a
 * symlink planted by another user, a directory someone else owns or can write) is refused.
 */
export function ensureOwnedDir(path: string, mode: number): string {
  try {
    mkdirSync(path, { mode });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stat = lstatSync(path);
  const uid = process.getuid?.() ?? stat.uid;
  if (!stat.isDirectory() || stat.isSymbolicLink()) throw new StateDirError(`${path} is not a directory (a link or a file is in its place)`);
  if (stat.uid !== uid) throw new StateDirError(`${path} is owned by uid ${stat.uid}, not by the judge's uid ${uid}`);
  if ((stat.mode & 0o777) !== mode) chmodSync(path, mode); // ours and not a link: safe to fix
  return path;
}

/**
 * Copies the harness's Python files into `<stateDir>/harness/<content hash>` (world-readable, owned
 * by the judge's user) once, atomically, and returns that folder. An existing copy is used only if
 * its content hash still matches.
 */
export function stageHarness(sourceDir: string, stateDir: string): string {
  const files = readdirSync(sourceDir).filter((name) => name.endsWith('.py')).sort();
  const contents = files.map((name) => [name, readFileSync(join(sourceDir, name))] as const);
  const hash = contentHash(contents);
  ensureOwnedDir(stateDir, 0o755);
  const root = ensureOwnedDir(join(stateDir, 'harness'), 0o755);
  const target = join(root, hash.slice(0, 32));
  if (stagedCopyMatches(target, hash)) return target;
  rmSync(target, { recursive: true, force: true });
  const temp = join(root, `.tmp-${randomUUID()}`);
  mkdirSync(temp, { mode: 0o755 });
  try {
    for (const [name, data] of contents) writeFileSync(join(temp, name), data, { mode: 0o644 });
    chmodSync(temp, 0o755);
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    if (stagedCopyMatches(target, hash)) return target; // another judge process staged it first
    throw error;
  }
  return target;
}

function contentHash(contents: ReadonlyArray<readonly [string, Buffer]>): string {
  const hash = createHash('sha256');
  for (const [name, data] of contents) hash.update(`${name}\0${data.length}\0`).update(data);
  return hash.digest('hex');
}

function stagedCopyMatches(dir: string, hash: string): boolean {
  try {
    const stat = lstatSync(dir);
    if (!stat.isDirectory() || stat.uid !== (process.getuid?.() ?? stat.uid)) return false;
    const names = readdirSync(dir).filter((name) => name.endsWith('.py')).sort();
    return contentHash(names.map((name) => [name, readFileSync(join(dir, name))] as const)) === hash;
  } catch {
    return false;
  }
}

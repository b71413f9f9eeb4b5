/**
 * The judge's own files on the host (compiled validators, the seccomp program, box locks): a state
 * directory owned by the user the judge runs as (root in production), checked without following
 * links, so another local user cannot plant a file or a link where the judge will look.
 */
import { chmodSync, lstatSync, mkdirSync } from 'node:fs';
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

/**
 * Box ids, as isolate's: every sandbox on the host gets its own pair of uids, `supervisor` (the
 * harness, pid 1) and `tests` (the forked test children), so that nothing one sandbox does is
 * accounted to another's uid (process counts, pipe buffers, inotify instances, keyrings) and a test
 * cannot touch its supervisor. Boxes are unique across every judge process on the host: a box is
 * held by an exclusively created lock file naming its holder; a holder that died leaves a stale
 * lock, which the next taker reclaims after killing whatever still runs under the box's uids.
 */
import { closeSync, openSync, readFileSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ensureOwnedDir } from './state-dir.js';

export interface Box {
  id: number;
  /** The harness (pid 1 of the sandbox). */
  supervisorUid: number;
  /** Test children, validators' programs. */
  testUid: number;
  release(): void;
}

export interface UidPoolOptions {
  /** First uid of the pool (box k uses base + 2k and base + 2k + 1). */
  base: number;
  /** Boxes in the pool. */
  size: number;
  /** Folder of the lock files (owned by the judge's user). */
  lockDir: string;
}

export const DEFAULT_UID_BASE = 60_000;
export const DEFAULT_POOL_SIZE = 256;

export class UidPoolExhausted extends Error {
  readonly code = 'UID_POOL_EXHAUSTED' as const;
}

export class UidPool {
  private readonly held = new Set<number>();
  private next = 0;
  private readonly me = processIdentity(process.pid);

  constructor(private readonly opts: UidPoolOptions) {
    ensureOwnedDir(opts.lockDir, 0o700);
  }

  acquire(): Box {
    const { size, base } = this.opts;
    for (let tried = 0; tried < size; tried++) {
      const id = (this.next + tried) % size;
      if (this.held.has(id) || !this.tryLock(id)) continue;
      this.next = (id + 1) % size;
      this.held.add(id);
      let released = false;
      return {
        id,
        supervisorUid: base + 2 * id,
        testUid: base + 2 * id + 1,
        release: () => {
          if (released) return;
          released = true;
          this.held.delete(id);
          rmSync(this.lockPath(id), { force: true });
        },
      };
    }
    throw new UidPoolExhausted(`all ${size} sandbox uid pairs (uids ${base}…${base + 2 * size - 1}) are in use`);
  }

  private lockPath(id: number): string {
    return join(this.opts.lockDir, `box-${id}`);
  }

  private tryLock(id: number): boolean {
    const path = this.lockPath(id);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(path, 'wx', 0o600);
        writeSync(fd, this.me);
        closeSync(fd);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      // Taken: by a live process (skip it), or left by a dead one (reclaim it once).
      let holder = '';
      try {
        holder = readFileSync(path, 'utf8');
      } catch {
        continue; // released meanwhile: try again
      }
      if (holderAlive(holder)) return false;
      killUids([this.opts.base + 2 * id, this.opts.base + 2 * id + 1]);
      rmSync(path, { force: true });
    }
    return false;
  }
}

/** "<pid> <start time>": a pid alone could have been reused by an unrelated process. */
function processIdentity(pid: number): string {
  return `${pid} ${startTime(pid) ?? '?'}`;
}

function startTime(pid: number): string | undefined {
  try {
    // Field 22 of /proc/<pid>/stat, counted after the command name (which may contain spaces).
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[19];
  } catch {
    return undefined;
  }
}

function holderAlive(holder: string): boolean {
  const [pid, start] = holder.trim().split(' ');
  if (!pid || !/^\d+$/.test(pid)) return false; // a half-written lock: its writer died mid-write
  return startTime(Number(pid)) === start;
}

/** SIGKILLs every process whose real uid is one of `uids` (leftovers of a judge that died). */
function killUids(uids: number[]): void {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const uid = Number(/^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1]);
      if (uids.includes(uid)) process.kill(Number(entry), 'SIGKILL');
    } catch {
      // gone already
    }
  }
}

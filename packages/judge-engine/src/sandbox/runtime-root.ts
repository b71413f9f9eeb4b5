/**
 * The sandbox's root filesystem. As root: a minimal runtime (the system Python, its libraries and
 * standard library, the harness; see runtime/build_runtime.py) on a tmpfs of its own, mounted
 * read-only, nosuid, nodev and noswap: every page of it is always in memory, so no run can evict a
 * page another run will read, nor learn from the page cache what another run read; and no program
 * of the host (1,000+ in /usr/bin) or importable system package is in reach. The mount is shared by
 * every judge process on the host and built once per content hash (Python, harness, builder).
 *
 * Where mounting is not possible (no CAP_SYS_ADMIN, e.g. an unprivileged container) the same tree is
 * built in a plain folder of the state directory; without root, the host's /usr is bound as is and
 * the harness read from this package.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureOwnedDir } from './state-dir.js';

export interface RuntimeRoot {
  /** `tmpfs`: the dedicated mount; `directory`: the same tree on disk; `host`: the host's /usr. */
  kind: 'tmpfs' | 'directory' | 'host';
  /** Folder whose usr/ is the sandbox's /usr. */
  rootfs: string;
  /** Host folder of the harness, bound read-only at /harness. */
  harnessDir: string;
  /** Why the tmpfs was not used, when it was not. */
  note?: string;
}

const BUILDER = fileURLToPath(new URL('../../runtime/build_runtime.py', import.meta.url));
const SYSTEM_PYTHON = '/usr/bin/python3';
const MOUNT_BASE = '/run/duet-judge';
const TMPFS_SIZE = '256m';
const COMPLETE_MARKER = '.duet-runtime-complete';
const LOCK_WAIT_MS = 120_000;

export function prepareRuntimeRoot(harnessSourceDir: string, stateDir: string, root: boolean): RuntimeRoot {
  if (!root) return { kind: 'host', rootfs: '/', harnessDir: harnessSourceDir };
  const hash = runtimeHash(harnessSourceDir);
  try {
    ensureOwnedDir(MOUNT_BASE, 0o755);
    const target = join(MOUNT_BASE, `runtime-${hash}`);
    withLock(`${target}.lock`, () => {
      if (isCompleteMount(target)) return;
      mountAndBuild(target, harnessSourceDir);
    });
    return { kind: 'tmpfs', rootfs: target, harnessDir: join(target, 'harness') };
  } catch (error) {
    ensureOwnedDir(stateDir, 0o755);
    const base = ensureOwnedDir(join(stateDir, 'runtime'), 0o755);
    const target = join(base, hash);
    withLock(`${target}.lock`, () => {
      if (existsSync(join(target, COMPLETE_MARKER))) return;
      rmSync(target, { recursive: true, force: true });
      mkdirSync(target, { mode: 0o755 });
      build(target, harnessSourceDir);
    });
    return { kind: 'directory', rootfs: target, harnessDir: join(target, 'harness'), note: `no tmpfs runtime: ${(error as Error).message}` };
  }
}

/** Changes to Python, its standard library, the harness or the builder give a new root. */
function runtimeHash(harnessSourceDir: string): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(BUILDER));
  for (const name of readdirSync(harnessSourceDir).filter((n) => n.endsWith('.py')).sort()) {
    hash.update(name).update(readFileSync(join(harnessSourceDir, name)));
  }
  for (const path of [SYSTEM_PYTHON, '/usr/lib/python3']) {
    try {
      const stat = statSync(path);
      hash.update(`${path}:${stat.size}:${stat.mtimeMs}`);
    } catch {
      hash.update(`${path}:missing`);
    }
  }
  const version = execFileSync(SYSTEM_PYTHON, ['-I', '-c', 'import sys; print(sys.version)'], { encoding: 'utf8' });
  return hash.update(version).digest('hex').slice(0, 24);
}

function isCompleteMount(target: string): boolean {
  const mount = readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' '))
    .find((fields) => fields[4] === target);
  if (!mount) return false;
  const readOnly = (mount[5] ?? '').split(',').includes('ro');
  return readOnly && existsSync(join(target, COMPLETE_MARKER));
}

function mountAndBuild(target: string, harnessSourceDir: string): void {
  // A half-built mount left by a judge that died while building: start over.
  if (readFileSync('/proc/self/mountinfo', 'utf8').includes(` ${target} `)) execFileSync('umount', [target]);
  mkdirSync(target, { recursive: true, mode: 0o755 });
  const options = `size=${TMPFS_SIZE},mode=0755,uid=0,gid=0,nosuid,nodev`;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `${options},noswap`, 'duet-runtime', target], { stdio: 'pipe' });
  } catch {
    // noswap needs Linux 6.4; without swap configured the pages stay in memory anyway.
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'duet-runtime', target], { stdio: 'pipe' });
  }
  try {
    build(target, harnessSourceDir);
    execFileSync('mount', ['-o', 'remount,ro,nosuid,nodev', target], { stdio: 'pipe' });
  } catch (error) {
    try {
      execFileSync('umount', [target], { stdio: 'pipe' });
    } catch {
      // leave it: the next start sees no marker and rebuilds
    }
    throw error;
  }
}

function build(target: string, harnessSourceDir: string): void {
  execFileSync(SYSTEM_PYTHON, ['-I', BUILDER, target, harnessSourceDir], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
  writeFileSync(join(target, COMPLETE_MARKER), `${new Date().toISOString()}\n`);
}

/**
 * Runs `fn` holding a host-wide lock (an exclusively created folder): judges starting together
 * build the root once. A lock older than LOCK_WAIT_MS is a dead builder's and is taken over.
 */
function withLock(path: string, fn: () => void): void {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(path, { mode: 0o700 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let age = 0;
      try {
        age = Date.now() - statSync(path).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      if (age > LOCK_WAIT_MS || Date.now() > deadline) {
        rmdirSync(path);
        continue;
      }
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  try {
    fn();
  } finally {
    rmdirSync(path);
  }
}

/**
 * The `sandbox` driver (DESIGN §4): bubblewrap namespaces over a read-only rootfs, per-run cgroups,
 * wall-clock kill. This file holds its configuration and the availability probe; running a
 * submission is engine/run-harness.ts, running a validator is engine/custom-validator.ts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cgroupsUsable } from './cgroups.js';
import { type SandboxSpec, startSandbox } from './spawn-sandbox.js';
import { defaultStateDir, stageHarness } from './state-dir.js';
import { WarmPool } from './warm-pool.js';

export interface SandboxDriver {
  readonly name: 'sandbox';
  /** Root filesystem whose /usr is bound read-only into every sandbox. */
  readonly rootfs: string;
  /** Python inside the sandbox (a path in the rootfs). */
  readonly pythonPath: string;
  /** Per-run cgroups go under /sys/fs/cgroup/<controller>/<cgroupParent>/. */
  readonly cgroupParent: string;
  /** Host folder of the Python harness, bound read-only at /harness. */
  readonly harnessDir: string;
  /** Where compiled C/C++ output validators are cached by content hash. */
  readonly validatorCacheDir: string;
  /** Pre-started harness sandboxes (see warm-pool.ts). */
  readonly warmPool: WarmPool;
  /**
   * Kills the pre-started sandboxes and removes their cgroups; runs still work afterwards, each
   * starting its own. A process that used `warmSandboxes` calls it before exiting.
   */
  close(): Promise<void>;
}

export interface SandboxDriverOptions {
  rootfs?: string;
  pythonPath?: string;
  cgroupParent?: string;
  /**
   * The judge's own files (staged harness, compiled validators): default `/var/cache/duet-judge`
   * as root, `~/.cache/duet-judge` otherwise. Must be owned by the judge's user.
   */
  stateDir?: string;
  validatorCacheDir?: string;
  /**
   * Idle pre-started sandboxes kept per kind of run (default 0: each run starts its own). The
   * service keeps 1 (DUET_JUDGE_WARM_SANDBOXES); whoever sets it must `close()` the driver.
   */
  warmSandboxes?: number;
}

/** The harness shipped in this package (`harness/`), from src/sandbox/ or dist/sandbox/ alike. */
const HARNESS_SOURCE_DIR = fileURLToPath(new URL('../../harness/', import.meta.url)).replace(/\/$/, '');

export function createSandboxDriver(opts: SandboxDriverOptions = {}): SandboxDriver {
  const warmPool = new WarmPool(opts.warmSandboxes ?? 0);
  const stateDir = opts.stateDir ?? defaultStateDir();
  return {
    name: 'sandbox',
    rootfs: opts.rootfs ?? '/',
    pythonPath: opts.pythonPath ?? '/usr/bin/python3',
    cgroupParent: opts.cgroupParent ?? 'duet',
    // As root the sandbox runs under another uid, which may not traverse the folder this package
    // was installed in: it gets a staged copy it can read.
    harnessDir: isRoot() ? stageHarness(HARNESS_SOURCE_DIR, stateDir) : HARNESS_SOURCE_DIR,
    validatorCacheDir: opts.validatorCacheDir ?? join(stateDir, 'validators'),
    warmPool,
    close: () => warmPool.close(),
  };
}

export const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/** Privilege handling for a sandbox about to start: cgroups and uid drop only as root. */
export function privilegeSpec(driver: SandboxDriver, limits: NonNullable<SandboxSpec['cgroup']>['limits']): Pick<SandboxSpec, 'cgroup' | 'dropPrivileges'> {
  const root = isRoot();
  return {
    dropPrivileges: root,
    ...(root && cgroupsUsable().ok ? { cgroup: { parent: driver.cgroupParent, limits } } : {}),
  };
}

let probe: Promise<{ ok: boolean; reason?: string }> | undefined;

/** Whether sandboxed runs can work here (bwrap, user namespaces, the sandbox Python); cached. */
export function sandboxAvailable(driver: SandboxDriver = createSandboxDriver()): Promise<{ ok: boolean; reason?: string }> {
  probe ??= probeSandbox(driver);
  return probe;
}

async function probeSandbox(driver: SandboxDriver): Promise<{ ok: boolean; reason?: string }> {
  if (process.platform !== 'linux') return { ok: false, reason: `the sandbox driver needs Linux (this is ${process.platform})` };
  try {
    execFileSync('bwrap', ['--version'], { stdio: 'ignore', env: { PATH: '/usr/bin:/bin:/usr/local/bin' } });
  } catch {
    return { ok: false, reason: 'bubblewrap (bwrap) is not installed or not on PATH' };
  }
  if (!existsSync(join(driver.rootfs, driver.pythonPath))) return { ok: false, reason: `no Python at ${driver.pythonPath} in rootfs ${driver.rootfs}` };
  if (!existsSync(join(driver.harnessDir, 'main.py'))) return { ok: false, reason: `harness not found at ${driver.harnessDir}` };
  const sandbox = startSandbox({
    bwrap: { rootfs: driver.rootfs, tmpSizeBytes: 1 << 20, asPid1: false },
    command: [driver.pythonPath, '-I', '-S', '-c', 'print("duet-sandbox-ok")'],
    ...privilegeSpec(driver, { memoryBytes: 256 << 20, pidsMax: 16, cpuCores: 1 }),
    wallTimeoutMs: 10_000,
  });
  sandbox.stdin.end();
  let out = '';
  sandbox.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString('utf8');
  });
  const exit = await sandbox.exited;
  if (exit.code === 0 && out.includes('duet-sandbox-ok')) return { ok: true };
  const why = exit.stderr.trim().split('\n').slice(-3).join(' | ') || `exit ${exit.code ?? exit.signal}`;
  return { ok: false, reason: `bwrap could not start a sandbox (user namespaces disabled?): ${why}` };
}

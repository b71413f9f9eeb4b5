/**
 * The `sandbox` driver (DESIGN §4): bubblewrap namespaces over a read-only rootfs, per-run cgroups,
 * wall-clock kill. This file holds its configuration and the availability probe; running a
 * submission is judge/run-test-harness.ts, running a validator is judge/custom-validator.ts.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CgroupLimits, cgroupsUsable } from './cgroups.js';
import { type SeccompFilter, loadSeccompFilter } from './seccomp.js';
import { type SandboxSpec, startSandbox } from './spawn-sandbox.js';
import { type RuntimeRoot, prepareRuntimeRoot } from './runtime-root.js';
import { defaultStateDir, ensureOwnedDir } from './state-dir.js';
import { DEFAULT_POOL_SIZE, DEFAULT_UID_BASE, UidPool } from './uid-pool.js';
import { WarmPool } from './warm-pool.js';

export interface SandboxDriver {
  readonly name: 'sandbox';
  /** Root filesystem whose /usr is bound read-only into every sandbox (see runtime-root.ts). */
  readonly rootfs: string;
  /** What that root is, and why it is not the tmpfs runtime when it is not. */
  readonly runtime: { kind: RuntimeRoot['kind'] | 'unavailable'; note?: string };
  /** Root filesystem of sandboxes that compile validators (a read-only toolchain: the host's /usr). */
  readonly toolchainRoot: string;
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
  /** As root: the host-wide pool of sandbox uid pairs (see uid-pool.ts); undefined otherwise. */
  readonly uidPool: UidPool | undefined;
  /** The seccomp program every sandbox runs under, or why there is none (see seccomp.ts). */
  readonly seccomp: SeccompFilter;
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
  /** First uid of the sandbox uid pool (default 60000; box k uses base + 2k, base + 2k + 1). */
  uidBase?: number;
  /** Boxes in the pool (default 256): the most sandboxes running at once on this host. */
  uidPoolSize?: number;
}

/** The harness shipped in this package (`harness/`), from src/sandbox/ or dist/sandbox/ alike. */
const HARNESS_SOURCE_DIR = fileURLToPath(new URL('../../harness/', import.meta.url)).replace(/\/$/, '');

export function createSandboxDriver(opts: SandboxDriverOptions = {}): SandboxDriver {
  const warmPool = new WarmPool(opts.warmSandboxes ?? 0);
  const stateDir = opts.stateDir ?? defaultStateDir();
  // A fresh host has no state directory yet: its parent (`/var/cache`, `~/.cache`) may be created
  // freely; the directory itself must be ours.
  mkdirSync(dirname(stateDir), { recursive: true });
  ensureOwnedDir(stateDir, 0o755);
  const runtime = opts.rootfs ? { kind: 'host' as const, rootfs: opts.rootfs, harnessDir: HARNESS_SOURCE_DIR } : runtimeOrFallback(stateDir);
  return {
    name: 'sandbox',
    rootfs: runtime.rootfs,
    runtime: { kind: runtime.kind, ...(runtime.note ? { note: runtime.note } : {}) },
    toolchainRoot: '/',
    pythonPath: opts.pythonPath ?? '/usr/bin/python3',
    cgroupParent: opts.cgroupParent ?? 'duet',
    harnessDir: runtime.harnessDir,
    validatorCacheDir: opts.validatorCacheDir ?? join(stateDir, 'validators'),
    warmPool,
    uidPool: isRoot()
      ? new UidPool({ base: opts.uidBase ?? DEFAULT_UID_BASE, size: opts.uidPoolSize ?? DEFAULT_POOL_SIZE, lockDir: join(stateDir, 'boxes') })
      : undefined,
    seccomp: loadSeccompFilter(stateDir),
    close: () => warmPool.close(),
  };
}

/** The runtime root for this host; a failure to build it makes the sandbox unavailable as root. */
function runtimeOrFallback(stateDir: string): Omit<RuntimeRoot, 'kind'> & { kind: RuntimeRoot['kind'] | 'unavailable' } {
  try {
    return prepareRuntimeRoot(HARNESS_SOURCE_DIR, stateDir, isRoot());
  } catch (error) {
    return { kind: 'unavailable', rootfs: '/', harnessDir: HARNESS_SOURCE_DIR, note: `cannot build the sandbox runtime: ${(error as Error).message}` };
  }
}

export const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

/**
 * Who a sandbox about to start runs as, and its cgroups. As root: a uid pair of its own from the
 * pool and per-run cgroups; a `supervisor` (the harness) also runs its test children under the
 * pair's second uid and measures them through the run's cgroup counters. Otherwise the caller's
 * own uid, rlimits only.
 */
export function privilegeSpec(
  driver: SandboxDriver,
  limits: CgroupLimits,
  options: { supervisor?: boolean } = {},
): Pick<SandboxSpec, 'identity' | 'cgroup' | 'seccomp'> {
  const supervisor = options.supervisor ?? false;
  const seccomp = driver.seccomp.ok ? { seccomp: driver.seccomp.program } : {};
  if (!driver.uidPool) return { identity: { kind: 'caller' }, ...seccomp };
  return {
    identity: { kind: 'box', pool: driver.uidPool, supervisor },
    ...seccomp,
    ...(cgroupsUsable().ok ? { cgroup: { parent: driver.cgroupParent, limits, bindAccounting: supervisor } } : {}),
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
  if (driver.runtime.kind === 'unavailable') return { ok: false, reason: driver.runtime.note ?? 'no sandbox runtime' };
  if (!existsSync(join(driver.harnessDir, 'main.py'))) return { ok: false, reason: `harness not found at ${driver.harnessDir}` };
  // As root the judge serves others' code: it never runs without its seccomp filter. A developer's
  // unprivileged duet-pack may (the README says what that leaves out).
  if (!driver.seccomp.ok && isRoot()) return { ok: false, reason: driver.seccomp.reason };
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

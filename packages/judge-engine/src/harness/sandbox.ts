/**
 * What every harness run shares, whether it judges tests or probes complexity: the sandbox it runs
 * in (harness bound read-only, pid 1, per-run cgroups) and the capped JSON-lines reader of its
 * result pipe.
 */
import { type SandboxDriver, privilegeSpec } from '../sandbox/driver.js';
import { type SandboxProcess, prestartSandbox } from '../sandbox/spawn-sandbox.js';
import { ProtocolViolation } from './protocol.js';

export const MIB = 1024 * 1024;
/** Private /tmp and /dev/shm of the sandbox, each. */
const TMPFS_BYTES = 64 * MIB;
/** Harness interpreter, both tmpfs and slack on top of the submission's own memory limit. */
const CGROUP_MEMORY_OVERHEAD = 2 * TMPFS_BYTES + 96 * MIB;
const SANDBOX_PIDS_MAX = 64;
/** Memory limit of a pre-started sandbox before a run sets its own (the idle harness needs ~10 MiB). */
const IDLE_MEMORY_MB = 64;

/**
 * How the harness's interpreter starts, for test runs and complexity probes alike: a program must
 * not be able to tell the two apart by `sys.flags` or `os.environ`. Isolated mode minus -E (the
 * environment is bwrap's cleared one plus HARNESS_ENV, read by glibc).
 */
export const HARNESS_PYTHON_FLAGS = ['-s', '-P', '-S', '-B', '-X', 'utf8'] as const;
/**
 * glibc malloc that never trims its heap nor mmaps a large block: a large block (a list's array,
 * a set's or dict's table, a long str) freed by one timed call is reused, already faulted in, by
 * the next, instead of costing this VM's microseconds-per-page faults again on every call. Small
 * objects stay with pymalloc: PYTHONMALLOC=malloc made every test ~20 % slower here, and spread
 * ints and tuples out in memory (hash-table builds then read as O(n log n)).
 */
export const HARNESS_ENV: Readonly<Record<string, string>> = {
  GLIBC_TUNABLES: 'glibc.malloc.trim_threshold=4294967296:glibc.malloc.mmap_threshold=4294967296',
};

export interface HarnessSandboxOptions {
  memoryMb: number;
  wallTimeoutMs: number;
  signal?: AbortSignal;
}

export function startHarnessSandbox(driver: SandboxDriver, opts: HarnessSandboxOptions): SandboxProcess {
  const spec = {
    bwrap: {
      rootfs: driver.rootfs,
      roBinds: [{ src: driver.harnessDir, dest: '/harness' }],
      tmpSizeBytes: TMPFS_BYTES,
      asPid1: true,
      env: HARNESS_ENV,
    },
    command: [driver.pythonPath, ...HARNESS_PYTHON_FLAGS, '/harness/main.py'],
    // The memory limit is the run's, set when the run takes the sandbox; until then the default's.
    ...privilegeSpec(driver, { memoryBytes: IDLE_MEMORY_MB * MIB + CGROUP_MEMORY_OVERHEAD, pidsMax: SANDBOX_PIDS_MAX, cpuCores: 1 }, { supervisor: true }),
  };
  // The harness reads nothing before the run's header: a pre-started one waits at that read.
  const key = JSON.stringify({ bwrap: spec.bwrap, command: spec.command, cgroup: spec.cgroup, seccomp: spec.seccomp !== undefined });
  const idle = driver.warmPool.take(key, () => prestartSandbox(spec));
  return idle.activate({
    wallTimeoutMs: opts.wallTimeoutMs,
    memoryBytes: opts.memoryMb * MIB + CGROUP_MEMORY_OVERHEAD,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
}

export interface HarnessLineReader {
  /** Why the host stopped reading (a cap, a protocol violation, or `fail` from outside), if it did. */
  readonly stopReason: string | undefined;
  /** Stops reading and kills the sandbox; the first reason given is kept. */
  fail(reason: string): void;
}

/**
 * Hands each line of the sandbox's stdout to `onLine` until the sandbox ends or a cap is passed.
 * `onLine` throwing ProtocolViolation (or anything) stops the run as a judge fault.
 */
export function readHarnessLines(
  sandbox: SandboxProcess,
  caps: { maxLineBytes: number; maxTotalBytes: number },
  onLine: (line: string) => void,
): HarnessLineReader {
  const reader = {
    stopReason: undefined as string | undefined,
    fail(reason: string): void {
      reader.stopReason ??= reason;
      sandbox.kill();
    },
  };
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  sandbox.stdout.on('data', (chunk: Buffer) => {
    if (reader.stopReason !== undefined) return;
    total += chunk.length;
    if (total > caps.maxTotalBytes) return reader.fail('harness output exceeded its cap');
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      pending.push(chunk.subarray(start, nl));
      const line = Buffer.concat(pending).toString('utf8');
      pending = [];
      pendingBytes = 0;
      start = nl + 1;
      try {
        onLine(line);
      } catch (error) {
        return reader.fail(error instanceof ProtocolViolation ? error.message : `host failed on a harness event: ${String(error)}`);
      }
      if (reader.stopReason !== undefined) return;
    }
    const rest = chunk.subarray(start);
    pendingBytes += rest.length;
    if (pendingBytes > caps.maxLineBytes) return reader.fail('harness wrote an over-long line');
    if (rest.length) pending.push(rest);
  });
  return reader;
}

/**
 * Runs the Python harness for one bundle in one sandbox and streams its events. The harness is the
 * sandbox's pid 1 (so no test child can signal it or reach its result pipe); the host reads JSON
 * lines from the sandbox's stdout with a per-line and a total cap.
 */
import type { RunBundle } from '../bundle.js';
import { type SandboxDriver, privilegeSpec } from '../sandbox/driver.js';
import { type SandboxExit, startSandbox } from '../sandbox/spawn-sandbox.js';
import { type HarnessEvent, type HarnessLimits, ProtocolViolation, encodeBundleStream, parseHarnessLine } from './harness-protocol.js';

const MIB = 1024 * 1024;
/** Private /tmp and /dev/shm of the submission's sandbox, each. */
const TMPFS_BYTES = 64 * MIB;
/** Harness interpreter, both tmpfs and slack on top of the submission's own memory limit. */
const CGROUP_MEMORY_OVERHEAD = 2 * TMPFS_BYTES + 96 * MIB;
const SANDBOX_PIDS_MAX = 64;
const STARTUP_ALLOWANCE_MS = 10_000;

export function harnessLimits(bundle: RunBundle): HarnessLimits {
  const { time_ms, memory_mb, output_kb } = bundle.limits;
  return { time_ms, memory_mb, output_kb, wall_ms: time_ms * 2 + 1000 };
}

export interface HarnessRun {
  /** Resolves once the sandbox is gone; `stopReason` says why the host stopped reading, if it did. */
  finished: Promise<{ exit: SandboxExit; stopReason?: string }>;
  /** Kills the sandbox (e.g. stopOnFirstFailure). */
  stop(): void;
  /** Processes the run's memory cgroup has OOM-killed so far. */
  oomKills(): number;
}

export function runHarness(
  driver: SandboxDriver,
  bundle: RunBundle,
  onEvent: (event: HarnessEvent) => void,
  signal?: AbortSignal,
): HarnessRun {
  const limits = harnessLimits(bundle);
  const sandbox = startSandbox({
    bwrap: {
      rootfs: driver.rootfs,
      roBinds: [{ src: driver.harnessDir, dest: '/harness' }],
      tmpSizeBytes: TMPFS_BYTES,
      asPid1: true,
    },
    command: [driver.pythonPath, '-I', '-S', '-B', '-X', 'utf8', '/harness/main.py'],
    ...privilegeSpec(driver, { memoryBytes: limits.memory_mb * MIB + CGROUP_MEMORY_OVERHEAD, pidsMax: SANDBOX_PIDS_MAX, cpuCores: 1 }),
    wallTimeoutMs: STARTUP_ALLOWANCE_MS + bundle.tests.length * (limits.wall_ms + 500),
    ...(signal ? { signal } : {}),
  });
  for (const chunk of encodeBundleStream(bundle, limits)) sandbox.stdin.write(chunk);
  sandbox.stdin.end();

  // A test line carries at most the capped stdout (base64) plus display-capped stderr and result.
  const maxLine = Math.ceil(((limits.output_kb * 1024 + 1) * 4) / 3) + 512 * 1024;
  const maxTotal = maxLine * (bundle.tests.length + 4);
  let stopReason: string | undefined;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let total = 0;
  const fail = (reason: string): void => {
    stopReason ??= reason;
    sandbox.kill();
  };
  sandbox.stdout.on('data', (chunk: Buffer) => {
    if (stopReason !== undefined) return;
    total += chunk.length;
    if (total > maxTotal) return fail('harness output exceeded its cap');
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
      pending.push(chunk.subarray(start, nl));
      const line = Buffer.concat(pending).toString('utf8');
      pending = [];
      pendingBytes = 0;
      start = nl + 1;
      try {
        onEvent(parseHarnessLine(line));
      } catch (error) {
        return fail(error instanceof ProtocolViolation ? error.message : `host failed on a harness event: ${String(error)}`);
      }
      if (stopReason !== undefined) return;
    }
    const rest = chunk.subarray(start);
    pendingBytes += rest.length;
    if (pendingBytes > maxLine) return fail('harness wrote an over-long line');
    if (rest.length) pending.push(rest);
  });
  const finished = sandbox.exited.then((exit) => (stopReason === undefined ? { exit } : { exit, stopReason }));
  return {
    finished,
    stop: () => {
      stopReason ??= 'stopped by the host';
      sandbox.kill();
    },
    oomKills: () => sandbox.oomKills(),
  };
}

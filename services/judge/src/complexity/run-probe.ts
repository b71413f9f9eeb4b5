/**
 * Runs the harness in probe mode in one sandbox (the same machinery as a judged run: bwrap, pid 1
 * harness, cgroups) and collects its events. The wall backstop kills the sandbox if the harness
 * overruns its budget; whatever sizes arrived before that are kept.
 */
import { ProtocolViolation } from '../engine/harness-protocol.js';
import { type SandboxDriver, privilegeSpec } from '../sandbox/driver.js';
import { type SandboxExit, startSandbox } from '../sandbox/spawn-sandbox.js';
import { type ProbeEvent, type ProbeHeaderInput, type ProbePoint, type ProbeStop, encodeProbeStream, parseProbeLine } from './probe-protocol.js';

const MIB = 1024 * 1024;
const TMPFS_BYTES = 64 * MIB;
const CGROUP_MEMORY_OVERHEAD = 2 * TMPFS_BYTES + 96 * MIB;
const SANDBOX_PIDS_MAX = 64;
/** Sandbox start-up plus one child overrunning the budget by its grace period. */
const BACKSTOP_SLACK_MS = 8000;
/**
 * Timing needs memory that does not have to be faulted in again on every call: this VM's page
 * faults cost microseconds each, and pymalloc returns its arenas to the kernel when they empty, so
 * an O(n) allocation looked O(n log n) or worse once n crossed an arena. glibc malloc that never
 * trims or mmaps keeps the pages after the warm-up call; timings become linear in the work.
 */
const PROBE_ENV = {
  PYTHONMALLOC: 'malloc',
  GLIBC_TUNABLES: 'glibc.malloc.trim_threshold=4294967296:glibc.malloc.mmap_threshold=4294967296',
} as const;
const MAX_LINE_BYTES = 256 * 1024;
const MAX_TOTAL_BYTES = 8 * MIB;

export interface ProbeRun {
  ready: boolean;
  compileError?: { line: number | null; message: string };
  fatal?: string;
  points: ProbePoint[];
  stop?: ProbeStop;
  done: boolean;
  exit: SandboxExit;
  /** Why the host stopped reading, if it did (a protocol violation: a judge fault). */
  stopReason?: string;
}

export async function runProbe(driver: SandboxDriver, input: ProbeHeaderInput, signal?: AbortSignal): Promise<ProbeRun> {
  const sandbox = startSandbox({
    bwrap: {
      rootfs: driver.rootfs,
      roBinds: [{ src: driver.harnessDir, dest: '/harness' }],
      tmpSizeBytes: TMPFS_BYTES,
      asPid1: true,
      env: PROBE_ENV,
    },
    // -I minus -E: the environment is the host's own (bwrap --clearenv + PROBE_ENV), and the
    // allocator must be read from it.
    command: [driver.pythonPath, '-s', '-P', '-S', '-B', '-X', 'utf8', '/harness/main.py'],
    ...privilegeSpec(driver, { memoryBytes: input.memory_mb * MIB + CGROUP_MEMORY_OVERHEAD, pidsMax: SANDBOX_PIDS_MAX, cpuCores: 1 }),
    wallTimeoutMs: input.plan.budget_ms + BACKSTOP_SLACK_MS,
    ...(signal ? { signal } : {}),
  });
  for (const chunk of encodeProbeStream(input)) sandbox.stdin.write(chunk);
  sandbox.stdin.end();

  const run: Omit<ProbeRun, 'exit'> = { ready: false, points: [], done: false };
  const fail = (reason: string): void => {
    run.stopReason ??= reason;
    sandbox.kill();
  };
  const onEvent = (event: ProbeEvent): void => {
    switch (event.event) {
      case 'ready':
        run.ready = true;
        return;
      case 'compile_error':
        run.compileError = { line: event.line, message: event.message };
        return;
      case 'fatal':
        run.fatal = event.message.slice(-1500);
        return;
      case 'done':
        run.done = true;
        return;
      case 'probe_point':
        if (!run.ready || run.stop) throw new ProtocolViolation('harness reported a probe point out of turn');
        run.points.push(strip(event));
        return;
      case 'probe_stop':
        run.stop = { reason: event.reason, n: event.n, message: event.message, ...(event.stderr ? { stderr: event.stderr } : {}) };
    }
  };
  let pending = '';
  let total = 0;
  sandbox.stdout.setEncoding('utf8');
  sandbox.stdout.on('data', (chunk: string) => {
    if (run.stopReason !== undefined) return;
    total += chunk.length;
    if (total > MAX_TOTAL_BYTES) return fail('harness output exceeded its cap');
    pending += chunk;
    for (let nl = pending.indexOf('\n'); nl !== -1; nl = pending.indexOf('\n')) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      try {
        onEvent(parseProbeLine(line));
      } catch (error) {
        return fail(error instanceof ProtocolViolation ? error.message : `host failed on a harness event: ${String(error)}`);
      }
    }
    if (pending.length > MAX_LINE_BYTES) fail('harness wrote an over-long line');
  });
  const exit = await sandbox.exited;
  return { ...run, exit };
}

function strip(event: ProbePoint & { event: 'probe_point' }): ProbePoint {
  const { event: _event, ...point } = event;
  return point;
}

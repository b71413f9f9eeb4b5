/**
 * How a test's process ended, before any output checking: TLE, OLE, MLE, RE, IE, or "ran" (exited 0,
 * so the output decides). Only host-measured or harness-measured figures and the closed set of
 * signal names are trusted; the child's own exception report only refines an RE/MLE.
 */
import type { Verdict } from '@duet/sdk/judge';
import type { HarnessLimits, TestObservation } from '../harness/protocol.js';

export type RunOutcome =
  | { kind: 'ran' }
  | { kind: 'failed'; verdict: Exclude<Verdict, 'AC' | 'WA' | 'CE'>; signal?: string; exit_code?: number; message: string };

/** Peak RSS at or above this share of the memory limit makes a kill or crash count as MLE. */
const NEAR_MEMORY_LIMIT = 0.9;

export function classifyRun(obs: TestObservation, limits: HarnessLimits): RunOutcome {
  if (obs.setup_error !== null) return { kind: 'failed', verdict: 'IE', message: `test setup failed: ${obs.setup_error.slice(0, 300)}` };
  if (obs.outcome === 'wall_timeout')
    return { kind: 'failed', verdict: 'TLE', message: `killed at the wall-clock limit (${limits.wall_ms} ms)` };
  if (obs.outcome === 'cpu_timeout' || obs.cpu_ms > limits.time_ms || obs.signal === 'SIGXCPU')
    return { kind: 'failed', verdict: 'TLE', message: `CPU time over the limit (${limits.time_ms} ms)` };
  if (obs.output_over_limit || obs.signal === 'SIGXFSZ')
    return { kind: 'failed', verdict: 'OLE', message: `output over the limit (${limits.output_kb} KiB)` };
  if (obs.exception?.type === 'MemoryError')
    return { kind: 'failed', verdict: 'MLE', message: `MemoryError: memory limit ${limits.memory_mb} MiB` };
  // Resident memory of the test's whole process tree (the run's cgroup, where there is one): over
  // the limit is MLE even when the program finished before the cgroup's own limit stopped it.
  if (obs.memory_kb > limits.memory_mb * 1024)
    return { kind: 'failed', verdict: 'MLE', message: `used more than the memory limit (${limits.memory_mb} MiB)` };
  const nearMemoryLimit = obs.memory_kb >= limits.memory_mb * 1024 * NEAR_MEMORY_LIMIT;
  if (obs.outcome === 'signaled') {
    const signal = obs.signal ?? 'signal';
    if (nearMemoryLimit && ['SIGKILL', 'SIGSEGV', 'SIGABRT', 'SIGBUS'].includes(signal))
      return { kind: 'failed', verdict: 'MLE', signal, message: `killed by ${signal} at the memory limit (${limits.memory_mb} MiB)` };
    return { kind: 'failed', verdict: 'RE', signal, message: `killed by ${signal}` };
  }
  if (obs.exit_code !== 0) {
    const exit_code = obs.exit_code ?? -1;
    const exception = obs.exception ? `${obs.exception.type}: ${obs.exception.message}` : `exit code ${exit_code}`;
    return { kind: 'failed', verdict: 'RE', exit_code, message: exception };
  }
  return { kind: 'ran' };
}

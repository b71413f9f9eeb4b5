/**
 * Runs the harness in probe mode in one sandbox (the same machinery as a judged run: bwrap, pid 1
 * harness, cgroups) and collects its events. The wall backstop kills the sandbox if the harness
 * overruns its budget; whatever sizes arrived before that are kept.
 */
import { ProtocolViolation } from '../harness/protocol.js';
import { MIB, readHarnessLines, startHarnessSandbox } from '../harness/sandbox.js';
import type { SandboxDriver } from '../sandbox/driver.js';
import type { SandboxExit } from '../sandbox/spawn-sandbox.js';
import { type ProbeEvent, type ProbeHeaderInput, type ProbePoint, type ProbeStop, encodeProbeStream, parseProbeLine } from './probe-protocol.js';

/** Sandbox start-up plus one child overrunning the budget by its grace period. */
const BACKSTOP_SLACK_MS = 8000;
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
  const sandbox = startHarnessSandbox(driver, {
    memoryMb: input.limits.memory_mb,
    // A test-sized run at the last size may pass its own wall limit on top of the budget.
    wallTimeoutMs: input.plan.budget_ms + input.limits.wall_ms + BACKSTOP_SLACK_MS,
    ...(signal ? { signal } : {}),
  });
  for (const chunk of encodeProbeStream(input)) sandbox.stdin.write(chunk);
  sandbox.stdin.end();

  const run: Omit<ProbeRun, 'exit' | 'stopReason'> = { ready: false, points: [], done: false };
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
        addPoint(run.points, strip(event));
        return;
      case 'probe_stop':
        run.stop = { reason: event.reason, n: event.n, message: event.message, ...(event.stderr ? { stderr: event.stderr } : {}) };
    }
  };
  const reader = readHarnessLines(sandbox, { maxLineBytes: MAX_LINE_BYTES, maxTotalBytes: MAX_TOTAL_BYTES }, (line) =>
    onEvent(parseProbeLine(line)),
  );
  const exit = await sandbox.exited;
  return { ...run, exit, ...(reader.stopReason === undefined ? {} : { stopReason: reader.stopReason }) };
}

/**
 * A size measured again (the harness re-sweeps when the budget allows) adds its repeats to the
 * first measurement of that n: one point per size, with every timing of it.
 */
function addPoint(points: ProbePoint[], point: ProbePoint): void {
  const same = points.find((p) => p.n === point.n);
  if (!same) {
    points.push(point);
    return;
  }
  same.seconds = [...same.seconds, ...point.seconds];
  same.slowdown = [...same.slowdown, ...point.slowdown];
  same.test_seconds = [...same.test_seconds, ...point.test_seconds];
  same.test_kb = [...same.test_kb, ...point.test_kb];
  same.test_timeout ||= point.test_timeout;
  same.control_seconds ??= point.control_seconds;
  same.control_kb ??= point.control_kb;
  same.bytes = Math.min(same.bytes, point.bytes);
  same.depth = Math.max(same.depth, point.depth);
  same.ops ??= point.ops;
  same.wall_ms += point.wall_ms;
}

function strip(event: ProbePoint & { event: 'probe_point' }): ProbePoint {
  const { event: _event, ...point } = event;
  return point;
}

/**
 * The host side of the harness's probe mode (harness/README.md, "Probe mode"): the header
 * that starts it and validation of the events it streams back. Everything the harness reports
 * after user code ran is untrusted: only well-formed, finite figures are accepted.
 */
import { type HarnessEvent, type HarnessLimits, ProtocolViolation, parseHarnessLine } from '../harness/protocol.js';
import type { RunBundle } from '@duet/sdk/run';

export interface ProbePlan {
  budget_ms: number;
  max_n?: number;
  seed: number;
  start_n?: number;
  repeats?: number;
}

/** One size as measured in the sandbox. */
export interface ProbePoint {
  n: number;
  /** CPU seconds per call, one per repeat, scaled to the machine's best speed (see probe_child.reference_ns). */
  seconds: number[];
  /** How much slower than its best the machine was around each repeat (≥ 1). */
  slowdown: number[];
  /** Calls per timed batch (tiny calls are batched). */
  batch: number;
  /** Peak auxiliary bytes: tracemalloc peak + call-stack bytes. */
  bytes: number;
  /** Peak call depth below the entry. */
  depth: number;
  /** Python line + call events of one call, plus the modelled comparisons of sorting, heapq and bisect (harness/c_costs.py); null when not counted at this size (too slow to trace). */
  ops: number | null;
  wall_ms: number;
  /**
   * CPU seconds of whole test-sized runs of the solution at this size (the first sweep's, and a
   * re-sweep's where the first cost clearly more than the bench saw), each forked and run exactly as
   * a test is: fork, input parsing, the program, its exit. Kernel-measured.
   */
  test_seconds: number[];
  /** Peak RSS (KiB) those runs added to the harness's own (a forked child starts with it). */
  test_kb: number[];
  /** A test-sized run passed the test time or output limit (its CPU seconds are then a lower bound). */
  test_timeout: boolean;
  /**
   * CPU seconds and added peak RSS of the same run with an empty solution (the control); null when
   * it failed, or was not needed (the test-sized run cost under 5 ms).
   */
  control_seconds: number | null;
  control_kb: number | null;
}

export const PROBE_STOP_REASONS = ['budget', 'max_n', 'generator_error', 'solution_error', 'timeout', 'memory', 'harness_error'] as const;
export type ProbeStopReason = (typeof PROBE_STOP_REASONS)[number];

export interface ProbeStop {
  reason: ProbeStopReason;
  n: number | null;
  message: string;
  stderr?: string;
}

export type ProbeEvent =
  | Exclude<HarnessEvent, { event: 'test' }>
  | ({ event: 'probe_point' } & ProbePoint)
  | ({ event: 'probe_stop' } & ProbeStop);

export interface ProbeHeaderInput {
  code: string;
  files?: RunBundle['files'];
  interface: RunBundle['interface'];
  generator: string;
  plan: ProbePlan;
  /** The limits of the problem's tests: test-sized runs get exactly these. */
  limits: HarnessLimits;
  /** Whether the harness may report the program's stderr (a traceback) with a failure: not for submit runs. */
  stderr: boolean;
}

/** "<N>\n" + N bytes of header JSON (probe mode sends no test inputs). */
export function encodeProbeStream(input: ProbeHeaderInput): Buffer[] {
  const header = Buffer.from(
    JSON.stringify({
      mode: 'probe',
      code: input.code,
      files: input.files ?? {},
      interface: input.interface.type === 'function' ? { type: 'function', entry: input.interface.entry } : { type: 'stdio' },
      generator: input.generator,
      plan: input.plan,
      // Test-sized runs get these; the probe's own children get what is left of the budget.
      limits: input.limits,
      stderr: input.stderr,
      tests: 0,
    }),
    'utf8',
  );
  return [Buffer.from(`${header.length}\n`, 'ascii'), header];
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

export function parseProbeLine(line: string): ProbeEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ProtocolViolation(`harness wrote a non-JSON line: ${line.slice(0, 120)}`);
  }
  const e = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (e.event === 'probe_point') {
    const seconds = e.seconds;
    const ok =
      finite(e.n) && Number.isInteger(e.n) && (e.n as number) >= 1 &&
      Array.isArray(seconds) && seconds.length > 0 && seconds.length <= 64 && seconds.every(finite) &&
      Array.isArray(e.slowdown) && e.slowdown.length <= 64 && e.slowdown.every(finite) &&
      finite(e.batch) && finite(e.bytes) && finite(e.depth) && (e.ops === null || finite(e.ops)) && finite(e.wall_ms) &&
      Array.isArray(e.test_seconds) && e.test_seconds.length <= 64 && e.test_seconds.every(finite) &&
      Array.isArray(e.test_kb) && e.test_kb.length === e.test_seconds.length && e.test_kb.every(finite) &&
      typeof e.test_timeout === 'boolean' && (e.control_seconds === null || finite(e.control_seconds)) &&
      (e.control_kb === null || finite(e.control_kb));
    if (!ok) throw new ProtocolViolation(`harness wrote a malformed probe point: ${line.slice(0, 200)}`);
    return {
      event: 'probe_point',
      n: e.n as number,
      seconds: seconds as number[],
      slowdown: e.slowdown as number[],
      batch: e.batch as number,
      bytes: e.bytes as number,
      depth: e.depth as number,
      ops: e.ops as number | null,
      wall_ms: e.wall_ms as number,
      test_seconds: e.test_seconds as number[],
      test_kb: e.test_kb as number[],
      test_timeout: e.test_timeout as boolean,
      control_seconds: e.control_seconds as number | null,
      control_kb: e.control_kb as number | null,
    };
  }
  if (e.event === 'probe_stop') {
    const reason = e.reason as ProbeStopReason;
    if (!PROBE_STOP_REASONS.includes(reason) || !(e.n === null || finite(e.n)) || typeof e.message !== 'string')
      throw new ProtocolViolation(`harness wrote a malformed probe stop: ${line.slice(0, 200)}`);
    return {
      event: 'probe_stop',
      reason,
      n: e.n as number | null,
      message: e.message.slice(0, 2000),
      ...(typeof e.stderr === 'string' && e.stderr ? { stderr: e.stderr.slice(-4000) } : {}),
    };
  }
  const event = parseHarnessLine(line);
  if (event.event === 'test') throw new ProtocolViolation('harness reported a test in probe mode');
  return event;
}

/**
 * probeComplexity: one complexity analysis in one sandbox (DESIGN §4 "Complexity probe"). The
 * harness grows n, runs the generator and the solution in forked children and streams one point per
 * size; the host fits the classes with the SDK's fitter and builds the ComplexityReport.
 */
import { type ComplexityClass, type ComplexityReport, complexityVerdict, parseComplexityClass } from '@duet/sdk/judge';
import { DEFAULT_MEMORY_MB, DEFAULT_OUTPUT_KB, DEFAULT_PROBE_BUDGET_MS, DuetError, type ProbeSpec, type RunBundle, parseProbeSpec } from '@duet/sdk/run';
import type { SandboxDriver } from '../sandbox/driver.js';
import { classify } from './classify.js';
import { testLimits } from '../harness/protocol.js';
import { type CrossChecked, crossChecked, testRunBytes, testRunSeconds } from './cross-check.js';
import type { ProbePoint, ProbeStop, ProbeStopReason } from './probe-protocol.js';
import { runProbe } from './run-probe.js';

export interface ProbeInput {
  code: string;
  /** The other files of a multi-file submission (as in a run bundle). */
  files?: RunBundle['files'];
  interface: RunBundle['interface'];
  probe: ProbeSpec;
  /** The problem's memory limit (default DEFAULT_MEMORY_MB). */
  memory_mb?: number;
  /**
   * The problem's time limit per test, ms: test-sized runs of the solution get exactly a test's
   * limits (default: the probe's budget).
   */
  time_ms?: number;
  /** The problem's output limit, KiB (default DEFAULT_OUTPUT_KB): test-sized runs get it too. */
  output_kb?: number;
  /**
   * Whether failures may carry what the program or the generator printed or raised (default true:
   * an author's or candidate's own analysis). Submit runs pass false: hidden data must not leak.
   */
  details?: boolean;
}

export interface ProbeOptions {
  driver: SandboxDriver;
  signal?: AbortSignal;
  /** Given the raw measurements before they are classified (bench:complexity --record keeps them to replay). */
  onPoints?: (points: readonly ProbePoint[]) => void;
}

/** Fewer distinct sizes than this cannot tell the classes apart. */
export const MIN_SIZES = 3;

export async function probeComplexity(input: ProbeInput, opts: ProbeOptions): Promise<ComplexityReport> {
  const spec = parseProbeSpec(input.probe);
  const expected = expectedClasses(spec);
  const started = performance.now();
  const budgetMs = spec.budget_ms ?? DEFAULT_PROBE_BUDGET_MS;
  const details = input.details ?? true;
  opts.signal?.throwIfAborted();
  const run = await runProbe(
    opts.driver,
    {
      code: input.code,
      ...(input.files ? { files: input.files } : {}),
      interface: input.interface,
      generator: spec.generator,
      plan: { budget_ms: budgetMs, seed: spec.seed ?? 0, ...(spec.max_n !== undefined ? { max_n: spec.max_n } : {}) },
      limits: testLimits({ time_ms: input.time_ms ?? budgetMs, memory_mb: input.memory_mb ?? DEFAULT_MEMORY_MB, output_kb: input.output_kb ?? DEFAULT_OUTPUT_KB }),
      stderr: details,
    },
    opts.signal,
  );
  if (opts.signal?.aborted) throw opts.signal.reason ?? new DOMException('The analysis was aborted', 'AbortError');
  if (run.compileError)
    throw new DuetError('COMPILE_ERROR', `the solution does not compile${run.compileError.line ? ` (line ${run.compileError.line})` : ''}: ${run.compileError.message}`);
  if (run.stop?.reason === 'generator_error') throw new DuetError('GENERATOR_ERROR', `the problem's complexity generator failed: ${run.stop.message}`);
  if (run.fatal ?? run.stopReason ?? run.stop?.reason === 'harness_error')
    throw new DuetError('PROBE_FAILED', `the complexity probe failed in the judge: ${run.fatal ?? run.stopReason ?? run.stop?.message}`);
  if (!run.ready)
    throw new DuetError('PROBE_FAILED', `the sandbox did not start (${run.exit.timedOut ? 'timed out' : `exit ${run.exit.code ?? run.exit.signal}`}): ${run.exit.stderr.trim().slice(-500)}`);
  const sizes = new Set(run.points.map((p) => p.n)).size;
  if (sizes < MIN_SIZES) throw tooFew(run.points, run.stop, run.exit.timedOut);

  opts.onPoints?.(run.points);
  const classified = classifyPoints(run.points);
  // Where the test-sized runs overruled the instruments, their figures are the ones shown.
  const { fromTestRuns } = classified;
  const timePoints = run.points.map((p) => timePoint(p, fromTestRuns.time)).filter((p) => p !== undefined);
  const spacePoints = run.points.map((p) => ({ n: p.n, bytes: fromTestRuns.space ? testRunBytes(p) : p.bytes })).filter((p) => p.bytes !== undefined);
  const report: ComplexityReport = {
    time: { ...classified.time, points: timePoints.sort((a, b) => a.n - b.n) },
    space: { ...classified.space, points: (spacePoints as Array<{ n: number; bytes: number }>).sort((a, b) => a.n - b.n) },
    elapsed_ms: Math.round(performance.now() - started),
    stopped: run.stop ? (details ? run.stop.message : STOPPED[run.stop.reason]) : run.exit.timedOut ? 'the analysis was stopped at its wall-clock backstop' : 'the harness ended early',
  };
  if (expected) {
    report.expected = expected;
    report.verdict = complexityVerdict({ time: report.time.class, space: report.space.class }, expected);
  }
  return report;
}

/** Why sizes stopped growing, without anything the program or the generator wrote. */
const STOPPED: Record<ProbeStopReason, string> = {
  budget: 'the time budget is spent',
  max_n: 'reached the largest size of the probe',
  generator_error: "the problem's generator failed at a larger size",
  solution_error: 'the solution failed at a larger size',
  timeout: 'the solution passed the time or output limit at a larger size',
  memory: 'the solution ran out of memory at a larger size',
  harness_error: 'the judge failed at a larger size',
};

/** The classes of a probe's raw measurements: the instruments' fit, cross-checked by the test-sized runs. */
export function classifyPoints(points: readonly ProbePoint[]): CrossChecked {
  return crossChecked(classify(points), points);
}

function timePoint(p: ProbePoint, fromTestRuns: boolean): ComplexityReport['time']['points'][number] | undefined {
  const seconds = fromTestRuns ? testRunSeconds(p) : Math.min(...p.seconds);
  return seconds === undefined ? undefined : { n: p.n, seconds, ops: p.ops ?? 0 };
}

function expectedClasses(spec: ProbeSpec): ComplexityReport['expected'] | undefined {
  const parse = (text: string | undefined, field: string): ComplexityClass | undefined => {
    if (text === undefined) return undefined;
    const cls = parseComplexityClass(text);
    if (!cls) throw new DuetError('PROBE_INVALID', `invalid probe: complexity.${field}: not a complexity class: ${JSON.stringify(text)}`);
    return cls;
  };
  const time = parse(spec.expected_time, 'expected_time');
  const space = parse(spec.expected_space, 'expected_space');
  if (!time && !space) return undefined;
  return { ...(time ? { time } : {}), ...(space ? { space } : {}) };
}

function tooFew(points: ProbePoint[], stop: ProbeStop | undefined, timedOut: boolean): DuetError {
  const measured = points.length ? `only ${points.length} size${points.length === 1 ? '' : 's'} (n ≤ ${Math.max(...points.map((p) => p.n))}) could be measured` : 'no size could be measured';
  const why = stop ? stop.message : timedOut ? 'the analysis hit its wall-clock backstop' : 'the harness ended early';
  if (stop && ['solution_error', 'timeout', 'memory'].includes(stop.reason)) {
    const trace = stop.stderr ? `\n${stop.stderr.trim().slice(-1500)}` : '';
    return new DuetError('SOLUTION_ERROR', `${measured}: the solution failed at ${why}${trace}`);
  }
  return new DuetError('SOLUTION_ERROR', `${measured} within the time budget (${why}); at least ${MIN_SIZES} are needed`);
}

import { type ComplexityClass, type ComplexityReport, compareComplexity } from '../../judge/index.js';
import { DEFAULT_PROBE_BUDGET_MS, TEST_PROBE_BUDGET_MS } from '../../run/limits.js';
import type { ProbeSpec } from '../../run/probe-spec.js';
import { probeSpecFor, readSubmission, withIncludedFiles } from '../run-bundle.js';
import type { LoadedProblem } from '../types.js';
import type { PackJudge } from './pack-judge.js';

type Submission = LoadedProblem['submissions'][number];

/** What `duet-pack test` reports about a problem's probe. */
export interface ProblemProbe {
  expected_time?: ComplexityClass;
  expected_space?: ComplexityClass;
  /** Analysis budget per probed submission. */
  budget_ms: number;
}

/** A probe ready to run on each accepted submission. */
export interface PreparedProbe {
  spec: ProbeSpec;
  summary: ProblemProbe;
}

/** One submission's measured classes, as `duet-pack test` reports them. */
export interface ProbeOutcome {
  /** mismatch: slower than duet.yaml's expected classes, or the probe failed. */
  status: 'ok' | 'mismatch';
  time?: ComplexityClass;
  space?: ComplexityClass;
  time_confidence?: number;
  space_confidence?: number;
  verdict?: NonNullable<ComplexityReport['verdict']>;
  note?: string;
}

/** The problem's probe with the `test` budget, or null when duet.yaml declares none. */
export async function problemProbe(problem: LoadedProblem): Promise<PreparedProbe | null> {
  const spec = await probeSpecFor(problem, { budgetMs: TEST_PROBE_BUDGET_MS });
  if (!spec) return null;
  const summary: ProblemProbe = { budget_ms: TEST_PROBE_BUDGET_MS };
  const complexity = problem.duet.complexity;
  if (complexity?.expected_time) summary.expected_time = complexity.expected_time;
  if (complexity?.expected_space) summary.expected_space = complexity.expected_space;
  return { spec, summary };
}

/**
 * Probes one submission with the short `test` budget. Fewer sizes mean more noise, so a result
 * slower than expected is only a mismatch when a second analysis at the judge's full budget (what
 * a submit run uses) confirms it; a failed probe is a mismatch too (the author's generator, usually).
 */
export async function probeSubmission(
  problem: LoadedProblem,
  probe: PreparedProbe,
  submission: Submission,
  session: PackJudge,
): Promise<ProbeOutcome> {
  const iface = problem.duet.interface;
  const source = await withIncludedFiles(problem, await readSubmission(submission, problem));
  const analyse = (spec: ProbeSpec) =>
    session.probe({
      ...source,
      interface: iface.type === 'function' ? { type: 'function', entry: iface.entry } : { type: 'stdio' },
      probe: spec,
      memory_mb: problem.limits.memoryMb,
    });
  let report: ComplexityReport;
  let confirmed = false;
  try {
    report = await analyse(probe.spec);
    if (report.verdict === 'slower_than_expected') {
      report = await analyse({ ...probe.spec, budget_ms: DEFAULT_PROBE_BUDGET_MS });
      confirmed = true;
    }
  } catch (error) {
    return { status: 'mismatch', note: `complexity probe failed: ${error instanceof Error ? error.message : String(error)}` };
  }
  const slower = slowerAxes(report);
  const decisive = slower.filter((axis) => axis.confidence >= MIN_MISMATCH_CONFIDENCE);
  const outcome: ProbeOutcome = {
    status: decisive.length > 0 ? 'mismatch' : 'ok',
    time: report.time.class,
    space: report.space.class,
    time_confidence: Number(report.time.confidence.toFixed(3)),
    space_confidence: Number(report.space.confidence.toFixed(3)),
  };
  if (report.verdict) outcome.verdict = report.verdict;
  if (report.verdict === 'slower_than_expected') {
    const again = confirmed ? `, also in a ${DEFAULT_PROBE_BUDGET_MS / 1000} s analysis` : '';
    const text = slower.map((a) => `${a.text} (confidence ${a.confidence.toFixed(2)})`).join(', ');
    outcome.note =
      decisive.length > 0
        ? `complexity ${complexityVerdictText(report.verdict)}: ${text}${again}`
        : `complexity inconclusive, not counted: ${text}${again}; below confidence ${MIN_MISMATCH_CONFIDENCE}`;
  }
  return outcome;
}

/**
 * A measured class above the expected one fails `test` only at this confidence or more: a
 * low-confidence class (a curve that fits two classes about equally, e.g. a set whose memory
 * wobbles with its resizes) is reported, not counted against the author.
 */
const MIN_MISMATCH_CONFIDENCE = 0.6;

/** The axes measured above their expected class, e.g. "time O(n^2) > O(n)". */
function slowerAxes(report: ComplexityReport): Array<{ text: string; confidence: number }> {
  const slower: Array<{ text: string; confidence: number }> = [];
  for (const axis of ['time', 'space'] as const) {
    const expected = report.expected?.[axis];
    const measured = report[axis].class;
    if (expected && compareComplexity(measured, expected) > 0)
      slower.push({ text: `${axis} ${measured} > ${expected}`, confidence: report[axis].confidence });
  }
  return slower;
}

export function complexityVerdictText(verdict: NonNullable<ComplexityReport['verdict']>): string {
  return verdict === 'as_expected' ? 'as expected' : 'slower than expected';
}

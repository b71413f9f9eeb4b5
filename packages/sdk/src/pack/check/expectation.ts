import type { RunResult, TestResult, Verdict } from '../../judge/verdict.js';
import { globMatchesOrParent } from '../glob.js';
import type { SubmissionRequirement } from '../submission-rules.js';
import type { RuleVerdict } from '../submissions-yaml.js';

/**
 * What a judged test counts as in a requirement: the spec's four verdicts, with RTE covering every
 * run-time failure (an exception, the memory or the output limit), and MLE for Duet's own
 * memory_limit_exceeded/ folder. CE and IE count as nothing: they never meet an expectation.
 */
function ruleVerdicts(verdict: Verdict): RuleVerdict[] {
  switch (verdict) {
    case 'AC':
    case 'WA':
    case 'TLE':
      return [verdict];
    case 'MLE':
      return ['RTE', 'MLE'];
    case 'RE':
    case 'OLE':
      return ['RTE'];
    default:
      return [];
  }
}

const ANY: readonly RuleVerdict[] = ['AC', 'WA', 'TLE', 'RTE'];
const inSet = (test: Pick<TestResult, 'verdict'>, set: readonly RuleVerdict[]) => ruleVerdicts(test.verdict).some((v) => set.includes(v));
/** The run's own vocabulary (RE, not RTE) for what tables show next to its verdict. */
const shown = (set: readonly RuleVerdict[]) => set.map((v) => (v === 'RTE' ? 'RE' : v)).join('/');

export interface ExpectationCheck {
  ok: boolean;
  /** The first requirement that failed, and how. */
  note?: string;
}

/**
 * Checks a run against a submission's requirements: on the tests each one covers, every verdict in
 * `permitted`, at least one in `required`, and the `message` in at least one judge message.
 * `firstFailureOnly` (legacy judging, which stops at the first rejected test case) looks at the
 * tests up to and including the first non-AC one.
 */
export function checkRequirements(
  requirements: readonly SubmissionRequirement[],
  run: Pick<RunResult, 'tests' | 'compile_error' | 'internal_error'>,
  options: { firstFailureOnly: boolean },
): ExpectationCheck {
  if (run.compile_error) return { ok: false, note: 'it does not compile' };
  if (run.internal_error) return { ok: false, note: `judge error: ${run.internal_error}` };
  const firstFailure = run.tests.findIndex((t) => t.verdict !== 'AC');
  const tests = options.firstFailureOnly && firstFailure >= 0 ? run.tests.slice(0, firstFailure + 1) : run.tests;
  for (const rule of requirements) {
    const covered = rule.tests === undefined ? tests : tests.filter((t) => globMatchesOrParent(rule.tests!, t.name));
    const where = rule.tests === undefined ? '' : ` in ${rule.tests}`;
    const bad = covered.find((t) => !inSet(t, rule.permitted));
    if (bad) {
      const why = bad.message ? `: ${bad.message}` : '';
      return { ok: false, note: `${bad.name} got ${bad.verdict}, but ${rule.source} permits only ${shown(rule.permitted)}${why}` };
    }
    if (!covered.some((t) => inSet(t, rule.required))) {
      return { ok: false, note: `no test${where} got ${shown(rule.required)}, which ${rule.source} requires` };
    }
    if (rule.message !== undefined && !covered.some((t) => t.message?.includes(rule.message!))) {
      return { ok: false, note: `no judge message${where} contains ${JSON.stringify(rule.message)} (${rule.source})` };
    }
  }
  return { ok: true };
}

/** A short statement of what is expected: a folder's verdict ("WA"), or each rule's ("AC in sample, TLE in secret/*-large"). */
export function expectedLabel(requirements: readonly SubmissionRequirement[]): string {
  const any = (set: readonly RuleVerdict[]) => ANY.every((v) => set.includes(v));
  const labels = requirements.map((rule) => {
    const verdicts = !any(rule.required) ? shown(rule.required) : !any(rule.permitted) ? shown(rule.permitted) : '';
    const scope = rule.tests === undefined ? '' : ` in ${rule.tests}`;
    const message = rule.message === undefined ? '' : `${verdicts ? ' ' : ''}message ${JSON.stringify(rule.message)}`;
    return `${verdicts}${message}${scope}`.trim() || 'any verdict';
  });
  return [...new Set(labels)].join(', ') || 'any verdict';
}

/** Whether stopping at the first rejected test cannot change the outcome (every rule permits AC only). */
export function decidedByFirstFailure(requirements: readonly SubmissionRequirement[]): boolean {
  return requirements.every((rule) => rule.permitted.every((v) => v === 'AC'));
}

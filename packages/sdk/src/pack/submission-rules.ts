import { globMatchesOrParent } from './glob.js';
import type { FormatGeneration } from './problem-yaml.js';
import type { RuleVerdict, SubmissionsYaml, SubmissionsYamlRule } from './submissions-yaml.js';

/**
 * What a submission must do on the tests: "all test cases must have only verdicts present in
 * `permitted`; at least one test case must have a verdict in `required`; if given, the `message`
 * string must be included as a case-sensitive substring in the `judgemessage.txt` for at least one
 * test case" (2025-09), over the tests `tests` names (a data/ glob; absent = all of them).
 */
export interface SubmissionRequirement {
  /** Where it comes from: `wrong_answer/ (default)` or `submissions.yaml: accepted/*.py`. */
  source: string;
  tests?: string;
  permitted: RuleVerdict[];
  required: RuleVerdict[];
  message?: string;
  useForTimeLimit?: boolean | 'lower' | 'upper';
}

const ANY: RuleVerdict[] = ['AC', 'WA', 'TLE', 'RTE'];
type Default = Pick<SubmissionsYamlRule, 'permitted' | 'required'>;

/** 2023-07+ "Default directories", plus Duet's memory_limit_exceeded/ (MLE: a memory run-time error). */
const MODERN_DEFAULTS: Record<string, Default> = {
  accepted: { permitted: ['AC'] },
  rejected: { required: ['RTE', 'TLE', 'WA'] },
  wrong_answer: { permitted: ['AC', 'WA'], required: ['WA'] },
  time_limit_exceeded: { permitted: ['AC', 'TLE'], required: ['TLE'] },
  run_time_error: { permitted: ['AC', 'RTE'], required: ['RTE'] },
  brute_force: { permitted: ['AC', 'RTE', 'TLE'], required: ['RTE', 'TLE'] },
  memory_limit_exceeded: { permitted: ['AC', 'MLE'], required: ['MLE'] },
};

/**
 * Legacy folders, from the spec's table ("Wrong answer for some test case, but is not too slow and
 * does not crash for any test case", …). Legacy judging stops at the first rejected test case, so
 * these apply to the tests judged up to it: the first failure must be the folder's verdict.
 */
const LEGACY_DEFAULTS: Record<string, Default> = {
  accepted: { permitted: ['AC'] },
  wrong_answer: { permitted: ['AC', 'WA'], required: ['WA'] },
  time_limit_exceeded: { permitted: ['AC', 'WA', 'TLE'], required: ['TLE'] },
  run_time_error: { required: ['RTE'] },
  memory_limit_exceeded: { required: ['MLE'] },
};

/** The folders of submissions/ whose submissions are judged: legacy has a closed list, 2023-07+ any. */
export function judgedCategory(generation: FormatGeneration, category: string): boolean {
  return generation !== 'legacy' || category in LEGACY_DEFAULTS;
}

/**
 * A submission's requirements: its folder's default (keys replaced by a submissions.yaml entry
 * named exactly like the folder: "Keys that are not specified are inherited from the default
 * configuration"), then every other matching glob's, which are additional.
 */
export function requirementsFor(generation: FormatGeneration, name: string, category: string, yaml: SubmissionsYaml | undefined): SubmissionRequirement[] {
  const defaults = generation === 'legacy' ? LEGACY_DEFAULTS : MODERN_DEFAULTS;
  const out: SubmissionRequirement[] = [];
  const base = defaults[category];
  const override = base ? yaml?.[category] : undefined;
  if (base) {
    const top = override?.rules.find((r) => r.tests === undefined);
    out.push(requirement(override ? `submissions.yaml: ${category}` : `${category}/ (default)`, { ...base, ...top }));
  }
  for (const [glob, entry] of Object.entries(yaml ?? {})) {
    if (entry === override) {
      for (const rule of entry.rules.filter((r) => r.tests !== undefined)) out.push(requirement(`submissions.yaml: ${glob}`, rule));
    } else if (globMatchesOrParent(glob, name)) {
      for (const rule of entry.rules) out.push(requirement(`submissions.yaml: ${glob}`, rule));
    }
  }
  return out;
}

function requirement(source: string, rule: SubmissionsYamlRule): SubmissionRequirement {
  // "`use_for_time_limit: lower` … is equivalent to a `permitted: [AC, WA, RTE]` constraint, and [upper] to a `required: [TLE]` constraint."
  const permitted = rule.permitted ?? (rule.useForTimeLimit === 'lower' ? ['AC', 'WA', 'RTE'] : ANY);
  const required = rule.required ?? (rule.useForTimeLimit === 'upper' ? ['TLE'] : ANY);
  const out: SubmissionRequirement = { source: rule.tests ? `${source} ${rule.tests}` : source, permitted, required };
  if (rule.tests !== undefined) out.tests = rule.tests;
  if (rule.message !== undefined) out.message = rule.message;
  if (rule.useForTimeLimit !== undefined) out.useForTimeLimit = rule.useForTimeLimit;
  return out;
}

/**
 * The requirements that bound the time limit from below, each over its tests: "Any submission that
 * is not permitted to get TLE at all (on some subset of cases) … is used to provide a lower bound",
 * unless `use_for_time_limit: false`. Legacy: the accepted submissions (time_multiplier × slowest).
 */
export function lowerBoundRequirements(generation: FormatGeneration, category: string, requirements: readonly SubmissionRequirement[]): SubmissionRequirement[] {
  if (generation === 'legacy') return category === 'accepted' ? [...requirements] : [];
  return requirements.filter((r) => r.useForTimeLimit !== false && !r.permitted.includes('TLE'));
}

/** "Any submission that must satisfy a `required: TLE` requirement … is used to provide an upper bound." */
export function boundsTimeLimitFromAbove(requirements: readonly SubmissionRequirement[]): boolean {
  return requirements.some((r) => r.useForTimeLimit !== false && r.required.length === 1 && r.required[0] === 'TLE');
}

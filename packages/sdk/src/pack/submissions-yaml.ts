import * as z from 'zod';
import { expandBraces, globMatches, globProblem } from './glob.js';
import { expected, packErrorMap } from './zod-issues.js';

/**
 * `submissions/submissions.yaml` (2023-07+): "The top-level keys in submissions.yaml are glob
 * patterns matching files or directories under submissions/", each mapping to metadata and
 * requirements (`permitted`, `required`, `message`, `use_for_time_limit`), optionally per test data
 * group: "by adding them under a key with the name of a test data group (relative to data/)".
 */

export const SPEC_VERDICTS = ['AC', 'WA', 'TLE', 'RTE'] as const;
/** The spec's verdicts, plus MLE for Duet's own `memory_limit_exceeded/` folder. */
export type RuleVerdict = (typeof SPEC_VERDICTS)[number] | 'MLE';

export interface SubmissionsYamlRule {
  /** Test data glob (relative to data/) the rule is limited to; absent = every test case. */
  tests?: string;
  permitted?: RuleVerdict[];
  required?: RuleVerdict[];
  message?: string;
  useForTimeLimit?: boolean | 'lower' | 'upper';
}

export interface SubmissionsYamlEntry {
  language?: string;
  entrypoint?: string;
  /** The entry's own requirements (when it sets any) first, then those per test data group. */
  rules: SubmissionsYamlRule[];
}

const verdict = z.enum(SPEC_VERDICTS, expected(SPEC_VERDICTS.join(', ')));
// "Sequence of strings"; one verdict on its own reads the same.
const verdicts = z.preprocess((v) => (typeof v === 'string' ? [v] : v), z.array(verdict, expected(`a list of verdicts from ${SPEC_VERDICTS.join(', ')}`)));
const RULE_SHAPE = {
  permitted: verdicts,
  required: verdicts,
  score: z.unknown(),
  message: z.string(expected('a substring of a judge message')),
  use_for_time_limit: z.union([z.boolean(), z.enum(['lower', 'upper'])], expected('true, false, "lower" or "upper"')),
};
const ENTRY_SHAPE = {
  language: z.string(expected('a language code, e.g. python3')),
  entrypoint: z.string(expected('the entry point, e.g. main.py')),
  authors: z.unknown(),
  model_solution: z.boolean(expected('true or false')),
  ...RULE_SHAPE,
};
const ruleSchema = z.strictObject(RULE_SHAPE).partial();
const entryKeysSchema = z.strictObject(ENTRY_SHAPE).partial();
type ParsedRule = z.output<typeof ruleSchema>;

const entrySchema = z.record(z.string(), z.unknown(), expected('a map of submission metadata and requirements')).transform((entry, ctx) => {
  const own: Record<string, unknown> = {};
  const rules: SubmissionsYamlRule[] = [];
  const report = (issues: z.core.$ZodIssue[], prefix: string[]) => {
    for (const issue of issues) ctx.issues.push({ code: 'custom', message: issue.message, path: [...prefix, ...issue.path], input: undefined });
  };
  const scoped: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(entry)) {
    if (key in ENTRY_SHAPE) own[key] = value;
    else if (isTestGlob(key)) scoped.push([key, value]);
    else {
      ctx.issues.push({
        code: 'custom',
        path: [key],
        input: undefined,
        message: `unknown key (allowed keys: ${Object.keys(ENTRY_SHAPE).join(', ')}, or a test data group under sample or secret, e.g. secret/group1)`,
      });
    }
  }
  const parsed = entryKeysSchema.safeParse(own, { error: packErrorMap });
  if (!parsed.success) report(parsed.error.issues, []);
  const top = parsed.success ? parsed.data : {};
  if (hasRequirement(top)) rules.push(toRule(top));
  for (const [tests, value] of scoped) {
    const rule = ruleSchema.safeParse(value ?? {}, { error: packErrorMap });
    if (!rule.success) report(rule.error.issues, [tests]);
    else rules.push({ ...toRule(rule.data), tests });
  }
  // The spec's `score` is for scoring problems only, and Duet refuses those.
  const scoreAt = [...(own.score !== undefined ? [[]] : []), ...scoped.filter(([, v]) => (v as { score?: unknown } | null)?.score !== undefined).map(([k]) => [k])];
  for (const prefix of scoreAt) {
    ctx.issues.push({ code: 'custom', path: [...prefix, 'score'], input: undefined, message: 'is for scoring problems, which Duet cannot judge' });
  }
  const out: SubmissionsYamlEntry = { rules };
  if (top.language !== undefined) out.language = top.language;
  if (top.entrypoint !== undefined) out.entrypoint = top.entrypoint;
  return out;
});

export const submissionsYamlSchema = z.preprocess(
  (value) => value ?? {},
  z.record(z.string(), z.preprocess((value) => value ?? {}, entrySchema), expected('a map from submission glob to metadata')).superRefine(
    (value, ctx) => {
      for (const key of Object.keys(value)) {
        const problem = globProblem(key);
        if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem });
      }
    },
    // Also when an entry has mistakes of its own: every issue at once.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  ),
);

export type SubmissionsYaml = z.output<typeof submissionsYamlSchema>;

/** A test data key: every alternative starts at `sample` or `secret` (the data/ folders that are judged). */
function isTestGlob(key: string): boolean {
  return expandBraces(key).every((alternative) => {
    const first = alternative.split('/')[0] ?? '';
    return globMatches(first, 'sample') || globMatches(first, 'secret');
  });
}

function hasRequirement(rule: ParsedRule): boolean {
  return rule.permitted !== undefined || rule.required !== undefined || rule.message !== undefined || rule.use_for_time_limit !== undefined;
}

function toRule(rule: ParsedRule): SubmissionsYamlRule {
  const out: SubmissionsYamlRule = {};
  if (rule.permitted !== undefined) out.permitted = rule.permitted;
  if (rule.required !== undefined) out.required = rule.required;
  if (rule.message !== undefined) out.message = rule.message;
  if (rule.use_for_time_limit !== undefined) out.useForTimeLimit = rule.use_for_time_limit;
  return out;
}

import * as z from 'zod';
import { parseValidatorFlags } from './validator-flags.js';
import { expected } from './zod-issues.js';

/**
 * problem.yaml as the Kattis problem package format defines it (problemarchive.org): the legacy
 * format, plus the 2023-07 / 2025-09 keys when `problem_format_version` says so. Unknown keys are
 * errors, as in Kattis; Duet's own settings live in duet.yaml.
 */

const positive = (what: string) => z.number(expected(`a positive number of ${what}`)).positive();
const KATTIS_LICENSES = ['unknown', 'public domain', 'cc0', 'cc by', 'cc by-sa', 'educational', 'permission'] as const;
// Kattis' closed list; a software licence such as MIT is the pack's and belongs in pack.yaml.
const license = z.enum(
  KATTIS_LICENSES,
  expected(`one of ${KATTIS_LICENSES.map((l) => `"${l}"`).join(', ')} (Kattis licences; the pack's own licence, e.g. MIT, goes in pack.yaml)`),
);
const text = (what: string) => z.string(expected(what));

/** Limits shared by every format version (sizes in MiB, times in seconds). */
const commonLimits = {
  memory: positive('MiB'),
  output: positive('MiB'),
  code: positive('KiB'),
  compilation_time: positive('seconds'),
  compilation_memory: positive('MiB'),
  validation_time: positive('seconds'),
  validation_memory: positive('MiB'),
  validation_output: positive('MiB'),
};

const LEGACY_VALIDATION = /^(default|custom( (interactive|score))*)$/;

const legacyProblemYaml = z
  .strictObject({
    // `legacy-icpc` is the ICPC subset of the legacy format: same keys.
    problem_format_version: z.enum(['legacy', 'legacy-icpc']),
    type: z.enum(['pass-fail', 'scoring'], expected('"pass-fail" or "scoring"')).optional(),
    name: text('the problem name').optional(),
    uuid: text('a UUID').optional(),
    author: text('the author(s), e.g. "Ada Lovelace and Alan Turing"').optional(),
    source: text('the source, e.g. a contest name').optional(),
    source_url: text('a URL').optional(),
    license: license.optional(),
    rights_owner: text('the rights owner').optional(),
    limits: z
      .strictObject({
        time_multiplier: positive('times the slowest accepted submission'),
        time_safety_margin: positive('times the time limit'),
        ...commonLimits,
      })
      .partial()
      .optional(),
    validation: z
      .string(expected('default, custom, "custom interactive" or "custom score"'))
      .regex(LEGACY_VALIDATION)
      .optional(),
    validator_flags: text('validator flags as one string, e.g. "float_tolerance 1e-6"').optional(),
    keywords: text('keywords as one space-separated string').optional(),
    languages: text('language codes as one space-separated string, or "all"').optional(),
    grading: z
      .strictObject({
        objective: z.enum(['max', 'min'], expected('"max" or "min"')).optional(),
        show_test_data_groups: z.boolean(expected('true or false')).optional(),
        accept_score: z.number(expected('a number')).optional(),
        reject_score: z.number(expected('a number')).optional(),
        range: text('a score range, e.g. "0 100"').optional(),
        on_reject: z.enum(['first_error', 'worst_error', 'grade'], expected('first_error, worst_error or grade')).optional(),
      })
      .optional(),
  })
  .superRefine(
    (value, ctx) => {
      // Flags go to the default validator only when it is the one in use; a custom one gets them as args.
      // This runs even when other keys are wrong (`when`), so the value is checked defensively.
      const { validation, validator_flags: flags } = value as { validation?: unknown; validator_flags?: unknown };
      if ((validation ?? 'default') !== 'default' || typeof flags !== 'string') return;
      const parsed = parseValidatorFlags(flags);
      if (!parsed.ok) for (const message of parsed.errors) ctx.addIssue({ code: 'custom', path: ['validator_flags'], message });
    },
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );

const PROBLEM_TYPES = ['pass-fail', 'scoring', 'multi-pass', 'interactive', 'submit-answer'] as const;
const problemType = z.enum(PROBLEM_TYPES, expected(PROBLEM_TYPES.join(', ')));
const sourceEntry = z.union([z.string(), z.strictObject({ name: z.string(), url: z.string().optional() })]);

const modernProblemYaml = z.strictObject({
  problem_format_version: z.enum(['2023-07-draft', '2023-07', '2025-09']),
  name: z.union([z.string(), z.record(z.string(), z.string())], expected('a name, or a map from language code to name')),
  uuid: text('a UUID').optional(),
  type: z.union([problemType, z.array(problemType)], expected(`one of ${PROBLEM_TYPES.join(', ')}, or a list of them`)).optional(),
  version: text('a version string').optional(),
  credits: z
    .union([z.string(), z.record(z.string(), z.unknown())], expected('an author string or a map of credit roles'))
    .optional(),
  source: z
    .union([sourceEntry, z.array(sourceEntry)], expected('a source string, {name, url}, or a list of them'))
    .optional(),
  license: license.optional(),
  rights_owner: z.union([z.string(), z.array(z.string())], expected('the rights owner')).optional(),
  embargo_until: text('a date, e.g. 2025-09-01').optional(),
  limits: z
    .strictObject({
      time_multipliers: z
        .strictObject({
          ac_to_time_limit: positive('times the slowest accepted submission'),
          time_limit_to_tle: positive('times the time limit'),
        })
        .partial()
        .optional(),
      time_limit: positive('seconds').optional(),
      time_resolution: positive('seconds').optional(),
      validation_passes: z.number(expected('a whole number >= 2')).int().min(2).optional(),
      ...commonLimits,
    })
    .partial()
    .optional(),
  keywords: z.array(z.string(), expected('a list of keywords')).optional(),
  languages: z.union([z.literal('all'), z.array(z.string())], expected('"all" or a list of language codes')).optional(),
  allow_file_writing: z.boolean(expected('true or false')).optional(),
  constants: z.record(z.string(), z.union([z.number(), z.string()]), expected('a map of constant names to numbers or strings')).optional(),
});

export const PROBLEM_FORMAT_VERSIONS = ['legacy', 'legacy-icpc', '2023-07-draft', '2023-07', '2025-09'] as const;

export const problemYamlSchema = z.preprocess(
  // A problem.yaml without problem_format_version is legacy (the Kattis rule).
  (value) =>
    value && typeof value === 'object' && !Array.isArray(value) && !('problem_format_version' in value)
      ? { problem_format_version: 'legacy', ...value }
      : value,
  z.discriminatedUnion('problem_format_version', [legacyProblemYaml, modernProblemYaml]),
);

export type ProblemYaml = z.output<typeof problemYamlSchema>;
export type LegacyProblemYaml = z.output<typeof legacyProblemYaml>;
export type ModernProblemYaml = z.output<typeof modernProblemYaml>;

export function isLegacyProblemYaml(problem: ProblemYaml): problem is LegacyProblemYaml {
  return problem.problem_format_version === 'legacy' || problem.problem_format_version === 'legacy-icpc';
}

/** The problem's display name: `name` (in `lang` when it is a language map), else the fallback. */
export function problemName(problem: ProblemYaml, fallback: string, lang = 'en'): string {
  const name = problem.name;
  if (typeof name === 'string') return name;
  if (name) return name[lang] ?? Object.values(name)[0] ?? fallback;
  return fallback;
}

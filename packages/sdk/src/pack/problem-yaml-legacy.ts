import * as z from 'zod';
import { commonLimits, license, positive, problemNameField, text } from './problem-yaml-fields.js';
import { parseValidatorFlags } from './validator-flags.js';
import { expected } from './zod-issues.js';

const LEGACY_VALIDATION = /^(default|custom( (interactive|score))*)$/;

/**
 * problem.yaml of the legacy format (problemarchive.org "legacy"). Contest archives write keys
 * with empty values (`validator_flags:`) and `name` as a language map: both are accepted, an empty
 * value meaning the key's default.
 */
export const legacyProblemYaml = z
  .strictObject({
    // `legacy-icpc` is the ICPC subset of the legacy format: same keys.
    problem_format_version: z.enum(['legacy', 'legacy-icpc']),
    type: z.enum(['pass-fail', 'scoring'], expected('"pass-fail" or "scoring"')).nullish(),
    name: problemNameField.nullish(),
    uuid: text('a UUID').nullish(),
    author: text('the author(s), e.g. "Ada Lovelace and Alan Turing"').nullish(),
    source: text('the source, e.g. a contest name').nullish(),
    source_url: text('a URL').nullish(),
    license: license.nullish(),
    rights_owner: text('the rights owner').nullish(),
    limits: z
      .strictObject({
        time_multiplier: positive('times the slowest accepted submission'),
        time_safety_margin: positive('times the time limit'),
        ...commonLimits,
      })
      .partial()
      .nullish(),
    validation: z
      .string(expected('default, custom, "custom interactive" or "custom score"'))
      .regex(LEGACY_VALIDATION)
      .nullish(),
    validator_flags: text('validator flags as one string, e.g. "float_tolerance 1e-6"').nullish(),
    keywords: text('keywords as one space-separated string').nullish(),
    languages: text('language codes as one space-separated string, or "all"').nullish(),
    grading: z
      .strictObject({
        objective: z.enum(['max', 'min'], expected('"max" or "min"')).optional(),
        show_test_data_groups: z.boolean(expected('true or false')).optional(),
        accept_score: z.number(expected('a number')).optional(),
        reject_score: z.number(expected('a number')).optional(),
        range: text('a score range, e.g. "0 100"').optional(),
        on_reject: z.enum(['first_error', 'worst_error', 'grade'], expected('first_error, worst_error or grade')).optional(),
      })
      .nullish(),
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

export type LegacyProblemYaml = z.output<typeof legacyProblemYaml>;

import * as z from 'zod';
import { commonLimits, license, positive, problemNameField, text } from './problem-yaml-fields.js';
import { expected } from './zod-issues.js';

/**
 * problem.yaml of the 2023-07 and 2025-09 formats (2025-09 is the 2023-07 draft completed; both
 * have the same keys). Keys and types follow the spec's "Problem metadata" table.
 */

export const PROBLEM_TYPES = ['pass-fail', 'scoring', 'multi-pass', 'interactive', 'submit-answer'] as const;
export type ProblemType = (typeof PROBLEM_TYPES)[number];
const problemType = z.enum(PROBLEM_TYPES, expected(PROBLEM_TYPES.join(', ')));

/** Spec: "Two values listed as incompatible must not both be in the sequence." */
const INCOMPATIBLE: Array<[ProblemType, ProblemType]> = [
  ['pass-fail', 'scoring'],
  ['multi-pass', 'submit-answer'],
  ['interactive', 'submit-answer'],
];

const typeField = z
  .union([problemType, z.array(problemType).min(1)], expected(`one of ${PROBLEM_TYPES.join(', ')}, or a non-empty list of them`))
  .superRefine((value, ctx) => {
    if (!Array.isArray(value)) return;
    const repeated = value.filter((t, i) => value.indexOf(t) !== i);
    if (repeated.length) ctx.addIssue({ code: 'custom', message: `lists ${[...new Set(repeated)].join(', ')} more than once: expected each type once` });
    for (const [a, b] of INCOMPATIBLE) {
      if (value.includes(a) && value.includes(b)) ctx.addIssue({ code: 'custom', message: `"${a}" and "${b}" are incompatible: expected at most one of them` });
    }
  });

/** "Full Name <email>" or {name, email, orcid, kattis}. */
const person = z.union(
  [
    z.string(),
    z.strictObject({
      name: text('the full name'),
      email: text('an email address').optional(),
      orcid: text('an ORCID, e.g. 0000-0001-7414-8743').optional(),
      kattis: text('a Kattis username').optional(),
    }),
  ],
  expected('a person: "Full Name <email>" or {name, email, orcid, kattis}'),
);
const persons = z.union([person, z.array(person).min(1)], expected('a person or a non-empty list of persons'));

const credits = z.union(
  [
    z.string(),
    z
      .strictObject({
        authors: persons,
        contributors: persons,
        testers: persons,
        translators: z.record(z.string(), persons, expected('a map from language code to translator(s)')),
        packagers: persons,
        acknowledgements: persons,
      })
      .partial(),
  ],
  expected('an author string or a map of credit roles (authors, contributors, testers, translators, packagers, acknowledgements)'),
);

// `name` is checked in a refinement: zod then reports it inside the unions below instead of "matches none of the forms".
const sourceMap = z.strictObject({ name: text('the source name, e.g. NWERC 2024').optional(), url: text('a URL').optional() }).superRefine((value, ctx) => {
  if (value.name === undefined) ctx.addIssue({ code: 'custom', path: ['name'], message: 'missing: expected the source name, e.g. NWERC 2024' });
});
const sourceEntry = z.union([z.string(), sourceMap], expected('a source name or {name, url}'));
// One flat union: zod then reports the issues of the one form whose type the value has.
const source = z.union([z.string(), sourceMap, z.array(sourceEntry).min(1)], expected('a source string, {name, url}, or a list of them'));

const CONSTANT_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const constants = z.record(
  z.string().regex(CONSTANT_NAME, `expected a constant name matching ${CONSTANT_NAME.source}`),
  z.union([z.number(), z.string()], expected('an int, a float or a string')),
);

const multiplier = (what: string) => z.number(expected(`a number >= 1 (${what})`)).min(1);

export const modernProblemYaml = z.strictObject({
  problem_format_version: z.enum(['2023-07-draft', '2023-07', '2025-09']),
  type: typeField.optional(),
  name: problemNameField,
  uuid: text('a UUID').optional(),
  version: text('a version string').optional(),
  credits: credits.optional(),
  source: source.optional(),
  license: license.optional(),
  rights_owner: z.union([z.string(), z.array(z.string())], expected('the rights owner')).optional(),
  embargo_until: text('a date, e.g. 2025-09-01').optional(),
  limits: z
    .strictObject({
      time_multipliers: z
        .strictObject({
          ac_to_time_limit: multiplier('times the slowest accepted submission'),
          time_limit_to_tle: multiplier('times the time limit'),
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
  languages: z.union([z.literal('all'), z.array(z.string()).min(1)], expected('"all" or a non-empty list of language codes')).optional(),
  allow_file_writing: z.boolean(expected('true or false')).optional(),
  constants: constants.optional(),
});

export type ModernProblemYaml = z.output<typeof modernProblemYaml>;

import * as z from 'zod';
import { expected } from './zod-issues.js';

/** Problem ids are folder names: lowercase letters, digits and dashes (`two-sum`). */
export const PROBLEM_ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** `@scope/name`, npm style, lowercase. */
export const PACK_NAME_PATTERN = /^@[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._-]*$/;
/** Semantic versioning 2.0.0 (no leading `v`, no leading zeros). */
export const SEMVER_PATTERN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

export const problemIdSchema = z
  .string(expected('a problem id of lowercase letters, digits and dashes, e.g. "two-sum"'))
  .regex(PROBLEM_ID_PATTERN);

const personSchema = z.union(
  [
    z.string(expected('an author as "Name <email>"')).min(1),
    z.strictObject({
      name: z.string(expected('a name')).min(1),
      email: z.string(expected('an email address')).optional(),
      url: z.string(expected('a URL')).optional(),
    }),
  ],
  expected('an author as "Name <email>" or {name, email?, url?}'),
);

const priceSchema = z.union(
  [
    z.literal(0),
    z.strictObject({
      amount: z.number(expected('a positive price, e.g. 9.99')).positive(),
      currency: z.string(expected('a 3-letter ISO currency code, e.g. usd')).regex(/^[a-z]{3}$/),
    }),
  ],
  expected('0 (free) or {amount: 9.99, currency: usd}'),
);

export const DEFAULT_RUNTIME = { image: 'duet/python:3.11', language: 'python', version: '3.11' } as const;

const runtimeSchema = z.strictObject({
  image: z.string(expected('a runtime image reference, e.g. "duet/python:3.11"')).min(1),
  language: z.enum(['python'], expected('"python" (the only runtime language so far)')),
  version: z.string(expected('a language version string, e.g. "3.11"')).min(1),
});

/** pack.yaml: the pack's identity, price, runtime and problem order. */
export const packYamlSchema = z.strictObject({
  name: z
    .string(expected('a scoped npm-style name, lowercase, e.g. "@acme/interview-basics"'))
    .regex(PACK_NAME_PATTERN),
  version: z
    .string(expected('a semver version, e.g. 1.0.0'))
    .regex(SEMVER_PATTERN),
  title: z.string(expected('a title')).min(1),
  description: z.string(expected('a description')).default(''),
  license: z.string(expected('an SPDX license id, e.g. MIT')).regex(/^[A-Za-z0-9.+()-]+( (AND|OR|WITH) [A-Za-z0-9.+()-]+)*$/).optional(),
  authors: z.array(personSchema, expected('a list of authors')).default([]),
  price: priceSchema.default(0),
  runtime: runtimeSchema.default({ ...DEFAULT_RUNTIME }),
  problems: z.array(problemIdSchema, expected('a list of problem ids, each a folder problems/<id>/'))
    .min(1, 'expected at least one problem id'),
});

export type PackManifest = z.output<typeof packYamlSchema>;

import * as z from 'zod';
import { expected } from './zod-issues.js';

/**
 * Test data settings of the 2023-07 and 2025-09 formats: a group's `testdata.yaml` (2023-07) or
 * `test_group.yaml` (2025-09), and a test case's own `<name>.yaml`. Unknown keys are errors ("Any
 * unknown keys should be treated as an error").
 */

// The spec says "sequence of strings"; YAML reads `1e-6` as a number, so numbers are taken as written.
const argList = z.array(
  z.union([z.string(), z.number()], expected('a string')).transform(String),
  expected('a list of strings, e.g. [float_tolerance, "1e-6"]'),
);
const inputValidatorArgs = z.union(
  [argList, z.record(z.string(), argList)],
  expected('a list of strings, or a map from input validator name to a list of strings'),
);
const flag = z.boolean(expected('true or false'));
const note = z.string(expected('a string'));

const testCaseKeys = {
  args: argList,
  input_validator_args: inputValidatorArgs,
  output_validator_args: argList,
  input_visualizer_args: argList,
  output_visualizer_args: argList,
  full_feedback: flag,
  hint: note,
  description: note,
};

/** `<test>.yaml` beside a test case's `.in`. */
export const testCaseYamlSchema = z.strictObject(testCaseKeys).partial();

/** 2025-09 `test_group.yaml` in data/sample, data/secret and each test data group. */
export const testGroupYamlSchema = z
  .strictObject({
    max_score: z.union([z.number().int().nonnegative(), z.literal('unbounded')], expected('a non-negative integer or "unbounded"')),
    score_aggregation: z.enum(['pass-fail', 'sum', 'min'], expected('pass-fail, sum or min')),
    static_validation_score: z.union([z.number().int().nonnegative(), z.literal('pass-fail')], expected('an integer or "pass-fail"')),
    require_pass: z.union([z.string(), z.array(z.string())], expected('a group name or a list of them')),
    args: argList,
    input_validator_args: inputValidatorArgs,
    static_validator_args: argList,
    output_validator_args: argList,
    input_visualizer_args: argList,
    output_visualizer_args: argList,
    full_feedback: flag,
  })
  .partial();

/** 2023-07 `testdata.yaml` in any test data group (the spec before `test_group.yaml` was its name). */
export const testdataYamlSchema = z
  .strictObject({
    scoring: z.record(z.string(), z.unknown(), expected('a map of scoring settings')),
    static_validation: z.union([z.boolean(), z.record(z.string(), z.unknown())], expected('true, false or a map')),
    ...testCaseKeys,
  })
  .partial();

export type TestSettings = z.output<typeof testCaseYamlSchema> & Partial<z.output<typeof testGroupYamlSchema>> & Partial<z.output<typeof testdataYamlSchema>>;

/** Keys that only make sense for problem types Duet refuses, or for a static validator it does not run. */
export const UNJUDGEABLE_KEYS: Record<string, string> = {
  max_score: 'is for scoring problems, which Duet cannot judge (a pass-fail problem must not set it)',
  score_aggregation: 'is for scoring problems, which Duet cannot judge (a pass-fail problem must not set it)',
  require_pass: 'is for scoring problems, which Duet cannot judge (a pass-fail problem must not set it)',
  scoring: 'is for scoring problems, which Duet cannot judge',
  static_validation_score: 'needs a static validator, which Duet does not run',
  static_validator_args: 'needs a static validator, which Duet does not run',
};

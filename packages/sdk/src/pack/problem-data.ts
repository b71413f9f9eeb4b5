import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { CheckerSpec } from '../judge/checker-spec.js';
import { substituteInFiles } from './constants.js';
import { PackValidationError } from './errors.js';
import { usesCustomValidation } from './load-problem.js';
import { isLegacyProblemYaml } from './problem-yaml.js';
import { readTests } from './run-bundle.js';
import type { LoadedProblem, OutputValidatorFiles, TestGroup } from './types.js';
import { parseValidatorFlags, validatorArgs } from './validator-flags.js';

/**
 * How the judge checks this problem's output: `exact` when duet.yaml says so, the custom output
 * validator (its files read into the spec) when problem.yaml uses one, else the Kattis default
 * validator with the parsed `validator_flags`.
 */
export async function checkerSpecFor(problem: LoadedProblem): Promise<CheckerSpec> {
  if (problem.duet.checker === 'exact') return { type: 'exact' };
  const flagsText = isLegacyProblemYaml(problem.problem) ? problem.problem.validator_flags : undefined;
  const validator = problem.outputValidator;
  if (validator && usesCustomValidation(problem.problem, true)) {
    const sources: Record<string, string> = {};
    for (const file of validator.files) sources[file] = await readFile(path.join(validator.dir, file), 'utf8');
    const files = substituteInFiles(sources, problem.constants);
    const args = validatorArgs(flagsText);
    return args.length ? { type: 'custom', language: validator.language, files, args } : { type: 'custom', language: validator.language, files };
  }
  const parsed = parseValidatorFlags(flagsText);
  // The loader already validated the flags; this only guards hand-built LoadedProblem objects.
  if (!parsed.ok) {
    throw new PackValidationError(parsed.errors.map((message) => ({ file: 'problem.yaml', field: 'validator_flags', message })), `problem ${problem.id}`);
  }
  return Object.keys(parsed.flags).length ? { type: 'default', flags: parsed.flags } : { type: 'default' };
}

export interface TestData {
  name: string;
  input: string;
  answer: string;
}

/** The text of the problem's tests (one group, or all), in test order. */
export async function readTestData(problem: LoadedProblem, group?: TestGroup): Promise<TestData[]> {
  return readTests(group ? problem.tests.filter((t) => t.group === group) : problem.tests);
}

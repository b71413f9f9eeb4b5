/**
 * Checks a test's output on the host with the SDK checkers (or the custom output validator in its
 * own sandbox). Expected answers only ever exist here, never in the submission's sandbox.
 */
import { CheckerError, type CheckerSpec, defaultValidator, exactValidator, jsonAnswerValidator } from '@duet/sdk/judge';
import { parseValidatorFlags } from '@duet/sdk';
import type { RunBundle, RunBundleTest } from '@duet/sdk/run';
import type { SandboxDriver } from '../sandbox/driver.js';
import { runCustomValidator } from './custom-validator.js';

export interface CheckResult {
  verdict: 'AC' | 'WA' | 'IE';
  message?: string;
}

/** `output` is the team output: stdout bytes (stdio) or the JSON of the return value (function). */
export async function checkOutput(
  driver: SandboxDriver,
  bundle: RunBundle,
  test: Pick<RunBundleTest, 'input' | 'validator_args'> & { answer: string },
  output: Buffer,
  signal?: AbortSignal,
): Promise<CheckResult> {
  const checker = checkerFor(bundle.checker, test.validator_args);
  if (checker === undefined) {
    return { verdict: 'IE', message: `the test's output validator arguments are not default-validator flags: ${test.validator_args?.join(' ')}` };
  }
  if (checker.type === 'custom') return runCustomValidator(driver, checker, { input: test.input, answer: test.answer, output }, signal);
  try {
    const outcome =
      bundle.interface.type === 'function'
        ? jsonAnswerValidator(output.toString('utf8'), test.answer, checker.type === 'default' ? checker.flags : {})
        : checker.type === 'exact'
          ? exactValidator(output, test.answer)
          : defaultValidator(output, test.answer, checker.flags);
    const verdict = outcome.ok ? 'AC' : 'WA';
    return outcome.message ? { verdict, message: outcome.message } : { verdict };
  } catch (error) {
    if (error instanceof CheckerError) return { verdict: 'IE', message: `${error.code}: ${error.message}` };
    throw error;
  }
}

/** A test group's own validator arguments replace the checker's (Kattis `output_validator_args`). */
function checkerFor(checker: CheckerSpec, args: readonly string[] | undefined): CheckerSpec | undefined {
  if (args === undefined) return checker;
  if (checker.type === 'custom') return { ...checker, args: [...args] };
  if (checker.type === 'exact') return checker;
  const parsed = parseValidatorFlags(args.join(' '));
  return parsed.ok ? { type: 'default', flags: parsed.flags } : undefined;
}

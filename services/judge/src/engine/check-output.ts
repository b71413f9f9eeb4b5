/**
 * Checks a test's output on the host with the SDK checkers (or the custom output validator in its
 * own sandbox). Expected answers only ever exist here, never in the submission's sandbox.
 */
import { CheckerError, defaultValidator, exactValidator, jsonAnswerValidator } from '@duet/sdk/judge';
import type { RunBundle } from '../bundle.js';
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
  test: { input: string; answer: string },
  output: Buffer,
  signal?: AbortSignal,
): Promise<CheckResult> {
  const { checker } = bundle;
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

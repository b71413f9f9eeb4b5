/**
 * What a submit run says when its complexity analysis fails: one fixed sentence per error code.
 * The analysis runs the submission and the problem's generator on hidden inputs, so an error's own
 * message (an exception the program raised, what it printed, the generator's traceback) could carry
 * hidden data out; sample runs and `duet-pack complexity` keep the details.
 */
import { type DuetErrorCode, isDuetError } from '@duet/sdk/run';

const MESSAGES: Partial<Record<DuetErrorCode, string>> = {
  COMPILE_ERROR: 'the solution does not compile',
  GENERATOR_ERROR: "the problem's complexity generator failed",
  SOLUTION_ERROR: 'the solution failed, or was too slow, at the first sizes of the analysis',
  PROBE_INVALID: "the problem's complexity probe is invalid",
  PROBE_FAILED: 'the complexity analysis failed in the judge',
};
const OTHERWISE = MESSAGES.PROBE_FAILED!;

export function submitComplexityError(error: unknown): string {
  return (isDuetError(error) && MESSAGES[error.code]) || OTHERWISE;
}

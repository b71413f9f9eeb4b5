/**
 * Turns one harness observation into a TestResult: process outcome first (TLE/OLE/MLE/RE/IE), then
 * the output check. Hidden (`submit`) tests keep figures only: no output, diff or user-derived text.
 */
import { outputDiff } from '@duet/sdk/judge';
import type { TestResult } from '@duet/sdk/judge';
import type { RunBundle } from '@duet/sdk/run';
import type { SandboxDriver } from '../sandbox/driver.js';
import { checkOutput } from './check-output.js';
import { classifyRun } from './classify-run.js';
import type { HarnessLimits, TestObservation } from '../harness/protocol.js';

/** Displayed stdout/stderr/return value per test, bytes. */
export const DISPLAY_CAP = 64 * 1024;

export async function judgeTest(
  driver: SandboxDriver,
  bundle: RunBundle,
  limits: HarnessLimits,
  obs: TestObservation,
  signal?: AbortSignal,
): Promise<TestResult> {
  const test = bundle.tests[obs.index];
  if (!test) throw new Error(`harness reported test #${obs.index}, the bundle has ${bundle.tests.length}`);
  const visible = bundle.kind !== 'submit';
  const isFunction = bundle.interface.type === 'function';
  const stdout = Buffer.from(obs.stdout, 'base64');
  const result: TestResult = {
    name: test.name,
    verdict: 'IE',
    cpu_ms: Math.round(obs.cpu_ms),
    wall_ms: Math.round(obs.wall_ms),
    memory_kb: Math.round(obs.memory_kb),
  };
  if (visible) {
    result.stdout = capText(stdout);
    result.stderr = capText(Buffer.from(obs.stderr, 'utf8'));
  }
  const outcome = classifyRun(obs, limits);
  if (outcome.kind === 'failed') {
    result.verdict = outcome.verdict;
    if (outcome.signal !== undefined) result.signal = outcome.signal;
    if (outcome.exit_code !== undefined) result.exit_code = outcome.exit_code;
    // The message of an RE can carry the program's own text (exception message): hidden runs omit it.
    if (visible || outcome.verdict !== 'RE') result.message = outcome.message;
    return result;
  }
  const returned = isFunction ? obs.result : null;
  if (isFunction && returned === null) {
    result.verdict = 'RE';
    result.exit_code = 0;
    result.message = 'the program exited before the function returned';
    return result;
  }
  if (test.answer === undefined) {
    result.verdict = 'AC'; // custom run: ran fine, nothing to compare against
    if (returned !== null) result.message = `returned ${capText(Buffer.from(returned, 'utf8'))}`;
    return result;
  }
  const teamOutput = returned !== null ? Buffer.from(returned, 'utf8') : stdout;
  const checked = await checkOutput(driver, bundle, { input: test.input, answer: test.answer, ...(test.validator_args ? { validator_args: test.validator_args } : {}) }, teamOutput, signal);
  result.verdict = checked.verdict;
  if (checked.message !== undefined && (visible || checked.verdict === 'IE')) result.message = checked.message;
  if (bundle.kind === 'sample' && checked.verdict === 'WA') result.diff = outputDiff(test.answer, capText(teamOutput));
  return result;
}

/** Text for display: at most DISPLAY_CAP bytes, invalid UTF-8 replaced. */
function capText(bytes: Buffer): string {
  return bytes.subarray(0, DISPLAY_CAP).toString('utf8');
}

/**
 * The engine's top-level run: judge the tests in one sandbox, then, for a submit run on a problem
 * with a complexity probe, analyse the solution's time and space in another. Neither step knows of
 * the other; this is the one place that puts them in order.
 */
import type { RunResult, TestResult } from '@duet/sdk/judge';
import type { RunBundle } from '@duet/sdk/run';
import { probeComplexity } from './complexity/probe-complexity.js';
import { submitComplexityError } from './complexity/submit-error.js';
import { judgeTests } from './judge/judge-tests.js';
import type { SandboxDriver } from './sandbox/driver.js';
import type { IncidentReporter } from './judge/hidden-results.js';

export interface JudgeOptions {
  driver: SandboxDriver;
  onTest?: (result: TestResult, index: number) => void;
  signal?: AbortSignal;
  /** Stop at the first non-AC test; the remaining tests are omitted (`total` still counts them). */
  stopOnFirstFailure?: boolean;
  /** Details of judge faults in hidden runs, which the result only names by incident id (default: stderr). */
  onIncident?: IncidentReporter;
}

/**
 * Judges a run bundle. The bundle is trusted to be valid (built by code, or parsed once at the edge
 * with `parseRunBundle` from `@duet/sdk/run`).
 */
export async function judgeBundle(bundle: RunBundle, opts: JudgeOptions): Promise<RunResult> {
  const result = await judgeTests(bundle, opts);
  if (bundle.kind !== 'submit' || !bundle.complexity || result.verdict === 'IE' || result.verdict === 'CE') return result;
  try {
    result.complexity = await probeComplexity(
      {
        code: bundle.code,
        ...(bundle.files ? { files: bundle.files } : {}),
        interface: bundle.interface,
        probe: bundle.complexity,
        // Test-sized runs of the probe get the tests' own limits: a program must not tell them apart.
        memory_mb: bundle.limits.memory_mb,
        time_ms: bundle.limits.time_ms,
        output_kb: bundle.limits.output_kb,
        details: false,
      },
      { driver: opts.driver, ...(opts.signal ? { signal: opts.signal } : {}) },
    );
  } catch (error) {
    if (opts.signal?.aborted) throw opts.signal.reason ?? error;
    result.complexity_error = submitComplexityError(error);
  }
  return result;
}

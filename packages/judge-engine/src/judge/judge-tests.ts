/**
 * judgeTests: one sandbox per run. The harness compiles the code once and streams one observation
 * per test; the host judges each (in order) as it arrives and reports it through `onTest`.
 */
import { runVerdict } from '@duet/sdk/judge';
import type { CompileError, RunResult, TestResult } from '@duet/sdk/judge';
import type { RunBundle } from '@duet/sdk/run';
import type { SandboxDriver } from '../sandbox/driver.js';
import type { TestObservation } from '../harness/protocol.js';
import { type HarnessRun, harnessLimits, runHarness } from './run-test-harness.js';
import { judgeTest } from './judge-test.js';
import { type IncidentReporter, hideTestResult, internalErrorMessage, newIncidentId, stderrIncidents } from './hidden-results.js';

export interface JudgeTestsOptions {
  driver: SandboxDriver;
  onTest?: (result: TestResult, index: number) => void;
  signal?: AbortSignal;
  /** Stop at the first non-AC test; the remaining tests are omitted (`total` still counts them). */
  stopOnFirstFailure?: boolean;
  /**
   * Judge faults of hidden (`submit`) runs: their details, which the caller only sees as a fixed
   * message and an incident id. Default: a JSON line on stderr.
   */
  onIncident?: IncidentReporter;
}

/** Judges the bundle's tests. The bundle is trusted to be valid: parse untrusted JSON with parseRunBundle first. */
export async function judgeTests(bundle: RunBundle, opts: JudgeTestsOptions): Promise<RunResult> {
  const limits = harnessLimits(bundle);
  const { driver, signal } = opts;
  signal?.throwIfAborted();
  const tests: TestResult[] = [];
  let ready = false;
  let done = false;
  let stopped = false;
  let received = 0;
  let compileError: CompileError | undefined;
  let internalError: string | undefined;
  let judging: Promise<void> = Promise.resolve();
  let harness: HarnessRun | undefined;

  const hidden = bundle.kind === 'submit';
  const report = opts.onIncident ?? stderrIncidents;
  const record = (full: TestResult): void => {
    if (stopped) return;
    const result = hidden ? hideTestResult(full, tests.length + 1, limits, report) : full;
    tests.push(result);
    opts.onTest?.(result, tests.length - 1);
    if (opts.stopOnFirstFailure && result.verdict !== 'AC') {
      stopped = true;
      harness?.stop();
    }
  };
  let oomKillsSeen = 0;
  const judgeInOrder = (obs: TestObservation): void => {
    // The harness reports a test only after reaping all of its processes, so OOM kills counted by
    // now happened during it: a helper process killed for memory makes the test MLE even when the
    // main process still printed an answer.
    const oomKills = harness?.oomKills() ?? 0;
    const oomDuringTest = oomKills > oomKillsSeen;
    oomKillsSeen = oomKills;
    judging = judging
      .then(() => (stopped ? undefined : judgeTest(driver, bundle, limits, obs, signal)))
      .catch((error: unknown): TestResult => internalTest(obs, `judging failed: ${error instanceof Error ? error.message : String(error)}`))
      .then((result) => (result ? record(oomDuringTest ? asMemoryLimitExceeded(result, limits.memory_mb) : result) : undefined));
  };

  harness = runHarness(
    driver,
    bundle,
    (event) => {
      switch (event.event) {
        case 'ready':
          ready = true;
          return;
        case 'compile_error':
          compileError = { line: event.line, message: event.message };
          return;
        case 'fatal':
          internalError = `harness failure: ${event.message.slice(-1500)}`;
          return;
        case 'done':
          done = true;
          return;
        case 'test':
          if (!ready || event.index !== received) throw new Error(`harness reported test #${event.index} out of order`);
          received++;
          judgeInOrder(event);
      }
    },
    signal,
  );
  const { exit, stopReason } = await harness.finished;
  await judging;
  if (signal?.aborted) throw signal.reason ?? new DOMException('The run was aborted', 'AbortError');

  const base = { kind: bundle.kind, total: bundle.tests.length, time_limit_ms: limits.time_ms };
  if (compileError) return summary(base, [], 'CE', { compile_error: compileError });
  if (!stopped && !done) {
    const stderr = exit.stderr.trim().slice(-1500);
    // A hidden run's fault is reported as a fixed message; its details go to the operator.
    const fault = (detail: string): RunResult => {
      if (!hidden) return summary(base, tests, 'IE', { internal_error: detail });
      const id = newIncidentId();
      report({ id, detail });
      return summary(base, tests, 'IE', { internal_error: internalErrorMessage(id) });
    };
    if (internalError ?? (stopReason && stopReason !== 'stopped by the host')) return fault(internalError ?? stopReason ?? 'unknown');
    if (!ready) return fault(`sandbox did not start (${exit.timedOut ? 'timed out' : `exit ${exit.code ?? exit.signal}`})${stderr ? `: ${stderr}` : ''}`);
    if (received < bundle.tests.length) {
      // The harness vanished mid-test: the wall backstop (TLE) or the test itself took it down (RE).
      const name = bundle.tests[received]?.name ?? `#${received}`;
      record(
        exit.timedOut
          ? { name, verdict: 'TLE', cpu_ms: 0, wall_ms: limits.wall_ms, memory_kb: 0, message: 'the sandbox was killed at the run time limit' }
          : { name, verdict: 'RE', cpu_ms: 0, wall_ms: 0, memory_kb: 0, message: exit.oomKilled ? 'the sandbox ran out of memory' : 'the program brought down the judge harness' },
      );
    }
  }
  return summary(base, tests, runVerdict(tests));
}

function asMemoryLimitExceeded(result: TestResult, memoryMb: number): TestResult {
  if (result.verdict === 'MLE' || result.verdict === 'TLE' || result.verdict === 'IE') return result;
  const { signal: _signal, exit_code: _exitCode, diff: _diff, ...rest } = result;
  return { ...rest, verdict: 'MLE', message: `a process of this test was killed for using more than the run's memory (limit ${memoryMb} MiB)` };
}

function internalTest(obs: TestObservation, message: string): TestResult {
  return { name: `#${obs.index}`, verdict: 'IE', cpu_ms: Math.round(obs.cpu_ms), wall_ms: Math.round(obs.wall_ms), memory_kb: obs.memory_kb, message };
}

function summary(
  base: Pick<RunResult, 'kind' | 'total' | 'time_limit_ms'>,
  tests: TestResult[],
  verdict: RunResult['verdict'],
  extra: Pick<RunResult, 'compile_error' | 'internal_error'> = {},
): RunResult {
  return {
    verdict,
    ...base,
    tests,
    ...extra,
    passed: tests.filter((t) => t.verdict === 'AC').length,
    max_cpu_ms: tests.reduce((max, t) => Math.max(max, t.cpu_ms), 0),
    max_memory_kb: tests.reduce((max, t) => Math.max(max, t.memory_kb), 0),
  };
}

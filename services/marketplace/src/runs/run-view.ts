import type { RunKind, RunResult, RunView, TestResult } from '@duet/sdk/run';
import type { Run, RunEvent } from '../generated/prisma/client.js';

const STATUS = { QUEUED: 'queued', RUNNING: 'running', DONE: 'done' } as const;

/** The RunView (`@duet/sdk/run`) of a stored run and its per-test rows. */
export function runView(run: Run, events: readonly Pick<RunEvent, 'index' | 'result'>[]): RunView {
  const result = run.result as unknown as RunResult | null;
  const tests = result ? result.tests : [...events].sort((a, b) => a.index - b.index).map((e) => e.result as unknown as TestResult);
  return {
    id: run.id,
    status: STATUS[run.state],
    kind: run.kind as RunKind,
    total: run.total,
    tests,
    ...(result ? { result } : {}),
    created_at: run.createdAt.toISOString(),
    ...(run.startedAt ? { started_at: run.startedAt.toISOString() } : {}),
    ...(run.finishedAt ? { finished_at: run.finishedAt.toISOString() } : {}),
  };
}

/** An IE result for a run the judge could not finish (never the user's fault). */
export function internalErrorResult(run: Pick<Run, 'kind' | 'total'>, why: string): RunResult {
  return { verdict: 'IE', kind: run.kind as RunKind, tests: [], internal_error: why, passed: 0, total: run.total, time_limit_ms: 0, max_cpu_ms: 0, max_memory_kb: 0 };
}

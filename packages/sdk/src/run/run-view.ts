/** What the judge API answers about a run, and the events it streams (`GET /v1/runs/:id[/events]`). */
import type { RunResult, TestResult } from '../judge/verdict.js';
import type { RunBundle } from './bundle.js';

export type RunStatus = 'queued' | 'running' | 'done';

/** What subscribers (SSE streams, waiting requests) hear, in order: each test, then done. */
export type RunEvent = { type: 'test'; index: number; result: TestResult } | { type: 'done'; result: RunResult };

/** The JSON shape of `GET /v1/runs/:id`. */
export interface RunView {
  id: string;
  status: RunStatus;
  kind: RunBundle['kind'];
  total: number;
  /** Per-test results so far (all of them once done). */
  tests: TestResult[];
  result?: RunResult;
  /** For queued runs: how many runs start before this one. */
  queue_position?: number;
  created_at: string;
  started_at?: string;
  finished_at?: string;
}

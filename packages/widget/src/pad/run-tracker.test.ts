import { expect, test, vi } from 'vitest';
import type { RoomsClient } from '../api/rooms-client.js';
import { ApiError } from '../api/trpc-http.js';
import type { RunEvent, RunResult, TestResult } from '../api/types.js';
import { RunTracker } from './run-tracker.js';

const test1: TestResult = { name: 'sample/1', verdict: 'AC', cpu_ms: 1, wall_ms: 1, memory_kb: 900 };
const test2: TestResult = { ...test1, name: 'sample/2' };
const result: RunResult = { verdict: 'AC', kind: 'sample', tests: [test1, test2], passed: 2, total: 2, time_limit_ms: 1000, max_cpu_ms: 1, max_memory_kb: 900 };

function client(streams: ((lastEventId?: string) => AsyncGenerator<{ id?: string; data: RunEvent }>)[]) {
  const calls: (string | undefined)[] = [];
  const rooms = {
    streamRun: (_runId: string, _signal?: AbortSignal, lastEventId?: string) => {
      calls.push(lastEventId);
      return streams[calls.length - 1]!(lastEventId);
    },
  } as unknown as RoomsClient;
  return { rooms, calls };
}

test('a dropped results stream resumes after the last event it delivered', async () => {
  vi.useFakeTimers();
  const { rooms, calls } = client([
    async function* () {
      yield { id: 't0', data: { type: 'test', index: 0, result: test1 } };
      throw new TypeError('network error');
    },
    async function* () {
      yield { id: 't1', data: { type: 'test', index: 1, result: test2 } };
      yield { id: 'done', data: { type: 'done', result } };
    },
  ]);
  const results: string[] = [];
  const tracker = new RunTracker(rooms, () => {}, (runId, r) => results.push(`${runId}:${r.verdict}`));
  tracker.follow('run_1', 'sample', 'Ada');
  tracker.follow('run_1', 'sample', 'Ada'); // seen again as a room event: followed once
  await vi.runAllTimersAsync();
  vi.useRealTimers();
  expect(calls).toEqual([undefined, 't0']);
  expect(results).toEqual(['run_1:AC']);
  expect(tracker.current).toMatchObject({ id: 'run_1', by: 'Ada', tests: [test1, test2], result });
});

test('a refusal is not retried, and the room\'s result event still brings the verdict', async () => {
  const { rooms, calls } = client([
    // eslint-disable-next-line require-yield
    async function* () {
      throw new ApiError('observers cannot stream', 'FORBIDDEN', 403);
    },
  ]);
  const tracker = new RunTracker(rooms, () => {}, () => {});
  tracker.follow('run_2', 'submit');
  await vi.waitFor(() => expect(tracker.current?.error).toMatch(/observers cannot stream/));
  expect(calls).toHaveLength(1);
  tracker.summarize({ type: 'result', run: 'run_2', verdict: 'WA', passed: 3, total: 12 });
  expect(tracker.current).toMatchObject({ summary: { verdict: 'WA', passed: 3, total: 12 } });
  expect(tracker.current?.error).toBeUndefined();
});

import { tracked } from '@trpc/server';
import type { RunEvent, RunResult, TestResult } from '@duet/sdk/run';
import { DuetError } from '@duet/sdk/run';
import type { Services } from '../services.js';

/** How long a stream waits for a wake-up before it looks at the database anyway. */
const POLL_MS = 1000;

/** `t<index>` after a test, `done` after the result. */
export function eventIdAfter(lastEventId: string | null | undefined): number | 'done' {
  if (!lastEventId) return -1;
  if (lastEventId === 'done') return 'done';
  const match = /^t(\d{1,6})$/.exec(lastEventId);
  if (!match) throw new DuetError('BAD_REQUEST', `lastEventId: "${lastEventId}" is not an event id of this stream (t<index> or done)`);
  return Number(match[1]);
}

/**
 * A run's events from after `lastEventId`: each stored test as `tracked('t<i>', {type:'test'})`,
 * then `tracked('done', {type:'done'})`, read from the database (so any instance can serve any run,
 * and a reconnect resumes where it stopped). Tests of a done run come from its final result.
 */
export async function* runEvents(services: Services, runId: string, lastEventId: string | null | undefined, signal: AbortSignal | undefined) {
  const start = eventIdAfter(lastEventId);
  if (start === 'done') return;
  let after = start;
  const { prisma, runs } = services;
  while (!signal?.aborted) {
    const wake = runs.signals.next(runId, POLL_MS, signal);
    const run = await prisma.run.findUnique({ where: { id: runId }, select: { state: true, result: true } });
    if (!run) return;
    if (run.state === 'DONE') {
      const result = run.result as unknown as RunResult;
      for (let index = after + 1; index < result.tests.length; index++) {
        yield tracked(`t${index}`, { type: 'test', index, result: result.tests[index]! } satisfies RunEvent);
      }
      yield tracked('done', { type: 'done', result } satisfies RunEvent);
      return;
    }
    const rows = await prisma.runEvent.findMany({ where: { runId, index: { gt: after } }, orderBy: { index: 'asc' } });
    for (const row of rows) {
      // Only consecutive tests: a gap is a write still in flight.
      if (row.index !== after + 1) break;
      after = row.index;
      yield tracked(`t${row.index}`, { type: 'test', index: row.index, result: row.result as unknown as TestResult } satisfies RunEvent);
    }
    await wake;
  }
}

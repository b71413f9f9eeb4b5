import type { RunResult } from '@duet/sdk/run';
import type { Run } from '../generated/prisma/client.js';
import type { Services } from '../services.js';

/** What follows a run's result, once: a `result` event in the room's document and the `run.completed` webhook. */
export async function onRunDone(services: Services, run: Run): Promise<void> {
  const result = run.result as unknown as RunResult;
  const at = (run.finishedAt ?? new Date()).toISOString();
  const complexity = result.complexity ? { time: result.complexity.time?.class, space: result.complexity.space?.class } : undefined;
  void services.collab.post(run.roomId, {
    events: [{ type: 'result', at, run: run.id, verdict: result.verdict, passed: result.passed, total: result.total, ...(complexity ? { complexity } : {}) }],
  });
  await services.webhooks.emitter.emit(run.orgId, 'run.completed', {
    run: { id: run.id, room: run.roomId, kind: run.kind, user: run.userId, createdAt: run.createdAt.toISOString(), finishedAt: at },
    result: { verdict: result.verdict, passed: result.passed, total: result.total, ...(result.complexity ? { complexity: result.complexity } : {}), ...(result.internal_error ? { internal_error: result.internal_error } : {}) },
  });
}

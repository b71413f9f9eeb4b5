import type { z } from 'zod';
import { runCreateInput, runIdInput, runStreamInput, runView as runViewSchema } from '@duet/sdk/api';
import { DuetError, type RunView } from '@duet/sdk/run';
import type { Identity } from '../auth/identity.js';
import { requireRoom } from '../rooms/room-access.js';
import { createRun } from '../runs/create-run.js';
import { runEvents } from '../runs/run-stream.js';
import { runView } from '../runs/run-view.js';
import type { Services } from '../services.js';
import { authedProcedure, router } from '../trpc.js';

/** The run, if the caller may read it: a token of its room (`view`), an API key or a member of its org. */
async function readableRun(services: Services, identity: Identity, runId: string) {
  const run = await services.prisma.run.findUnique({ where: { id: runId } });
  if (!run || (identity.kind === 'room' && identity.claims.room !== run.roomId)) {
    // Another room's run is as invisible to a room token as a missing one.
    throw new DuetError('NOT_FOUND', `no run "${runId}"${run ? ' in this room' : ''}`);
  }
  await requireRoom(services.prisma, identity, run.roomId, { permission: 'view', scope: 'any', action: 'read this run' });
  return run;
}

/** RunView's test and result types are the judge's own; the schema keeps their extra fields (passthrough). */
const asOutput = (view: RunView) => view as unknown as z.output<typeof runViewSchema>;

export const runsRouter = router({
  create: authedProcedure
    .meta({ openapi: { method: 'POST', path: '/runs', tags: ['runs'], summary: 'Run code on a room\'s problem: sample tests, a custom input, or the hidden tests (submit)' } })
    .input(runCreateInput)
    .output(runViewSchema)
    .mutation(async ({ ctx, input }) => asOutput(await createRun(ctx.services, ctx.identity, input))),

  get: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/runs/{runId}', tags: ['runs'], summary: 'A run: its status, the tests so far, the result once done' } })
    .input(runIdInput)
    .output(runViewSchema)
    .query(async ({ ctx, input }) => {
      const run = await readableRun(ctx.services, ctx.identity, input.runId);
      const events = run.state === 'DONE' ? [] : await ctx.services.prisma.runEvent.findMany({ where: { runId: run.id }, select: { index: true, result: true } });
      return asOutput(runView(run, events));
    }),

  /** Each test as it finishes (`tracked('t<index>')`), then the result (`tracked('done')`); resumable with lastEventId. */
  stream: authedProcedure.input(runStreamInput).subscription(async function* ({ ctx, input, signal }) {
    const run = await readableRun(ctx.services, ctx.identity, input.runId);
    yield* runEvents(ctx.services, run.id, input.lastEventId, signal);
  }),
});

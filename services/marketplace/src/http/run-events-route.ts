import type { FastifyInstance } from 'fastify';
import { runIdSchema } from '@duet/sdk/api';
import { DuetError, isDuetError } from '@duet/sdk/run';
import { contextFor } from '../context.js';
import { appRouter } from '../root.js';
import type { Services } from '../services.js';
import { createCallerFactory } from '../trpc.js';
import { sendApiError } from './errors.js';
import { REST_BASE_PATH } from './openapi.js';

const createCaller = createCallerFactory(appRouter);

/**
 * `GET /api/v1/runs/{runId}/events`: `runs.stream` as plain Server-Sent Events for callers without
 * a tRPC client (`event: test`, `id: t<index>`, then `event: done`; resume with the `Last-Event-ID`
 * header), authorised exactly as the procedure is (it is the procedure, called in-process).
 */
export async function runEventsRoute(app: FastifyInstance, services: Services): Promise<void> {
  app.get<{ Params: { runId: string } }>(`${REST_BASE_PATH}/runs/:runId/events`, async (request, reply) => {
    const runId = runIdSchema.safeParse(request.params.runId);
    if (!runId.success) return sendApiError(reply, new DuetError('BAD_REQUEST', `runId: not a run id: ${request.params.runId}`));
    const lastEventId = request.headers['last-event-id'];
    const abort = new AbortController();
    request.raw.on('close', () => abort.abort());
    let stream: AsyncIterable<[string, { type: string; result: unknown }]>;
    try {
      const caller = createCaller(contextFor(services, request.headers.authorization), { signal: abort.signal });
      stream = (await caller.runs.stream({ runId: runId.data, ...(typeof lastEventId === 'string' ? { lastEventId } : {}) })) as unknown as AsyncIterable<[string, { type: string; result: unknown }]>;
      // The procedure authorises on its first step: pull it before answering 200.
      const iterator = stream[Symbol.asyncIterator]();
      const first = await iterator.next();
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
      for (let item = first; !item.done; item = await iterator.next()) {
        const [id, event] = item.value;
        reply.raw.write(`event: ${event.type}\nid: ${id}\ndata: ${JSON.stringify(event.result)}\n\n`);
      }
      reply.raw.end();
    } catch (cause) {
      const error = isDuetError(cause) ? cause : isDuetError((cause as { cause?: unknown }).cause) ? ((cause as { cause: DuetError }).cause) : null;
      if (reply.sent || reply.raw.headersSent) return reply.raw.end();
      if (error) return sendApiError(reply, error);
      services.log.error({ err: cause }, 'run events stream failed');
      return sendApiError(reply, new DuetError('INTERNAL', 'internal error'));
    }
  });
}

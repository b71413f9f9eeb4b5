import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DuetError, type RunBundle, parseRunBundle } from '@duet/sdk/run';
import { sendError } from './errors.js';
import type { RunQueue } from './run-queue.js';
import type { RunRecord } from './run-record.js';
import { streamRunEvents } from './sse.js';

export interface RouteDeps {
  queue: RunQueue;
  authenticate: (authorization: string | undefined) => boolean;
  health: () => Promise<{ ok: boolean; reason?: string }>;
  /** Seconds a client should wait before retrying a QUEUE_FULL. */
  retryAfterSeconds: () => number;
  /** Live SSE streams, ended at shutdown so the server can close. */
  streams: Set<() => void>;
}

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

export function registerRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { queue } = deps;

  app.get('/healthz', async (_request, reply) => {
    const sandbox = await deps.health();
    return reply.code(sandbox.ok ? 200 : 503).send({ ok: sandbox.ok, sandbox, queue: queue.stats() });
  });

  // Everything under /v1 needs the bearer secret; checked before the body is read.
  app.register(
    async (v1) => {
      v1.addHook('onRequest', async (request, reply) => {
        if (!deps.authenticate(request.headers.authorization)) {
          reply.header('www-authenticate', 'Bearer realm="duet-judge"');
          return sendError(reply, 'UNAUTHORIZED', 'missing or wrong bearer token (Authorization: Bearer <DUET_JUDGE_SECRET>)');
        }
      });

      v1.post<{ Querystring: { wait?: string } }>('/runs', async (request, reply) => {
        let bundle: RunBundle;
        try {
          bundle = parseRunBundle(request.body);
        } catch (error) {
          if (error instanceof DuetError) return sendError(reply, error.code, error.message);
          throw error;
        }
        const record = queue.submit(bundle);
        if (record === 'closed') return sendError(reply, 'SHUTTING_DOWN', 'the judge is shutting down; retry on another instance');
        if (record === 'full') {
          const { queued, running } = queue.stats();
          reply.header('retry-after', String(deps.retryAfterSeconds()));
          return sendError(reply, 'QUEUE_FULL', `the judge is busy (${running} running, ${queued} queued); retry later`);
        }
        if (isTruthy(request.query.wait)) {
          await record.finished;
          return reply.code(200).send(record.view());
        }
        return reply.code(202).header('location', `/v1/runs/${record.id}`).send({ id: record.id, status: record.status });
      });

      v1.get('/runs/:id', async (request: IdRequest, reply) => {
        const record = findRun(request, reply);
        if (!record) return reply;
        return reply.send(record.view(queue.positionOf(record)));
      });

      v1.get('/runs/:id/events', async (request: IdRequest, reply) => {
        const record = findRun(request, reply);
        if (!record) return reply;
        reply.hijack();
        const lastEventId = request.headers['last-event-id'];
        const end = streamRunEvents(record, reply.raw, typeof lastEventId === 'string' ? lastEventId : undefined);
        deps.streams.add(end);
        reply.raw.once('close', () => deps.streams.delete(end));
      });
    },
    { prefix: '/v1' },
  );

  function findRun(request: IdRequest, reply: FastifyReply): RunRecord | undefined {
    const record = queue.get(request.params.id);
    if (!record) sendError(reply, 'NOT_FOUND', `no run ${JSON.stringify(request.params.id.slice(0, 80))} (unknown, or expired after its result was kept)`);
    return record;
  }
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && value !== '0' && value !== 'false';
}

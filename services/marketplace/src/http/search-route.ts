import type { FastifyInstance } from 'fastify';
import { getTRPCErrorShape, getTRPCErrorFromUnknown } from '@trpc/server';
import { packSearchInput } from '@duet/sdk/api';
import { contextFor } from '../context.js';
import { cachedSearch } from '../packs/search.js';
import { appRouter } from '../root.js';
import type { Services } from '../services.js';
import { createCallerFactory } from '../trpc.js';
import { REST_BASE_PATH } from './openapi.js';

const createCaller = createCallerFactory(appRouter);

/**
 * `GET /api/v1/packs`, the REST form of `packs.search` and the hottest route, served without
 * trpc-to-openapi's per-request translation into a Fetch Request (a quarter of the service's time
 * per search under load): the same input schema and the same cached search as the procedure, the
 * answer's JSON serialised once per cache fill (`x-duet-cache: hit | stale | miss` says how it was
 * answered), and errors from the procedure itself in the same `{message, code, data}` shape. Every
 * other REST route goes through trpc-to-openapi.
 */
export async function searchRoute(app: FastifyInstance, services: Services): Promise<void> {
  app.get<{ Querystring: Record<string, string | string[] | undefined> }>(`${REST_BASE_PATH}/packs`, async (request, reply) => {
    const header = request.headers.authorization;
    const ctx = contextFor(services, header);
    const query = request.query;
    const input = {
      ...(query.q !== undefined ? { q: first(query.q) } : {}),
      ...(query.tags !== undefined ? { tags: Array.isArray(query.tags) ? query.tags : [query.tags] } : {}),
      ...(query.difficulty !== undefined ? { difficulty: first(query.difficulty) } : {}),
      ...(query.limit !== undefined ? { limit: numberOrText(first(query.limit)) } : {}),
      ...(query.offset !== undefined ? { offset: numberOrText(first(query.offset)) } : {}),
    };
    // Valid input is answered from the cache's serialised JSON; anything else goes through the
    // procedure, which refuses it with the same error every route gives.
    const parsed = packSearchInput.safeParse(input);
    if (parsed.success) {
      const { outcome, answer } = cachedSearch(services, parsed.data);
      const { json } = await answer;
      return reply.type('application/json; charset=utf-8').header('x-duet-cache', outcome).send(json);
    }
    try {
      return await createCaller(ctx).packs.search(input as never);
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      const shape = getTRPCErrorShape({ config: appRouter._def._config, error, type: 'query', path: 'packs.search', input, ctx });
      return reply.code(shape.data.httpStatus).send({ ...shape, code: error.code });
    }
  });
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Query strings are text: numbers become numbers, anything else stays for the schema to refuse by name. */
function numberOrText(value: string | undefined): number | string | undefined {
  return value !== undefined && /^-?\d+$/.test(value) ? Number(value) : value;
}

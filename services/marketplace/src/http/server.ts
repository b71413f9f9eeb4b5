import Fastify, { LogController, type FastifyInstance } from 'fastify';
import cors from '@fastify/cors';
import { fastifyTRPCPlugin } from '@trpc/server/adapters/fastify';
import type { TRPCError } from '@trpc/server';
import { fastifyTRPCOpenApiPlugin } from 'trpc-to-openapi';
import { DuetError, isDuetError } from '@duet/sdk/run';
import { contextFor } from '../context.js';
import { appRouter } from '../root.js';
import type { Services } from '../services.js';
import { sendApiError } from './errors.js';
import { OPENAPI_PATH, openApiDocument, REST_BASE_PATH } from './openapi.js';
import { judgeDataRoute } from './judge-data-route.js';
import { publishRoute } from './publish-route.js';
import { reportLinkRoute } from './report-link-route.js';
import { runEventsRoute } from './run-events-route.js';
import { searchRoute } from './search-route.js';
import { tarballRoute } from './tarball-route.js';

export const JWKS_PATH = '/.well-known/jwks.json';

export interface HttpServerOptions {
  version: string;
}

/**
 * The service's HTTP surface: tRPC under /trpc, REST under /api/v1 (the same procedures, via
 * trpc-to-openapi, plus the tarball routes), the OpenAPI document at /openapi.json, the room-token
 * keys at /.well-known/jwks.json, and /healthz.
 */
export async function createHttpServer(services: Services, options: HttpServerOptions): Promise<FastifyInstance> {
  // Errors and lifecycle are logged; a line per request is not (at hundreds of searches a second it is most of the log).
  const app = Fastify({
    loggerInstance: services.log,
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { maxParamLength: 5000 },
  });
  // Subscriptions from an EventSource cannot send headers: they pass the token as connectionParams (trpc#6950).
  const createContext = ({ req, info }: { req: { headers: Record<string, string | string[] | undefined> }; info?: { connectionParams?: Record<string, string | undefined> | null } }) => {
    const header = req.headers.authorization;
    const token = info?.connectionParams?.token;
    return contextFor(services, (Array.isArray(header) ? header[0] : header) ?? (token ? `Bearer ${token}` : undefined));
  };
  const onError = ({ error, path }: { error: TRPCError; path?: string | undefined }) => {
    if (error.code === 'INTERNAL_SERVER_ERROR' && !isDuetError(error.cause)) services.log.error({ err: error.cause ?? error }, `${path ?? 'request'} failed`);
  };
  const responseMeta = ({ errors }: { errors: TRPCError[] }) => {
    const retry = errors.map((e) => (isDuetError(e.cause) ? e.cause.retryAfterSeconds : undefined)).find((s) => s !== undefined);
    return retry === undefined ? {} : { headers: { 'retry-after': String(retry) } };
  };

  app.setErrorHandler((error: Error & { statusCode?: number }, _request, reply) => {
    if (isDuetError(error)) return sendApiError(reply, error);
    if (error.statusCode === 413) return sendApiError(reply, new DuetError('PAYLOAD_TOO_LARGE', error.message));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return sendApiError(reply, new DuetError('BAD_REQUEST', error.message));
    services.log.error({ err: error }, 'request failed');
    return sendApiError(reply, new DuetError('INTERNAL', 'internal error'));
  });
  app.setNotFoundHandler((request, reply) => sendApiError(reply, new DuetError('NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`)));

  // The widget calls the API from whatever site embeds it. Every credential travels in the
  // Authorization header (never a cookie), so any origin may call: a page without a token gets nothing.
  await app.register(cors, {
    origin: '*',
    methods: ['GET', 'POST', 'PUT', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'last-event-id', 'trpc-accept', 'x-trpc-source'],
    exposedHeaders: ['retry-after', 'x-duet-cache'],
    maxAge: 600,
  });

  app.get('/healthz', async () => {
    await services.prisma.$queryRaw`SELECT 1`;
    return { status: 'ok', database: services.db.kind, blobs: services.blobs.kind, identity: services.config.clerk ? 'clerk' : 'development' };
  });
  app.get(JWKS_PATH, async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(services.signer.jwks()));
  const document = openApiDocument(services.config.publicUrl, options.version);
  app.get(OPENAPI_PATH, async () => document);

  await app.register((scope) => searchRoute(scope, services));
  await app.register(fastifyTRPCPlugin, { prefix: '/trpc', trpcOptions: { router: appRouter, createContext, onError, responseMeta } });
  await app.register((scope, _options, done) => fastifyTRPCOpenApiPlugin(scope, { router: appRouter, createContext, onError, responseMeta, basePath: REST_BASE_PATH }, done));
  await app.register((scope) => publishRoute(scope, services));
  await app.register((scope) => tarballRoute(scope, services));
  await app.register((scope) => reportLinkRoute(scope, services));
  await app.register((scope) => judgeDataRoute(scope, services));
  await app.register((scope) => runEventsRoute(scope, services));
  return app;
}

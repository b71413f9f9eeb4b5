import { availableParallelism } from 'node:os';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { type IncidentReporter, type SandboxDriver, judgeBundle, sandboxAvailable } from '@duet/judge-engine';
import { bearerAuthenticator } from './auth.js';
import { JudgeConfigError, sendError } from './errors.js';
import { RunQueue } from './run-queue.js';
import { registerRoutes } from './routes.js';

export interface JudgeServerOptions {
  /** Shared bearer secret for every /v1 route (at least 16 characters). */
  secret: string;
  driver: SandboxDriver;
  /** Runs judged at once (default: the number of CPUs). */
  concurrency?: number;
  /** Runs waiting to start at most (default 64 × concurrency); beyond it POST answers 503 QUEUE_FULL. */
  queueLimit?: number;
  /** How long finished results stay readable (default 10 minutes). */
  resultTtlMs?: number;
  /** Finished results kept at most (default 1000); the oldest go first. */
  maxResults?: number;
  /** Largest accepted request body (default 32 MiB); bigger answers 413. */
  bodyLimitBytes?: number;
  /** How long shutdown waits for running runs before aborting them (default 30 s). */
  shutdownGraceMs?: number;
  /** Fastify logger setting (default off). */
  logger?: boolean | { level: string };
}

export const MIN_SECRET_LENGTH = 16;

/**
 * The judge's HTTP API (Fastify). Runs go through a bounded queue with `concurrency` judging slots;
 * see routes.ts for the endpoints. Closing the instance drains the queue (see RunQueue.shutdown).
 */
export function createJudgeServer(opts: JudgeServerOptions): FastifyInstance {
  const config = resolveOptions(opts);
  const queue = new RunQueue({
    // Hidden runs' judge faults reach the caller as an incident id only; the details go to our log.
    execute: (bundle, { onTest, signal }) => judgeBundle(bundle, { driver: opts.driver, onTest, signal, onIncident: (incident) => logIncident(incident) }),
    concurrency: config.concurrency,
    queueLimit: config.queueLimit,
    resultTtlMs: config.resultTtlMs,
    maxFinished: config.maxResults,
  });
  let logIncident: IncidentReporter = () => {};
  const streams = new Set<() => void>();
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: config.bodyLimitBytes,
    // Draining is ours: GETs keep working while running runs finish; POSTs get SHUTTING_DOWN.
    return503OnClosing: false,
  });

  logIncident = (incident) => app.log.error({ incident: incident.id, test: incident.test, detail: incident.detail }, 'judge incident');
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 413) return sendError(reply, 'PAYLOAD_TOO_LARGE', `request body over ${config.bodyLimitBytes} bytes`);
    if (status === 415) return sendError(reply, 'UNSUPPORTED_MEDIA_TYPE', 'send the run bundle as Content-Type: application/json');
    if (status >= 400 && status < 500) {
      return sendError(reply, 'BUNDLE_INVALID', `request body is not valid JSON: ${error.message}`);
    }
    request.log.error({ err: error }, 'judge API failure');
    return sendError(reply, 'INTERNAL', 'internal judge error');
  });
  // Only JSON bodies: a text/plain bundle is a client bug worth a clear 415.
  app.removeContentTypeParser('text/plain');
  app.setNotFoundHandler((request, reply) => sendError(reply, 'NOT_FOUND', `no route ${request.method} ${request.url.split('?')[0]}`));

  registerRoutes(app, {
    queue,
    authenticate: bearerAuthenticator(opts.secret),
    health: () => sandboxAvailable(opts.driver),
    // One slot frees up roughly every (typical run time / concurrency); a few seconds is honest.
    retryAfterSeconds: () => Math.max(1, Math.min(30, Math.ceil(queue.stats().queued / config.concurrency))),
    streams,
  });

  app.addHook('preClose', async () => {
    await queue.shutdown(config.shutdownGraceMs);
    for (const end of streams) end();
  });
  return app;
}

function resolveOptions(opts: JudgeServerOptions) {
  if (typeof opts.secret !== 'string' || opts.secret.length < MIN_SECRET_LENGTH) {
    throw new JudgeConfigError(`secret: must be a string of at least ${MIN_SECRET_LENGTH} characters`);
  }
  const concurrency = opts.concurrency ?? availableParallelism();
  const config = {
    concurrency,
    queueLimit: opts.queueLimit ?? 64 * concurrency,
    resultTtlMs: opts.resultTtlMs ?? 10 * 60_000,
    maxResults: opts.maxResults ?? 1000,
    bodyLimitBytes: opts.bodyLimitBytes ?? 32 << 20,
    shutdownGraceMs: opts.shutdownGraceMs ?? 30_000,
  };
  positiveInteger('concurrency', config.concurrency, 1);
  positiveInteger('queueLimit', config.queueLimit, 0);
  positiveInteger('resultTtlMs', config.resultTtlMs, 1);
  positiveInteger('maxResults', config.maxResults, 1);
  positiveInteger('bodyLimitBytes', config.bodyLimitBytes, 1024);
  positiveInteger('shutdownGraceMs', config.shutdownGraceMs, 0);
  return config;
}

function positiveInteger(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) throw new JudgeConfigError(`${name}: must be an integer ≥ ${min} (got ${value})`);
}

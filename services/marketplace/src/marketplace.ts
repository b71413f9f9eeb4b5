import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { pino } from 'pino';
import type { BlobStore } from './blobs/blob-store.js';
import { openBlobStore } from './blobs/open-blob-store.js';
import { createClerkVerifier } from './auth/clerk.js';
import { createIdentityResolver, type UserIdentity } from './auth/identity.js';
import { loadRoomTokenSigner } from './auth/room-token-signer.js';
import type { MarketplaceConfig } from './config/env.js';
import { openDatabase } from './db/database.js';
import type { PrismaClient } from './generated/prisma/client.js';
import { createHttpServer } from './http/server.js';
import { createSearchCache } from './packs/search-cache.js';
import { enginePublishJudge } from './publish/engine-judge.js';
import { createPublisher, type PublishJudge } from './publish/publisher.js';
import { recoverPublishJobs } from './publish/recover.js';
import { createCollabEvents } from './rooms/collab-events.js';
import { endExpiredRooms } from './rooms/end-room.js';
import { createRunDispatcher } from './runs/create-dispatcher.js';
import { onRunDone } from './runs/on-run-done.js';
import { createProblemDataCache } from './runs/problem-data-cache.js';
import { createRateLimiter, createRedisRateLimiter } from './runs/rate-limit.js';
import { createRunProgress } from './runs/run-progress.js';
import { createRunSignals } from './runs/run-signals.js';
import { createWebhookDeliverer } from './webhooks/deliverer.js';
import { createWebhookEmitter } from './webhooks/emit.js';
import type { RoomEndedHook, Services } from './services.js';
import { createCollabClient } from './reports/collab-client.js';
import { attachReportService } from './reports/registry.js';
import { createReportService } from './reports/report-service.js';
import { createShareLinkSigner, loadShareLinkSecret } from './reports/share-link.js';
import { roomLookup } from './rooms/room-reports.js';

export interface MarketplaceOptions {
  /** What judges a pack's submissions at publish (default: the sandbox engine in-process). */
  publishJudge?: PublishJudge;
  /** Where blobs go (default: the one the configuration names). */
  blobStore?: BlobStore;
  /** JSON log lines (pino) at the configured level (true, the default), another level, or none (false). */
  logger?: boolean | { level: string };
  /** Called once per room that ends (e.g. the report builder). */
  roomEndedHooks?: RoomEndedHook[];
  /** How often unfinished runs and expired rooms are swept (default 5000 ms). */
  runSweepMs?: number;
}

export interface Marketplace {
  app: FastifyInstance;
  services: Services;
  /** Whether this start generated a development room-token key. */
  generatedRoomTokenKey: boolean;
  /** Listens on the configured host and port; returns the base URL. */
  listen(): Promise<string>;
  /** Stops taking requests, fails in-flight publishes (nothing of them becomes visible), closes the database. */
  close(): Promise<void>;
}

export const DEV_USER_EXTERNAL_ID = 'dev:local';
const SWEEP_INTERVAL_MS = 30_000;

/**
 * Opens everything the service needs, in order: the database (migrated under the advisory lock),
 * the blob store, the room-token key, the identity sources, the publisher (recovering publishes a
 * previous run of this instance left), then the HTTP server. Nothing listens until `listen()`.
 */
export async function createMarketplace(config: MarketplaceConfig, options: MarketplaceOptions = {}): Promise<Marketplace> {
  await mkdir(join(config.dataDir, 'work'), { recursive: true });
  const db = await openDatabase(config.database);
  try {
    const blobs = options.blobStore ?? (await openBlobStore(config.blobs));
    const { signer, generated } = await loadRoomTokenSigner({ pem: config.roomTokenKey, dataDir: config.dataDir, issuer: config.publicUrl });
    const devUser = config.clerk ? null : await developer(db.prisma);
    const identity = createIdentityResolver({ prisma: db.prisma, clerk: config.clerk ? createClerkVerifier(config.clerk) : null, signer, devUser });
    const searchCache = createSearchCache();
    const logger = options.logger ?? true;
    const log: FastifyBaseLogger = logger === false ? pino({ enabled: false }) : pino({ level: logger === true ? config.logLevel : logger.level });
    const publisher = createPublisher({
      prisma: db.prisma,
      blobs,
      judge: options.publishJudge ?? enginePublishJudge(),
      concurrency: config.publish.concurrency,
      log,
      onPublished: () => searchCache.clear(),
    });
    const deliverer = createWebhookDeliverer({ prisma: db.prisma, log, ...config.webhooks });
    const webhooks = { emitter: createWebhookEmitter(db.prisma, deliverer), deliverer };
    const collab = createCollabEvents(config.collab, log);
    const signals = createRunSignals();
    const data = createProblemDataCache(blobs);
    // `services` is complete before any run can finish: the hook reads it lazily.
    let services!: Services;
    const progress = createRunProgress(db.prisma, signals, log, (run) => onRunDone(services, run));
    // With Redis (several instances), one bucket per org for all of them.
    const limiter = config.queue
      ? createRedisRateLimiter({ redisUrl: config.queue.redisUrl, prefix: config.queue.prefix, perMinute: config.runs.perMinute })
      : createRateLimiter(config.runs.perMinute);
    const dispatcher = await createRunDispatcher({ config, prisma: db.prisma, progress, data, log });
    services = {
      config, db, prisma: db.prisma, blobs, identity, signer, searchCache, publisher, log,
      runs: { dispatcher, progress, signals, data, limiter },
      collab,
      webhooks,
      roomEndedHooks: options.roomEndedHooks ?? [],
    };
    // Reports read rooms from here and their histories from the collaboration service; a missing
    // DUET_REPORT_LINK_SECRET in production stops the start, not the first report.
    attachReportService(services, await createReportService({
      prisma: db.prisma,
      links: createShareLinkSigner(await loadShareLinkSecret({ env: process.env, dataDir: config.dataDir, production: config.production })),
      collab: config.collab ? createCollabClient(config.collab) : null,
      rooms: roomLookup(services),
    }));
    const app = await createHttpServer(services, { version: await packageVersion() });
    const recovery = { prisma: db.prisma, blobs, instanceId: config.instanceId, workRoot: join(config.dataDir, 'work') };
    const recovered = await recoverPublishJobs(recovery, true);
    if (recovered.length) log.warn(`failed ${recovered.length} publish job(s) interrupted by the previous stop: ${recovered.join(', ')}`);
    const sweep = setInterval(() => {
      recoverPublishJobs(recovery).catch((error: unknown) => log.error({ err: error }, 'publish recovery sweep failed'));
    }, SWEEP_INTERVAL_MS);
    sweep.unref();
    const runSweep = async (): Promise<void> => {
      await dispatcher.recover();
      await endExpiredRooms(services);
    };
    await runSweep();
    const runSweeper = setInterval(() => {
      runSweep().catch((error: unknown) => log.error({ err: error }, 'run and room sweep failed'));
    }, options.runSweepMs ?? 5000);
    runSweeper.unref();

    return {
      app,
      services,
      generatedRoomTokenKey: generated,
      async listen() {
        return app.listen({ port: config.port, host: config.host });
      },
      async close() {
        clearInterval(sweep);
        clearInterval(runSweeper);
        await app.close();
        await services.publisher.close();
        await dispatcher.close();
        await limiter.close?.();
        await deliverer.close();
        // Room events still in flight get a moment to go out.
        await Promise.race([collab.idle(), new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}

/** Development mode's local identity: everyone without credentials. */
async function developer(prisma: PrismaClient): Promise<UserIdentity> {
  const user = await prisma.user.upsert({
    where: { externalId: DEV_USER_EXTERNAL_ID },
    create: { externalId: DEV_USER_EXTERNAL_ID, displayName: 'Local developer' },
    update: {},
  });
  return { kind: 'user', userId: user.id, externalId: user.externalId, displayName: user.displayName, dev: true };
}

async function packageVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
  return manifest.version ?? '0.0.0';
}

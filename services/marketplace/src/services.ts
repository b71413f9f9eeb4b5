import type { FastifyBaseLogger } from 'fastify';
import type { RoomView } from '@duet/sdk/api';
import type { MarketplaceConfig } from './config/env.js';
import type { BlobStore } from './blobs/blob-store.js';
import type { IdentityResolver } from './auth/identity.js';
import type { RoomTokenSigner } from './auth/room-token-signer.js';
import type { Database } from './db/database.js';
import type { PrismaClient } from './generated/prisma/client.js';
import type { SearchCache } from './packs/search-cache.js';
import type { Publisher } from './publish/publisher.js';
import type { CollabEvents } from './rooms/collab-events.js';
import type { RunDispatcher } from './runs/dispatcher.js';
import type { ProblemDataCache } from './runs/problem-data-cache.js';
import type { RateLimiter } from './runs/rate-limit.js';
import type { RunProgress } from './runs/run-progress.js';
import type { RunSignals } from './runs/run-signals.js';
import type { WebhookDeliverer } from './webhooks/deliverer.js';
import type { WebhookEmitter } from './webhooks/emit.js';

/** Where log lines go: the service's pino logger (Fastify logs through it too), or part of it. */
export type Logger = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;

/**
 * Called once when a room ends (by a participant, an API key, or its timer), after the room is
 * stored as ended: where a report builder plugs in. A hook that throws is logged; it never undoes
 * the end.
 */
export interface RoomEndedHook {
  onRoomEnded(room: RoomView): Promise<void> | void;
}

export interface RunServices {
  dispatcher: RunDispatcher;
  progress: RunProgress;
  signals: RunSignals;
  limiter: RateLimiter;
  data: ProblemDataCache;
}

/** Everything the routers and routes use, created once at start (see createMarketplace). */
export interface Services {
  config: MarketplaceConfig;
  db: Database;
  prisma: PrismaClient;
  blobs: BlobStore;
  identity: IdentityResolver;
  signer: RoomTokenSigner;
  publisher: Publisher;
  searchCache: SearchCache;
  log: FastifyBaseLogger;
  runs: RunServices;
  collab: CollabEvents;
  webhooks: { emitter: WebhookEmitter; deliverer: WebhookDeliverer };
  roomEndedHooks: RoomEndedHook[];
}

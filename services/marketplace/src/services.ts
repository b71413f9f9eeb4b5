import type { FastifyBaseLogger } from 'fastify';
import type { MarketplaceConfig } from './config/env.js';
import type { BlobStore } from './blobs/blob-store.js';
import type { IdentityResolver } from './auth/identity.js';
import type { RoomTokenSigner } from './auth/room-token-signer.js';
import type { Database } from './db/database.js';
import type { PrismaClient } from './generated/prisma/client.js';
import type { SearchCache } from './packs/search-cache.js';
import type { Publisher } from './publish/publisher.js';

/** Where log lines go: the service's pino logger (Fastify logs through it too), or part of it. */
export type Logger = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;

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
}

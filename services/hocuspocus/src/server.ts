/**
 * The collaboration service: Hocuspocus with one-concern extensions (room auth, the timeline and
 * persistence, presence events, the service API, and Redis scale-out when configured).
 */
import { Server } from '@hocuspocus/server';
import { Redis as IORedis } from 'ioredis';
import { createRemoteJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import type { CollabConfig } from './config.js';
import { PresenceEvents } from './extensions/presence-events.js';
import { RelayingRedis } from './extensions/redis-relay.js';
import { RoomAuth } from './extensions/room-auth.js';
import { RoomIntegrity, type RoomIntegrityOptions } from './extensions/room-integrity.js';
import { Timeline } from './extensions/timeline.js';
import { installHocuspocusFastPaths } from './hocuspocus-fast-paths.js';
import { ServiceApi } from './service-api.js';
import { type SqlClient, pgliteClient, postgresClient } from './store/sql-client.js';
import { TimelineStore } from './store/timeline-store.js';

export interface CollabServer {
  server: Server;
  store: TimelineStore;
  /** Resolves with the port listened on. */
  listen(): Promise<number>;
  close(): Promise<void>;
}

export interface CollabServerOptions extends CollabConfig {
  /** Keys to verify room tokens with, instead of fetching `jwksUrl` (tests, an embedded marketplace). */
  keys?: JSONWebKeySet | JWTVerifyGetKey;
  /** A SQL client instead of the one the configuration names. */
  sql?: SqlClient;
  /** Told of every participant update refused for breaking the room's integrity rules. */
  onRefused?: RoomIntegrityOptions['onRefused'];
}

export async function createCollabServer(options: CollabServerOptions): Promise<CollabServer> {
  installHocuspocusFastPaths();
  const sql = options.sql ?? (options.databaseUrl ? postgresClient(options.databaseUrl) : await pgliteClient(options.dataDir));
  const store = await TimelineStore.open(sql);
  const keys = options.keys ?? createRemoteJWKSet(new URL(options.jwksUrl));
  const redis = options.redisUrl ? new IORedis(options.redisUrl, { maxRetriesPerRequest: null }) : undefined;
  const relay = redis ? new RelayingRedis({ redis, prefix: 'duet-collab', ...(options.instance ? { identifier: options.instance } : {}) }) : undefined;
  const extensions = [
    ...(relay ? [relay] : []),
    new RoomAuth({ keys, ...(options.issuer ? { issuer: options.issuer } : {}) }),
    // Before the timeline: a refused update is never stored.
    new RoomIntegrity(options.onRefused ? { onRefused: options.onRefused } : {}),
    new Timeline(store, relay ? (documentName, update) => relay.relay(documentName, update) : undefined),
    new PresenceEvents(),
    new ServiceApi(store, options.secret, { keys, ...(options.issuer ? { issuer: options.issuer } : {}) }),
  ];
  // Awareness skips Hocuspocus's filtering step (hocuspocus-fast-paths.ts): no extension may rely on it.
  const filtering = extensions.find((extension) => 'beforeHandleAwareness' in extension);
  if (filtering) throw new Error(`${filtering.constructor.name} filters awareness, which the awareness fast path skips`);
  const server = new Server({
    name: options.instance ?? null,
    port: options.port,
    address: options.host,
    quiet: true,
    stopOnSignals: false,
    debounce: 2000,
    maxDebounce: 10_000,
    extensions,
  });
  let closing: Promise<void> | undefined;
  return {
    server,
    store,
    async listen() {
      await server.listen();
      return server.address.port;
    },
    close() {
      closing ??= (async () => {
        await server.destroy();
        redis?.disconnect();
        await store.close();
      })();
      return closing;
    },
  };
}

/** A real marketplace for tests: real Postgres or PGlite, a temp data folder, Clerk keys from a stand-in instance. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { createMarketplace, readConfig, type Marketplace, type MarketplaceOptions } from '../../src/index.js';
import { contextFor } from '../../src/context.js';
import { appRouter } from '../../src/root.js';
import type { Services } from '../../src/services.js';
import { createCallerFactory } from '../../src/trpc.js';
import { CLERK_PARTY, createTestClerk, type TestClerk } from './clerk.js';
import { createPostgresDatabase, type DatabaseKind } from './databases.js';

export interface TestMarketOptions extends MarketplaceOptions {
  database?: DatabaseKind;
  /** false: development mode (no Clerk key). */
  clerk?: boolean;
  env?: Record<string, string>;
  listen?: boolean;
}

export interface TestMarket {
  market: Marketplace;
  services: Services;
  /** The base URL when listening. */
  url: string;
  clerk: TestClerk | null;
  dataDir: string;
  /** A tRPC caller (no HTTP) with this Authorization header. */
  caller(authorization?: string): Caller;
  close(): Promise<void>;
}

const createCaller = createCallerFactory(appRouter);
export type Caller = ReturnType<typeof createCaller>;

export async function openMarket(options: TestMarketOptions = {}): Promise<TestMarket> {
  const dataDir = await mkdtemp(join(tmpdir(), 'market-data-'));
  const database = options.database === 'postgres' ? await createPostgresDatabase() : null;
  const clerk = options.clerk === false ? null : await createTestClerk();
  const config = readConfig({
    DUET_MARKET_DATA_DIR: dataDir,
    DUET_MARKET_PORT: '0',
    DUET_MARKET_PUBLIC_URL: 'http://market.test',
    DUET_MARKET_LOG_LEVEL: 'silent',
    ...(database ? { DATABASE_URL: database.url, DUET_MARKET_DB_POOL: '4' } : {}),
    ...(clerk ? { CLERK_JWT_KEY: clerk.jwtKey, CLERK_AUTHORIZED_PARTIES: CLERK_PARTY } : {}),
    ...options.env,
  });
  if (!database) config.database = { kind: 'pglite', dir: 'memory://' };
  let market: Marketplace;
  try {
    market = await createMarketplace(config, { logger: false, ...options });
  } catch (error) {
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  let url = '';
  if (options.listen) {
    await market.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(market.app.server.address() as AddressInfo).port}`;
  }
  return {
    market,
    services: market.services,
    url,
    clerk,
    dataDir,
    caller: (authorization) => createCaller(contextFor(market.services, authorization)),
    async close() {
      await market.close();
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string) => `Bearer ${token}`;

/** A signed-in person (Clerk session) who owns a new org. */
export async function personWithOrg(t: TestMarket, userId: string, org: string): Promise<string> {
  const auth = bearer(await t.clerk!.session(userId));
  await t.caller(auth).orgs.create({ slug: org, name: org.toUpperCase() });
  return auth;
}

/** An API key of `org`, created by one of its admins. */
export async function apiKeyFor(t: TestMarket, adminAuth: string, org: string, scopes: Array<'packs:read' | 'packs:publish' | 'rooms:write' | 'runs:write' | 'webhooks:write'>): Promise<string> {
  const created = await t.caller(adminAuth).orgs.apiKeys.create({ org, name: `${org} key`, scopes });
  return bearer(created.key);
}

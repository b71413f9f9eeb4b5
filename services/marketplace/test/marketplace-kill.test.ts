/**
 * SIGKILL the marketplace mid-run: after a restart every acknowledged run (its id answered by
 * runs.create) completes or is reported failed, never stays queued or running. Embedded judge: the
 * restart judges the interrupted runs again. Queue: the worker finishes while the marketplace is
 * down, and the restarted marketplace reads the results it missed from the jobs.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Redis } from 'ioredis';
import { expect, onTestFinished, test } from 'vitest';
import { createDuetClient } from '@duet/sdk';
import { createMarketplace, readConfig } from '../src/index.js';
import { contextFor } from '../src/context.js';
import { appRouter } from '../src/root.js';
import { createCallerFactory } from '../src/trpc.js';
import { postgresForTest } from './support/databases.js';
import { startProcess, startWorker, type Proc } from './support/processes.js';
import { PACK, PROBLEM } from './support/rooms.js';
import { seedVersion } from './support/seed.js';

const MARKET_BIN = fileURLToPath(new URL('../bin/duet-marketplace.js', import.meta.url));
const REDIS_URL = process.env.DUET_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SLOW_WRONG = 'import time\n\ndef max_subarray(nums):\n    time.sleep(0.5)\n    return 0\n';

/** A development-mode marketplace's database and data folder, seeded with a pack, an org and an API key. */
async function seededEnv(extra: Record<string, string>): Promise<{ env: Record<string, string>; apiKey: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'market-kill-'));
  onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
  const env = { DATABASE_URL: await postgresForTest(), DUET_MARKET_DB_POOL: '4', DUET_MARKET_DATA_DIR: dataDir, DUET_MARKET_PORT: '0', DUET_MARKET_LOG_LEVEL: 'info', ...extra };
  const market = await createMarketplace(readConfig(env), { logger: false });
  try {
    const caller = createCallerFactory(appRouter)(contextFor(market.services, undefined));
    await caller.orgs.create({ slug: 'acme', name: 'Acme' });
    const { key } = await caller.orgs.apiKeys.create({ org: 'acme', name: 'ci', scopes: ['rooms:write', 'runs:write'] });
    await seedVersion(market.services, { name: PACK });
    return { env, apiKey: key };
  } finally {
    await market.close();
  }
}

async function startMarket(env: Record<string, string>): Promise<{ proc: Proc; url: string }> {
  const proc = startProcess([MARKET_BIN], env, 'marketplace');
  const [, url] = await proc.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
  return { proc, url: url! };
}

async function runStates(databaseUrl: string): Promise<Array<{ id: string; state: string; verdict: string | null }>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(`SELECT id, state, verdict, result->>'internal_error' AS why FROM "Run" ORDER BY "createdAt"`)).rows;
  } finally {
    await client.end();
  }
}

async function testEvents(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query('SELECT count(*)::int AS n FROM "RunEvent"')).rows[0].n;
  } finally {
    await client.end();
  }
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function submitSlowRuns(url: string, apiKey: string, count: number): Promise<string[]> {
  const duet = createDuetClient({ baseUrl: url, apiKey });
  const room = await duet.rooms.create({ pack: PACK, problem: PROBLEM, mode: 'pair' });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await duet.runs.create({ roomId: room.id, kind: 'submit', code: SLOW_WRONG })).id);
  return ids;
}

test('embedded judge: runs interrupted by a SIGKILL are judged again after the restart', async () => {
  const { env, apiKey } = await seededEnv({ DUET_MARKET_RUN_CONCURRENCY: '1' });
  const first = await startMarket(env);
  const acknowledged = await submitSlowRuns(first.url, apiKey, 3);
  await until('a run to start', async () => ((await runStates(env.DATABASE_URL!)).some((r) => r.state === 'RUNNING') ? true : undefined), 30_000);
  await first.proc.kill('SIGKILL');
  const left = await runStates(env.DATABASE_URL!);
  expect(left.map((r) => r.id)).toEqual(acknowledged);
  expect(left.filter((r) => r.state !== 'DONE').length).toBeGreaterThan(0);

  const second = await startMarket(env);
  onTestFinished(() => second.proc.kill('SIGTERM'));
  const done = await until('every run to be done', async () => {
    const rows = await runStates(env.DATABASE_URL!);
    return rows.every((r) => r.state === 'DONE') ? rows : undefined;
  }, 90_000);
  expect(done.map((r) => r.id)).toEqual(acknowledged);
  expect(done.map((r) => r.verdict)).toEqual(['WA', 'WA', 'WA']);
}, 150_000);

test('queue: the worker finishes while the marketplace is down; the restarted marketplace records every result', async () => {
  const prefix = `duet-test-${randomBytes(4).toString('hex')}`;
  const secret = randomBytes(16).toString('hex');
  onTestFinished(async () => {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });
  const { env, apiKey } = await seededEnv({ REDIS_URL, DUET_QUEUE_PREFIX: prefix, DUET_WORKER_SECRET: secret });
  const first = await startMarket(env);
  const cacheDir = await mkdtemp(join(tmpdir(), 'judge-cache-'));
  onTestFinished(() => rm(cacheDir, { recursive: true, force: true }));
  const worker = startWorker({ redisUrl: REDIS_URL, prefix, marketUrl: first.url, secret, cacheDir }, 'worker');
  await worker.waitFor(/taking runs from/);
  const acknowledged = await submitSlowRuns(first.url, apiKey, 2);
  await until('a test result', async () => ((await testEvents(env.DATABASE_URL!)) > 0 ? true : undefined), 30_000);
  await first.proc.kill('SIGKILL');
  // Both runs finish in the worker while nobody listens.
  for (const id of acknowledged) await worker.waitFor(new RegExp(`run ${id} done`), 30_000);
  expect((await runStates(env.DATABASE_URL!)).some((r) => r.state !== 'DONE')).toBe(true);

  // Back on the same port, where the worker looks for it.
  const second = await startMarket({ ...env, DUET_MARKET_PORT: new URL(first.url).port });
  onTestFinished(() => second.proc.kill('SIGTERM'));
  const done = await until('every run to be done', async () => {
    const rows = await runStates(env.DATABASE_URL!);
    return rows.every((r) => r.state === 'DONE') ? rows : undefined;
  }, 30_000);
  expect(done.map((r) => [r.id, r.verdict, r.why])).toEqual(acknowledged.map((id) => [id, 'WA', null]));
}, 150_000);

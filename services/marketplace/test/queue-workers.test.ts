/**
 * Runs through the BullMQ queue on the machine's Redis to two real `duet-judge worker` processes
 * (a queue prefix of its own per test run): per-test events and results flow back and are stored,
 * workers fetch judge data by digest and cache it, and a worker SIGKILLed mid-run has its run taken
 * over by the other, which finishes it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDuetClient } from '@duet/sdk';
import type { RunEvent } from '@duet/sdk/run';
import { bearer } from './support/market.js';
import { startWorker, type Proc, type WorkerEnv } from './support/processes.js';
import { KADANE, PACK, PROBLEM, roomsFixture, type RoomsFixture } from './support/rooms.js';

const REDIS_URL = process.env.DUET_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = `duet-test-${randomBytes(4).toString('hex')}`;
const SECRET = randomBytes(16).toString('hex');
/** Wrong (so no complexity probe follows) and slow: 0.6 s per test, four hidden tests. */
const SLOW_WRONG = 'import time\n\ndef max_subarray(nums):\n    time.sleep(0.6)\n    return 0\n';

let f: RoomsFixture;
let cacheDir: string;
let env: WorkerEnv;

beforeAll(async () => {
  f = await roomsFixture({ database: 'postgres', listen: true, env: { REDIS_URL, DUET_QUEUE_PREFIX: PREFIX, DUET_WORKER_SECRET: SECRET }, runSweepMs: 500 });
  cacheDir = await mkdtemp(join(tmpdir(), 'judge-cache-'));
  env = { redisUrl: REDIS_URL, prefix: PREFIX, marketUrl: f.t.url, secret: SECRET, cacheDir };
}, 60_000);

afterAll(async () => {
  await f?.t.close();
  await rm(cacheDir, { recursive: true, force: true });
  const redis = new Redis(REDIS_URL);
  const keys = [...(await redis.keys(`${PREFIX}:*`)), ...(await redis.keys(`${PREFIX}-none:*`))];
  if (keys.length) await redis.del(...keys);
  await redis.quit();
});

async function twoWorkers(): Promise<[Proc, Proc]> {
  const a = startWorker(env, 'worker A');
  const b = startWorker(env, 'worker B');
  await Promise.all([a.waitFor(/taking runs from/), b.waitFor(/taking runs from/)]);
  return [a, b];
}

test('the judge data route is for workers only', async () => {
  const problem = await f.t.services.prisma.problem.findFirstOrThrow();
  const url = `${f.t.url}/internal/v1/judge-data/${problem.judgeDataDigest}`;
  expect((await fetch(url)).status).toBe(401);
  expect((await fetch(url, { headers: { authorization: bearer(f.key.slice(7)) } })).status).toBe(401);
  expect((await fetch(url, { headers: { authorization: `Bearer ${SECRET}` } })).status).toBe(200);
  expect((await fetch(`${f.t.url}/internal/v1/judge-data/${'0'.repeat(64)}`, { headers: { authorization: `Bearer ${SECRET}` } })).status).toBe(404);
});

test('runs go through the queue to judge workers; per-test events stream back; the data is cached by digest', async () => {
  await twoWorkers();
  const room = await f.t.caller(f.key).rooms.create({ pack: PACK, problem: PROBLEM, mode: 'pair', participants: [{ name: 'Ada', role: 'candidate' }] });
  const ada = createDuetClient({ baseUrl: f.t.url, token: room.tokens![0]!.token });
  const run = await ada.runs.create({ kind: 'sample', code: KADANE });
  const events: RunEvent[] = [];
  const result = await ada.runs.wait(run.id, { onEvent: (e) => events.push(e) });
  expect(result).toMatchObject({ verdict: 'AC', passed: run.total, total: run.total });
  expect(events.map((e) => e.type)).toEqual([...Array(run.total).fill('test'), 'done']);
  const stored = await f.t.services.prisma.run.findUniqueOrThrow({ where: { id: run.id } });
  expect(stored).toMatchObject({ state: 'DONE', verdict: 'AC', attempts: 1 });
  expect(stored.judgeMs).toBeGreaterThan(0);
  const problem = await f.t.services.prisma.problem.findFirstOrThrow();
  expect(await readdir(cacheDir)).toContain(problem.judgeDataDigest);
  // The queued message carries no tests, only the digest.
  const redis = new Redis(REDIS_URL);
  const data = JSON.parse((await redis.hget(`${PREFIX}:duet-runs:${run.id}`, 'data'))!);
  await redis.quit();
  expect(Object.keys(data).sort()).toEqual(['code', 'dataDigest', 'kind', 'runId']);
}, 60_000);

test('a worker SIGKILLed mid-run: the other takes the run over and finishes it; nothing is lost or left hanging', async () => {
  const [a, b] = await twoWorkers();
  const room = await f.t.caller(f.key).rooms.create({ pack: PACK, problem: PROBLEM, mode: 'pair' });
  const run = await f.t.caller(f.key).runs.create({ roomId: room.id, kind: 'submit', code: SLOW_WRONG });
  // Wait until a worker has started it and reported a test, then kill that worker.
  const started = new RegExp(`run ${run.id} started`);
  const holder = await Promise.race([a.waitFor(started).then(() => a), b.waitFor(started).then(() => b)]);
  const other = holder === a ? b : a;
  for (let i = 0; i < 100 && (await f.t.services.prisma.runEvent.count({ where: { runId: run.id } })) === 0; i++) await new Promise((r) => setTimeout(r, 50));
  expect(await f.t.services.prisma.runEvent.count({ where: { runId: run.id } })).toBeGreaterThan(0);
  expect((await f.t.services.prisma.run.findUniqueOrThrow({ where: { id: run.id } })).state).toBe('RUNNING');
  await holder.kill('SIGKILL');

  await other.waitFor(started, 20_000);
  const result = await createDuetClient({ baseUrl: f.t.url, apiKey: f.key.slice(7) }).runs.wait(run.id);
  expect(result).toMatchObject({ verdict: 'WA', total: 4 });
  expect(result.tests).toHaveLength(4);
  const stored = await f.t.services.prisma.run.findUniqueOrThrow({ where: { id: run.id } });
  expect(stored).toMatchObject({ state: 'DONE', verdict: 'WA', attempts: 2 });
}, 90_000);

test('a run whose workers all die mid-run (it stalls twice) is reported IE, never left hanging', async () => {
  const workers = [0, 1, 2].map((i) => startWorker(env, `worker ${i}`));
  await Promise.all(workers.map((w) => w.waitFor(/taking runs from/)));
  const room = await f.t.caller(f.key).rooms.create({ pack: PACK, problem: PROBLEM, mode: 'pair' });
  const run = await f.t.caller(f.key).runs.create({ roomId: room.id, kind: 'submit', code: SLOW_WRONG });
  const started = new RegExp(`run ${run.id} started`);
  const alive = new Set(workers);
  for (let kill = 0; kill < 2; kill++) {
    const holder = await Promise.race([...alive].map((w) => w.waitFor(started, 30_000).then(() => w)));
    alive.delete(holder);
    await holder.kill('SIGKILL');
  }
  const result = await createDuetClient({ baseUrl: f.t.url, apiKey: f.key.slice(7) }).runs.wait(run.id);
  expect(result).toMatchObject({ verdict: 'IE', internal_error: expect.stringMatching(/stalled/) });
  expect((await f.t.services.prisma.run.findUniqueOrThrow({ where: { id: run.id } })).state).toBe('DONE');
}, 90_000);

test('with no worker at all, a run ends IE at its deadline', async () => {
  const lonely = await roomsFixture({ listen: true, env: { REDIS_URL, DUET_QUEUE_PREFIX: `${PREFIX}-none`, DUET_WORKER_SECRET: SECRET, DUET_MARKET_RUN_DEADLINE_S: '3' }, runSweepMs: 500 });
  try {
    const room = await lonely.t.caller(lonely.key).rooms.create({ pack: PACK, problem: PROBLEM, mode: 'pair' });
    const run = await lonely.t.caller(lonely.key).runs.create({ roomId: room.id, kind: 'sample', code: KADANE });
    const result = await createDuetClient({ baseUrl: lonely.t.url, apiKey: lonely.key.slice(7) }).runs.wait(run.id);
    expect(result).toMatchObject({ verdict: 'IE', internal_error: 'no judge finished this run within 3 s' });
  } finally {
    await lonely.t.close();
  }
}, 60_000);

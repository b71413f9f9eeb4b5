#!/usr/bin/env node
// Runs benchmark (`npm run bench:runs`; BENCH_SMOKE=1 or --smoke for ~20 s, as CI runs it).
//  1. A fresh Postgres database on the machine (MARKET_POSTGRES_ADMIN_URL), migrated and seeded
//     (an org, the scaffold pack's version with its judge data) by the service's own code in this
//     process, then `duet-marketplace` started as a child process in development mode with the
//     embedded judge (the sandbox engine in the service's process).
//  2. Load from this (second) process on loopback: 20 runs a second, each `runs.create` (tRPC with
//     the candidate's room token, as the widget calls it; a trivial custom run: one test) followed by its events (`GET /api/v1/runs/{id}/events`, SSE)
//     until `done`; the latency is from sending runs.create to reading the result.
//     Target: p99 ≤ 300 ms, no failures.
//  3. The judge's own latency for the same runs (Run.judgeMs: from the judge taking the run to its
//     result, measured in the service) and the queue wait, so the marketplace's overhead (latency
//     minus judge time) is visible.
// --queue (or BENCH_QUEUE=1): the same through the BullMQ queue on the machine's Redis (REDIS_URL,
// default 127.0.0.1:6379, a prefix of its own) and BENCH_WORKERS `duet-judge worker` processes
// (default 2, one run at a time each); judge time is then measured in the worker.
// The database is dropped afterwards. Failures always gate; the timing target gates full runs only.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir, loadavg, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createPackTarball, loadPack, scaffoldPack, sha256Hex } from '@duet/sdk/pack';
import { PROBLEM_DATA_MEDIA_TYPE } from '@duet/sdk/run';

const smoke = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';
const queued = process.argv.includes('--queue') || process.env.BENCH_QUEUE === '1';
const JUDGE_BIN = fileURLToPath(new URL('../../judge/bin/duet-judge.js', import.meta.url));
const plan = smoke ? { warmupS: 2, durationS: 10 } : { warmupS: 5, durationS: 30 };
const RATE = 20;
const TARGET_P99_MS = 300;
const ADMIN_URL = process.env.MARKET_POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const dist = (path) => new URL(`../dist/${path}`, import.meta.url).href;
const CODE = 'def max_subarray(nums):\n    return max(nums)\n';

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

async function admin(sql) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Migrates the database and publishes the scaffold pack into it through the service's own commit path. */
async function seed(env, dataDir) {
  const { createMarketplace, readConfig } = await import(dist('index.js'));
  const { contextFor } = await import(dist('context.js'));
  const { appRouter } = await import(dist('root.js'));
  const { createCallerFactory } = await import(dist('trpc.js'));
  const { commitVersion } = await import(dist('publish/commit-version.js'));
  const { problemArtifacts } = await import(dist('publish/problem-artifacts.js'));
  const { TARBALL_MEDIA_TYPE } = await import(dist('publish/publisher.js'));
  const market = await createMarketplace(readConfig(env), { logger: false });
  try {
    const caller = createCallerFactory(appRouter)(contextFor(market.services, undefined));
    await caller.orgs.create({ slug: 'bench', name: 'Bench' });
    const folder = join(dataDir, 'pack');
    await scaffoldPack(folder, { name: '@bench/basics' });
    const pack = await loadPack(folder);
    const tarball = await createPackTarball(pack);
    const { services } = market;
    const org = await services.prisma.org.findUniqueOrThrow({ where: { slug: 'bench' } });
    const artifacts = await Promise.all(pack.problems.map((p) => problemArtifacts(p, 1000)));
    const data = artifacts.map((a) => Buffer.from(JSON.stringify(a.data)));
    await services.blobs.put(tarball.bytes, TARBALL_MEDIA_TYPE);
    for (const bytes of data) await services.blobs.put(bytes, PROBLEM_DATA_MEDIA_TYPE);
    const job = await services.prisma.publishJob.create({ data: { orgId: org.id, packName: '@bench/basics', version: pack.manifest.version, state: 'STORING', integrity: tarball.integrity, size: tarball.bytes.byteLength, instanceId: 'bench' } });
    await commitVersion(services.prisma, {
      jobId: job.id, orgId: org.id, scope: 'bench', pack: 'basics', version: pack.manifest.version, tag: 'latest', integrity: tarball.integrity,
      manifest: pack.manifest, tarball: { digest: tarball.sha256, size: tarball.bytes.byteLength, mediaType: TARBALL_MEDIA_TYPE },
      problems: artifacts.map((a, i) => ({ artifacts: a, dataDigest: sha256Hex(data[i]), dataSize: data[i].byteLength, dataMediaType: PROBLEM_DATA_MEDIA_TYPE })),
      publishedById: null, publishedByKeyId: null,
    });
    return pack.problems[0].id;
  } finally {
    await market.close();
  }
}

function startService(env, bin = MAIN, ready = /listening on (http:\/\/[\d.:]+)/) {
  const child = spawn(process.execPath, Array.isArray(bin) ? bin : [bin], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const match = ready.exec(output);
      const url = match?.[1] ?? (match ? 'ready' : undefined);
      if (url) {
        clearInterval(timer);
        resolve({ child, url, output: () => output });
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`${Array.isArray(bin) ? 'duet-judge worker' : 'duet-marketplace'} exited: ${output}`));
      }
    }, 50);
  });
}

/** The candidate's room token: runs are created and followed as the widget does. */
let token;

async function trpc(url, path, input) {
  const response = await fetch(`${url}/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(input) });
  const body = await response.json();
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${body.error?.message}`);
  return body.result.data;
}

/** One run, create to result; resolves with its id, latency and verdict, or rejects. */
async function oneRun(url, roomId) {
  const started = performance.now();
  const run = await trpc(url, 'runs.create', { kind: 'custom', code: CODE, stdin: '[[3, -1, 7]]' });
  const createMs = performance.now() - started;
  const response = await fetch(`${url}/api/v1/runs/${run.id}/events`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`events: HTTP ${response.status}`);
  const text = await response.text();
  const done = /event: done\nid: done\ndata: (.*)\n/.exec(text);
  if (!done) throw new Error(`the stream of ${run.id} ended without a result`);
  return { id: run.id, ms: performance.now() - started, createMs, verdict: JSON.parse(done[1]).verdict };
}

/** Fires a run every 1000/RATE ms for `seconds`, each followed to its result. */
async function drive(url, roomId, seconds) {
  const results = [];
  const failures = [];
  const pending = [];
  const interval = 1000 / RATE;
  const t0 = performance.now();
  for (let i = 0; i < seconds * RATE; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(oneRun(url, roomId).then((r) => (r.verdict === 'AC' ? results.push(r) : failures.push(`${r.id}: ${r.verdict}`)), (e) => failures.push(e.message)));
  }
  await Promise.all(pending);
  return { results, failures };
}

async function main() {
  const name = `market_bench_${randomBytes(4).toString('hex')}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'runs-bench-'));
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${name}`;
  await admin(`CREATE DATABASE "${name}"`);
  const env = {
    DATABASE_URL: dbUrl.toString(), DUET_MARKET_DATA_DIR: dataDir, DUET_MARKET_PORT: '0', DUET_MARKET_LOG_LEVEL: 'info',
    DUET_MARKET_RUNS_PER_MINUTE: '100000', DUET_MARKET_RUN_CONCURRENCY: process.env.BENCH_RUN_CONCURRENCY ?? '2',
  };
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `duet-bench-${randomBytes(4).toString('hex')}`;
  const workerCount = Number(process.env.BENCH_WORKERS ?? 2);
  if (queued) Object.assign(env, { REDIS_URL: redisUrl, DUET_QUEUE_PREFIX: prefix, DUET_WORKER_SECRET: randomBytes(16).toString('hex') });
  let service;
  const workers = [];
  try {
    const problem = await seed(env, dataDir);
    console.log(`seeded @bench/basics (${problem})`);
    service = await startService(env);
    if (queued) {
      for (let i = 0; i < workerCount; i++) {
        workers.push(await startService({ REDIS_URL: redisUrl, DUET_QUEUE_PREFIX: prefix, DUET_WORKER_SECRET: env.DUET_WORKER_SECRET, DUET_MARKET_URL: service.url, DUET_JUDGE_CACHE_DIR: join(dataDir, `cache-${i}`), DUET_JUDGE_LOG_LEVEL: 'info' }, [JUDGE_BIN, 'worker'], /taking runs from/));
      }
    }
    const room = await trpc(service.url, 'rooms.create', { pack: '@bench/basics', problem, mode: 'practice', participants: [{ name: 'Ada', role: 'candidate' }] });
    token = room.tokens[0].token;
    console.log(`service at ${service.url}, room ${room.id}`);
    await oneRun(service.url, room.id); // the engine starts on the first run
    console.log("first run done; warming up");
    // Unloaded: one run at a time, so the per-run cost shows without any queue.
    const single = [];
    for (let i = 0; i < (smoke ? 10 : 30); i++) single.push(await oneRun(service.url, room.id));
    await drive(service.url, room.id, plan.warmupS);
    const load = await drive(service.url, room.id, plan.durationS);

    const client = new pg.Client({ connectionString: dbUrl.toString() });
    await client.connect();
    const ids = [...load.results, ...single].map((r) => r.id);
    const rows = (await client.query('SELECT id, "judgeMs", EXTRACT(EPOCH FROM ("startedAt" - "createdAt")) * 1000 AS wait FROM "Run" WHERE id = ANY($1)', [ids])).rows;
    await client.end();
    const judge = new Map(rows.map((r) => [r.id, Number(r.judgeMs)]));
    const wait = new Map(rows.map((r) => [r.id, Number(r.wait)]));
    const latency = load.results.map((r) => r.ms);
    const judgeMs = load.results.map((r) => judge.get(r.id) ?? 0);
    const waits = load.results.map((r) => wait.get(r.id) ?? 0);
    const overhead = load.results.map((r) => r.ms - (judge.get(r.id) ?? 0) - (wait.get(r.id) ?? 0));
    const p = (values, q) => `${quantile(values, q).toFixed(1)} ms`;
    const singleMs = single.map((r) => r.ms);
    const singleJudge = single.map((r) => judge.get(r.id) ?? 0);
    const singleOverhead = single.map((r) => r.ms - (judge.get(r.id) ?? 0) - (wait.get(r.id) ?? 0));
    const p99 = quantile(latency, 0.99);
    const line = (cells) => cells.map((c, i) => String(c).padEnd(i === 0 ? 46 : 14)).join('');
    const line0 = (cells) => cells.map((c, i) => String(c).padEnd(i === 0 ? 46 : 14)).join('');
    console.log(`\none run at a time (${single.length} runs)`);
    console.log(line0(['metric', 'p50', 'p99']));
    console.log(line0(['create → result', p(singleMs, 0.5), p(singleMs, 0.99)]));
    console.log(line0(['runs.create answered (stored, dispatched)', p(single.map((r) => r.createMs), 0.5), p(single.map((r) => r.createMs), 0.99)]));
    console.log(line0(['judge (taken → result)', p(singleJudge, 0.5), p(singleJudge, 0.99)]));
    console.log(line0(['marketplace overhead (latency − judge − wait)', p(singleOverhead, 0.5), p(singleOverhead, 0.99)]));
    console.log(`\nruns.create → result at ${RATE} runs/s for ${plan.durationS} s (${smoke ? 'smoke' : 'full'} run; ${availableParallelism()} CPUs, load ${loadavg()[0].toFixed(2)}; ${queued ? `queue on Redis, ${workerCount} duet-judge workers` : `embedded judge, concurrency ${env.DUET_MARKET_RUN_CONCURRENCY}`})`);
    console.log(line(['metric', 'p50', 'p99', 'target']));
    console.log(line(['create → result (this process, loopback)', p(latency, 0.5), p(latency, 0.99), `≤ ${TARGET_P99_MS} ms`]));
    console.log(line(['runs.create answered (stored, dispatched)', p(load.results.map((r) => r.createMs), 0.5), p(load.results.map((r) => r.createMs), 0.99), '']));
    console.log(line(['judge (taken → result, as the judge measured)', p(judgeMs, 0.5), p(judgeMs, 0.99), '']));
    console.log(line(['queue wait (stored → taken)', p(waits, 0.5), p(waits, 0.99), '']));
    console.log(line(['marketplace overhead (latency − judge − wait)', p(overhead, 0.5), p(overhead, 0.99), '']));
    console.log(`runs: ${load.results.length} done, ${load.failures.length} failed${load.failures.length ? `: ${load.failures.slice(0, 5).join('; ')}` : ''}`);
    if (load.failures.length) {
      console.log('\nFAIL: some runs did not complete with AC');
      process.exitCode = 1;
    } else if (p99 > TARGET_P99_MS) {
      console.log(smoke ? '\nsmoke: the p99 target was not met (not gating in smoke mode)' : '\nFAIL: p99 over the target');
      process.exitCode = smoke ? 0 : 1;
    } else {
      console.log('\nall targets met');
    }
  } finally {
    for (const worker of workers) worker.child.kill('SIGTERM');
    if (queued) {
      const { Redis } = await import('ioredis');
      const redis = new Redis(redisUrl);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
    service?.child.kill('SIGTERM');
    await new Promise((r) => (service?.child.exitCode === null ? service.child.once('exit', r) : r()));
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

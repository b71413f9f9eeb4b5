#!/usr/bin/env node
// Marketplace search benchmark (`npm run bench:marketplace`; BENCH_SMOKE=1 or --smoke for a few
// seconds, as CI runs it).
//  1. A fresh Postgres database on the machine (MARKET_POSTGRES_ADMIN_URL, default postgres@127.0.0.1:5432),
//     migrated by the service itself (`duet-marketplace`, started as a child process), then seeded
//     with a realistic catalogue: 2,000 packs of 4–12 problems (~16,000 problems with statements,
//     tags and difficulties; 200 packs in smoke mode).
//  2. Unloaded latency: sequential `GET /api/v1/packs?q=…` from this process, one at a time.
//  3. Load: autocannon from this (second) process on loopback at a fixed 500 requests/s over a
//     mix of 2,000 searches (text, tag and difficulty filters, pages) drawn with Zipf popularity,
//     as search traffic is, plus 5% searches never made before; the service answers repeats from
//     its cache, as in production, and the new ones from Postgres.
//     Target: p99 ≤ 50 ms, no errors. Then the same rate on a static route of the same service (no
//     search, no database): the machine's own floor, so the search's share of the latency is visible.
// With --loaded (BENCH_LOADED=1), another process keeps one core busy from the warm-up to the end,
// as a service in production is never alone on its machine; the floor is then measured under it too.
// The database is dropped afterwards. Correctness (every answer 200) always gates; the timing
// target gates full runs only.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const smoke = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';
const loaded = process.argv.includes('--loaded') || process.env.BENCH_LOADED === '1';
// The mix is 2,000 requests long: at 500 req/s a 5 s warm-up goes through it 1.25 times.
const plan = smoke ? { packs: 200, warmupS: 1, durationS: 4, unloaded: 50 } : { packs: 2000, warmupS: 5, durationS: 20, unloaded: 300 };
const RATE = 500;
const CONNECTIONS = 32;
/** The share of requests that are searches never made before. */
const NOVEL_SHARE = 0.05;
const TARGET_P99_MS = 50;
const ADMIN_URL = process.env.MARKET_POSTGRES_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

// Topic words, ten to a theme (a pack covers one or two themes); the earlier ones are searched for more often.
const WORDS = (
  'array string graph tree heap stack queue hash map set sort search binary linked list matrix grid path shortest ' +
  'longest subarray substring subsequence palindrome anagram interval merge window sliding pointer prefix sum ' +
  'dynamic programming greedy backtracking recursion memo cache island bridge cycle topological order dependency ' +
  'schedule task course network flow capacity cut minimum maximum spanning union find disjoint component connected ' +
  'bipartite color coin change knapsack partition subset permutation combination parenthesis bracket expression ' +
  'calculator parser token lexer regex pattern wildcard match edit distance diff patch rotate reverse flatten ' +
  'serialize deserialize encode decode compress huffman trie prefix suggest autocomplete median stream running ' +
  'frequency top kth smallest largest closest point geometry convex hull polygon area line segment intersection ' +
  'bit manipulation xor mask gray code power modular exponent prime sieve factor gcd lcm fibonacci catalan ' +
  'probability random sample shuffle reservoir simulation game board chess sudoku queens maze robot elevator ' +
  'parking bank account transaction ledger inventory order book auction bid rate limiter throttle lru lfu ' +
  'timeline calendar meeting room booking interval tree segment fenwick range query update lazy propagation'
).split(' ');
const THEMES = Array.from({ length: Math.ceil(WORDS.length / 10) }, (_, i) => WORDS.slice(i * 10, i * 10 + 10));
// What every statement says whatever its topic (English stop words drop out of the index).
const FILLER = (
  'given return the of a an to in for and each integer input output value number element first last example ' +
  'constraint length result contain valid write function that which is are be with at least most such there ' +
  'compute determine count print line case test single two three positive negative zero distinct answer'
).split(' ');
const TAGS = ['arrays', 'strings', 'graphs', 'trees', 'dynamic-programming', 'greedy', 'math', 'sorting', 'hashing', 'two-pointers', 'sliding-window', 'heaps', 'stacks', 'recursion', 'bit-manipulation', 'geometry', 'simulation', 'design', 'binary-search', 'union-find'];
const DIFFICULTIES = ['easy', 'medium', 'hard'];

let seed = 20261128;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (list) => list[Math.floor(random() * list.length)];
/** Zipf-like: index i is chosen with weight 1/(i+1). */
const pickPopular = (list) => {
  const total = list.reduce((sum, _, i) => sum + 1 / (i + 1), 0);
  let r = random() * total;
  for (let i = 0; i < list.length; i++) if ((r -= 1 / (i + 1)) <= 0) return list[i];
  return list[list.length - 1];
};
const from = (vocabulary, n) => Array.from({ length: n }, () => pick(vocabulary)).join(' ');
const title = (vocabulary, n) => from(vocabulary, n).replace(/\b\w/g, (c) => c.toUpperCase());
/** A statement: mostly the words every statement uses, one in five from the problem's theme. */
const statement = (theme, n) => Array.from({ length: n }, () => (random() < 0.2 ? pick(theme) : pick(FILLER))).join(' ');

/** CPU milliseconds a process has used so far (Linux /proc; null elsewhere). */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

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

/** A neighbour that keeps one core busy until the bench ends (a spinning Node, in a session of its own). */
function startNeighbour() {
  const spinner = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore', detached: true });
  process.once('exit', () => spinner.kill('SIGKILL'));
  for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(130));
  return spinner;
}

function startService(env) {
  // BENCH_SERVICE_NODE_OPTIONS (e.g. --cpu-prof) reaches the service only.
  const nodeOptions = process.env.BENCH_SERVICE_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVICE_NODE_OPTIONS } : {};
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH, ...nodeOptions, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const url = /listening on (http:\/\/[\d.:]+)/.exec(output)?.[1];
      if (url) {
        clearInterval(timer);
        resolve({ child, url });
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`duet-marketplace exited: ${output}`));
      }
    }, 50);
  });
}

/** The catalogue, straight into the tables the service migrated (publishing 2,000 packs through the judge would take hours). */
async function seedCatalogue(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const digest = 'f'.repeat(64);
  await client.query(`INSERT INTO "Blob" (digest, size, "mediaType") VALUES ($1, 1, 'application/octet-stream')`, [digest]);
  let problems = 0;
  const orgs = Math.max(10, Math.floor(plan.packs / 20));
  for (let o = 0; o < orgs; o++) await client.query(`INSERT INTO "Org" (id, slug, name) VALUES ($1, $2, $3)`, [`org-${o}`, `org${o}`, title(2)]);
  for (let p = 0; p < plan.packs; p++) {
    const packId = `pack-${p}`;
    const versionId = `version-${p}`;
    const count = 4 + Math.floor(random() * 9);
    const themes = [pick(THEMES), ...(random() < 0.5 ? [pick(THEMES)] : [])];
    const rows = Array.from({ length: count }, (_, i) => {
      const theme = pick(themes);
      return {
        slug: `problem-${i}`,
        title: title(theme, 2 + Math.floor(random() * 2)),
        difficulty: pick(DIFFICULTIES),
        tags: [...new Set([pick(TAGS), pick(TAGS)])],
        statement: `${statement(theme, 80 + Math.floor(random() * 160))}.`,
      };
    });
    const tags = [...new Set(rows.flatMap((r) => r.tags))].sort();
    const difficulties = DIFFICULTIES.filter((d) => rows.some((r) => r.difficulty === d));
    const searchText = rows.map((r) => `${r.title} ${r.tags.join(' ')}`).join('\n');
    const statementText = rows.map((r) => r.statement).join('\n\n');
    const free = random() < 0.7;
    await client.query(
      `INSERT INTO "Pack" (id, scope, name, "orgId", access, "priceAmount", "priceCurrency", "latestVersion", title, description, tags, difficulties, "problemCount", "searchText", "statementText", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, '1.0.0', $8, $9, $10, $11, $12, $13, $14, now() - ($15 || ' minutes')::interval)`,
      [packId, `org${p % orgs}`, `pack-${p}`, `org-${p % orgs}`, free ? 'FREE' : 'PAID', free ? null : 999, free ? null : 'usd', title(themes.flat(), 3), statement(themes.flat(), 25), tags, difficulties, count, searchText, statementText, String(p)],
    );
    await client.query(`INSERT INTO "PackVersion" (id, "packId", version, integrity, "tarballDigest", "tarballSize", manifest) VALUES ($1, $2, '1.0.0', 'sha512-bench', $3, 1, '{}')`, [versionId, packId, digest]);
    await client.query(`INSERT INTO "DistTag" ("packId", tag, "versionId", "updatedAt") VALUES ($1, 'latest', $2, now())`, [packId, versionId]);
    const values = [];
    const params = [];
    rows.forEach((r, i) => {
      const base = params.length;
      values.push(`($${base + 1}, $${base + 2}, $${base + 3}, ${i}, $${base + 4}, $${base + 5}, $${base + 6}, 'stdio', 1000, '{}', $${base + 7}, $${base + 8})`);
      params.push(`${versionId}-${i}`, versionId, r.slug, r.title, r.difficulty, r.tags, r.statement, digest);
    });
    await client.query(`INSERT INTO "Problem" (id, "versionId", slug, position, title, difficulty, tags, "interfaceType", "timeLimitMs", "publicView", statement, "judgeDataDigest") VALUES ${values.join(', ')}`, params);
    problems += count;
  }
  // The steady state autovacuum keeps: fresh statistics, and the GIN indexes' pending entries merged.
  await client.query('VACUUM ANALYZE');
  await client.end();
  return problems;
}

/** The request mix: one- and two-word searches (popular topics more often), some with a tag or difficulty filter or a later page, some browsing. */
function requestPaths(n) {
  return Array.from({ length: n }, () => {
    const query = new URLSearchParams();
    const kind = random();
    if (kind < 0.85) query.set('q', random() < 0.6 ? pickPopular(WORDS) : `${pickPopular(WORDS)} ${pickPopular(WORDS)}`);
    if (kind > 0.6 && random() < 0.5) query.append('tags', pick(TAGS));
    if (random() < 0.2) query.set('difficulty', pick(DIFFICULTIES));
    if (random() < 0.15) query.set('offset', '20');
    return `/api/v1/packs?${query}`;
  });
}

/** A search most likely made for the first time: two topic words (any, not the popular ones) and a tag. */
function novelPath() {
  return `/api/v1/packs?${new URLSearchParams({ q: `${pick(WORDS)} ${pick(WORDS)}`, tags: pick(TAGS) })}`;
}

/**
 * Runs the mix at `rate`, with NOVEL_SHARE of the requests new searches (the long tail a cache
 * cannot answer); `outcomes` counts how the service answered (its x-duet-cache header).
 */
function cannon(url, paths, { rate, seconds, outcomes = {} }) {
  let next = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    overallRate: rate,
    duration: seconds,
    requests: [
      {
        setupRequest: (request) => ({ ...request, path: random() < NOVEL_SHARE ? novelPath() : paths[next++ % paths.length] }),
        onResponse: (_status, _body, _context, headers) => {
          const outcome = headers['x-duet-cache'] ?? 'none';
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        },
      },
    ],
  });
}

async function main() {
  const name = `market_bench_${randomBytes(4).toString('hex')}`;
  const dataDir = await mkdtemp(join(tmpdir(), 'market-bench-'));
  const dbUrl = new URL(ADMIN_URL);
  dbUrl.pathname = `/${name}`;
  await admin(`CREATE DATABASE "${name}"`);
  let service;
  try {
    service = await startService({ DATABASE_URL: dbUrl.toString(), DUET_MARKET_DATA_DIR: dataDir, DUET_MARKET_PORT: '0', DUET_MARKET_LOG_LEVEL: 'info' });
    const seeding = performance.now();
    const problems = await seedCatalogue(dbUrl.toString());
    console.log(`seeded ${plan.packs} packs, ${problems} problems in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
    const paths = requestPaths(2000);

    const sample = await (await fetch(`${service.url}${paths[0]}`)).json();
    if (typeof sample.total !== 'number') throw new Error(`unexpected answer: ${JSON.stringify(sample).slice(0, 200)}`);
    const unloaded = [];
    for (let i = 0; i < plan.unloaded; i++) {
      const started = performance.now();
      const response = await fetch(`${service.url}${paths[i % paths.length]}`);
      await response.arrayBuffer();
      unloaded.push(performance.now() - started);
    }

    const neighbour = loaded ? startNeighbour() : undefined;
    // The warm-up goes through the whole mix once, as a running service's cache has seen its regular searches.
    await cannon(service.url, paths, { rate: RATE, seconds: plan.warmupS });
    const outcomes = {};
    const busyBefore = loadavg()[0];
    const cpuBefore = cpuMs(service.child.pid);
    const result = await cannon(service.url, paths, { rate: RATE, seconds: plan.durationS, outcomes });
    const cpuAfter = cpuMs(service.child.pid);
    // The machine's floor at the same rate: a static answer from the same service (no search, no database).
    const floor = await autocannon({ url: `${service.url}/.well-known/jwks.json`, connections: CONNECTIONS, overallRate: RATE, duration: Math.max(2, Math.round(plan.durationS / 2)) });
    neighbour?.kill('SIGKILL');
    const serviceCpu = cpuBefore === null || cpuAfter === null ? 'n/a' : `${((cpuAfter - cpuBefore) / result.requests.total).toFixed(2)} ms per request`;
    const failures = result.errors + result.timeouts + result.non2xx;
    const rows = [
      ['catalogue', `${plan.packs} packs, ${problems} problems`, '', null],
      ['request mix', `${paths.length} searches, ${new Set(paths).size} distinct, + ${NOVEL_SHARE * 100}% new ones`, '', null],
      ['unloaded p50 / p99 (1 at a time)', `${quantile(unloaded, 0.5).toFixed(1)} / ${quantile(unloaded, 0.99).toFixed(1)} ms`, '', null],
      ['machine', `${availableParallelism()} CPUs, load average ${busyBefore.toFixed(2)} before the run${loaded ? '; another process keeps one core busy throughout' : ''}`, '', null],
      ['offered rate', `${RATE} req/s over ${CONNECTIONS} connections, ${plan.durationS} s`, '', null],
      ['achieved rate', `${result.requests.average.toFixed(0)} req/s (${result.requests.total} requests)`, `${RATE} req/s`, result.requests.average >= RATE * 0.95],
      ['latency p50', `${result.latency.p50} ms`, '', null],
      ['latency p90', `${result.latency.p90} ms`, '', null],
      ['latency p99', `${result.latency.p99} ms`, `≤ ${TARGET_P99_MS} ms`, result.latency.p99 <= TARGET_P99_MS],
      ['latency max', `${result.latency.max} ms`, '', null],
      ['service CPU', serviceCpu, '', null],
      ['answered from cache', `${outcomes.hit ?? 0} fresh, ${outcomes.stale ?? 0} stale, ${outcomes.miss ?? 0} searched`, '', null],
      ['floor: a static route, same rate', `p50 ${floor.latency.p50} ms, p99 ${floor.latency.p99} ms`, '', null],
      ['errors / timeouts / non-2xx', `${result.errors} / ${result.timeouts} / ${result.non2xx}`, '0', failures === 0],
    ];
    const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length), ['metric', 'value', 'target'][c].length));
    const line = (cells) => cells.map((cell, c) => cell.padEnd(widths[c])).join('  ');
    console.log(`\npacks.search under load (${smoke ? 'smoke' : 'full'} run${loaded ? ', one core busy beside it' : ''})\n${line(['metric', 'value', 'target'])}  result`);
    for (const [metric, value, target, ok] of rows) console.log(`${line([metric, value, target])}  ${ok === null ? '' : ok ? 'PASS' : 'FAIL'}`);
    if (failures > 0) {
      console.log('\nFAIL: some searches did not answer 200');
      process.exitCode = 1;
    } else if (rows.some((r) => r[3] === false)) {
      console.log(smoke ? '\nsmoke: timing targets not met (not gating in smoke mode)' : '\nFAIL: timing targets not met');
      process.exitCode = smoke ? 0 : 1;
    } else {
      console.log('\nall targets met');
    }
  } finally {
    service?.child.kill('SIGTERM');
    await new Promise((resolve) => (service ? service.child.once('exit', resolve) : resolve()));
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

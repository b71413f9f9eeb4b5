#!/usr/bin/env node
// Judge benchmark (`npm run bench:judge`; `--smoke` or BENCH_SMOKE=1 for a few-second CI version).
//  1. baseline: median wall time to spawn `/usr/bin/python3 -c pass` on the host (alone, and
//     alternating with the latency runs, which is what their ratio uses);
//  2. latency: a trivial accepted function solution over 20 tests through judgeBundle (sandboxed),
//     p50/p95, and p50 as a multiple of the baseline (target ≤ 4×), with the driver's default
//     pre-started sandbox (one per kind of run, each serving one run), and for comparison with
//     every sandbox started on demand;
//  3. throughput: the HTTP service at default concurrency, clients posting 20-test runs with ?wait=1
//     for a few seconds: runs/s (target ≥ 20), p50/p95 round trip, IE count (target 0).
// Uses the built `@duet/judge` (run `npm run build` first; the npm script does).
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createSandboxDriver, judgeBundle, sandboxAvailable } from '@duet/judge-engine';
import { createJudgeServer } from '@duet/judge';

const smoke = process.argv.includes('--smoke') || process.env.BENCH_SMOKE === '1';
const plan = smoke
  ? { baselineSpawns: 5, latencyRuns: 4, throughputMs: 1500 }
  : { baselineSpawns: 30, latencyRuns: 40, throughputMs: 8000 };
const TESTS_PER_RUN = 20;
const SECRET = `bench-${Math.random().toString(36).slice(2)}-secret`;

const bundle = {
  kind: 'submit',
  language: 'python',
  code: 'def add(a, b):\n    return a + b\n',
  interface: { type: 'function', entry: 'add' },
  tests: Array.from({ length: TESTS_PER_RUN }, (_, i) => ({ name: `t${i}`, input: JSON.stringify([i, i * 2]), answer: String(i * 3) })),
  limits: { time_ms: 1000, memory_mb: 64, output_kb: 64 },
  checker: { type: 'default' },
};

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index];
}

function spawnPassOnce() {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/python3', ['-c', 'pass'], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`python3 exited ${code}`))));
  });
}

async function baseline() {
  await spawnPassOnce(); // warm the page cache
  const times = [];
  for (let i = 0; i < plan.baselineSpawns; i++) times.push(await spawnPassOnce());
  return quantile(times, 0.5);
}

// The machine's floor for "one fork per test": a bare python3 forking and reaping TESTS_PER_RUN
// children that exit at once (no sandbox, no test). Page faults are expensive on some VMs, and
// copy-on-write after fork costs a Python process ~100 of them, so this floor can itself exceed
// the latency target; printing it in the same run shows how much of the gap is the harness's.
const FORK_FLOOR_SCRIPT = `import os, time
t = time.perf_counter()
for _ in range(${TESTS_PER_RUN}):
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
print((time.perf_counter() - t) * 1000)`;

function forkFloorOnce() {
  return new Promise((resolve, reject) => {
    let out = '';
    const child = spawn('/usr/bin/python3', ['-I', '-S', '-c', FORK_FLOOR_SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(`python3 exited ${code}`))));
  });
}

async function forkFloor() {
  const times = [];
  for (let i = 0; i < Math.max(3, plan.baselineSpawns / 3); i++) times.push(await forkFloorOnce());
  return quantile(times, 0.5);
}

/**
 * judgeBundle latency, with one baseline spawn before each run: the machine's speed drifts (a VM's
 * neighbours), and alternating makes the baseline and the runs see the same drift.
 */
async function latency(driver) {
  await judgeBundle(bundle, { driver }); // warm-up
  const times = [];
  const baselines = [];
  const verdicts = new Map();
  for (let i = 0; i < plan.latencyRuns; i++) {
    baselines.push(await spawnPassOnce());
    const started = performance.now();
    const result = await judgeBundle(bundle, { driver });
    times.push(performance.now() - started);
    verdicts.set(result.verdict, (verdicts.get(result.verdict) ?? 0) + 1);
  }
  return { p50: quantile(times, 0.5), p95: quantile(times, 0.95), baseline: quantile(baselines, 0.5), verdicts };
}

async function throughput(driver) {
  const concurrency = availableParallelism();
  const app = createJudgeServer({ secret: SECRET, driver });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${app.server.address().port}/v1/runs?wait=1`;
  const body = JSON.stringify(bundle);
  const headers = { authorization: `Bearer ${SECRET}`, 'content-type': 'application/json' };
  const times = [];
  const verdicts = new Map();
  let rejected = 0;
  let failures = 0;
  // Enough clients to keep every judging slot busy plus a short queue.
  const clients = concurrency * 2;
  const started = performance.now();
  const deadline = started + plan.throughputMs;
  const client = async () => {
    while (performance.now() < deadline) {
      const sent = performance.now();
      const response = await fetch(url, { method: 'POST', headers, body });
      const json = await response.json();
      if (response.status === 503) {
        rejected++;
        await new Promise((resolve) => setTimeout(resolve, 50));
        continue;
      }
      if (response.status !== 200) {
        failures++;
        continue;
      }
      times.push(performance.now() - sent);
      verdicts.set(json.result.verdict, (verdicts.get(json.result.verdict) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const elapsed = performance.now() - started;
  await app.close();
  return { concurrency, clients, runs: times.length, rate: (times.length / elapsed) * 1000, p50: quantile(times, 0.5), p95: quantile(times, 0.95), verdicts, rejected, failures };
}

const fmt = (ms) => `${ms.toFixed(1)} ms`;
const verdictText = (verdicts) => [...verdicts].map(([v, n]) => `${v}×${n}`).join(' ') || 'none';

async function main() {
  // As the service runs (DUET_JUDGE_WARM_SANDBOXES=1): one pre-started sandbox per kind of run.
  const driver = createSandboxDriver({ warmSandboxes: 1 });
  const sandbox = await sandboxAvailable(driver);
  if (!sandbox.ok) {
    console.error(`judge-bench: the sandbox is not available here: ${sandbox.reason}`);
    process.exit(1);
  }
  console.log(`judge-bench${smoke ? ' (smoke)' : ''}: ${TESTS_PER_RUN} tests per run, ${availableParallelism()} CPUs`);
  const base = await baseline();
  const floor = await forkFloor();
  const lat = await latency(driver);
  // The same runs with every sandbox started on demand (no pre-started one): what a lone run costs.
  const coldDriver = createSandboxDriver({ warmSandboxes: 0 });
  const cold = await latency(coldDriver);
  const thr = await throughput(driver);
  await driver.close();
  const ratio = lat.p50 / lat.baseline;
  const ie = (lat.verdicts.get('IE') ?? 0) + (cold.verdicts.get('IE') ?? 0) + (thr.verdicts.get('IE') ?? 0);
  const nonAc = [...lat.verdicts, ...cold.verdicts, ...thr.verdicts].filter(([v]) => v !== 'AC').reduce((sum, [, n]) => sum + n, 0);

  const rows = [
    ['baseline: spawn python3 -c pass (p50)', fmt(base), '', null],
    ['baseline, alternating with the runs (p50)', fmt(lat.baseline), '', null],
    [`machine floor: ${TESTS_PER_RUN} bare python forks (p50)`, `${fmt(floor)} (${(floor / base).toFixed(2)}×)`, '', null],
    ['judgeBundle latency p50', fmt(lat.p50), '', null],
    ['judgeBundle latency p95', fmt(lat.p95), '', null],
    ['latency p50 / baseline', `${ratio.toFixed(2)}×`, '≤ 4×', ratio <= 4],
    ['latency p50, sandbox started on demand', `${fmt(cold.p50)} (${(cold.p50 / cold.baseline).toFixed(2)}×)`, '', null],
    [`HTTP throughput (concurrency ${thr.concurrency}, ${thr.clients} clients)`, `${thr.rate.toFixed(1)} runs/s`, '≥ 20 runs/s', thr.rate >= 20],
    ['HTTP round trip p50', fmt(thr.p50), '', null],
    ['HTTP round trip p95', fmt(thr.p95), '', null],
    ['internal errors (IE)', String(ie), '0', ie === 0],
    ['non-AC verdicts / HTTP failures', `${nonAc} / ${thr.failures}`, '0 / 0', nonAc === 0 && thr.failures === 0],
  ];
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length), ['metric', 'value', 'target'][c].length));
  const line = (cells) => cells.map((cell, c) => cell.padEnd(widths[c])).join('  ');
  console.log(`\n${line(['metric', 'value', 'target'])}  result`);
  console.log('-'.repeat(widths[0] + widths[1] + widths[2] + 12));
  for (const [metric, value, target, ok] of rows) console.log(`${line([metric, value, target])}  ${ok === null ? '' : ok ? 'PASS' : 'FAIL'}`);
  console.log(`\nverdicts: latency ${verdictText(lat.verdicts)}; HTTP ${verdictText(thr.verdicts)}; ${thr.runs} HTTP runs, ${thr.rejected} QUEUE_FULL retries`);

  // Correctness always gates; the timing targets gate full runs only (smoke runs are too short).
  const correctness = ie === 0 && nonAc === 0 && thr.failures === 0 && thr.runs > 0;
  const timing = ratio <= 4 && thr.rate >= 20;
  if (!correctness) {
    console.log('\nFAIL: runs did not all pass cleanly');
    process.exit(1);
  }
  if (!timing) {
    console.log(smoke ? '\nsmoke: timing targets not met (not gating in smoke mode)' : '\nFAIL: timing targets not met');
    process.exit(smoke ? 0 : 1);
  }
  console.log('\nall targets met');
}

main().catch((error) => {
  console.error('judge-bench failed:', error);
  process.exit(1);
});

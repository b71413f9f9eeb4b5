// bench:collab — simulated participants (@hocuspocus/provider clients, in child processes of this
// one) in many rooms on one collaboration-service process (over the machine's PostgreSQL):
// every client edits at a steady rate; each edit carries its send time, and the other client of its
// room measures when it arrives. Prints edit propagation (p50/p95/p99/max), the service's memory
// per active room, edits lost (the final documents compared with what the clients sent), the
// throughput, where the service's time went (its timeline appends: waiting for a group, the group's
// commit, its event-loop delay), the CPU of each side, the simulated clients' own saturation
// (event-loop utilisation and delay of each client process: when they are busy, part of the latency
// is theirs, not the service's), and the machine's load average.
//
// The service and each client process run in sessions of their own: with the kernel's autogroup
// scheduling (sched_autogroup_enabled=1 on our VMs) each then has its own share of the CPU, as a
// deployed service and its remote clients have, instead of all sharing this one's.
//
//   npm run bench:collab                  500 rooms × 2 clients × 2 edits/s for 60 s
//   BENCH_SMOKE=1 npm run bench:collab    a few seconds, as CI runs it (figures printed, not gated)
//   BENCH_ROOMS, BENCH_SECONDS            scale it; BENCH_CLIENT_PROCESSES (default 2)
//   BENCH_WARMUP_SECONDS                  edits at the same rate before the measured period (default 5,
//                                         smoke 1): a service runs for days, so its first seconds (code
//                                         not yet optimised, the heap still growing, every client's
//                                         first presence) are printed apart, not mixed into the figures
//   BENCH_SERVICE_NODE_OPTIONS            Node flags for the service, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
//   BENCH_DEBUG=1                         also the service's raw figures, its output, and the slowest
//                                         arrival in each second of the run
// Needs PostgreSQL at DUET_BENCH_POSTGRES (default postgresql://postgres@127.0.0.1:5432).
import { fork, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const EDITS_PER_SECOND = 2;

if (process.argv[2] === '--clients') await clientProcess();
else await main();

async function main() {
  const { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair } = await import('jose');
  const { default: pg } = await import('pg');
  const smoke = process.env.BENCH_SMOKE === '1';
  const ROOMS = Number(process.env.BENCH_ROOMS ?? (smoke ? 20 : 500));
  const SECONDS = Number(process.env.BENCH_SECONDS ?? (smoke ? 5 : 60));
  const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? (smoke ? 1 : 5));
  const WORKERS = Math.max(1, Math.min(ROOMS, Number(process.env.BENCH_CLIENT_PROCESSES ?? 2)));
  const POSTGRES = process.env.DUET_BENCH_POSTGRES ?? 'postgresql://postgres@127.0.0.1:5432';
  const TARGETS = { p99Ms: 50, bytesPerRoom: 150 * 1024 };
  const loadBefore = loadavg();

  const database = `collab_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${POSTGRES}/test` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);

  const keys = await generateKeyPair('Ed25519', { extractable: true });
  const jwk = await exportJWK(keys.publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  const jwks = { keys: [{ ...jwk, kid, alg: 'EdDSA', use: 'sig' }] };
  const token = (room, sub) =>
    new SignJWT({ room, org: 'bench', name: sub, role: 'candidate', perms: ['view', 'edit', 'run', 'submit'] })
      .setProtectedHeader({ alg: 'EdDSA', kid, typ: 'duet-room+jwt' })
      .setIssuer('http://bench')
      .setAudience('duet-room')
      .setSubject(sub)
      .setIssuedAt()
      .setExpirationTime('2h')
      .setJti(randomBytes(8).toString('hex'))
      .sign(keys.privateKey);

  // The Node flags `duet-collab` runs with (bin/duet-collab.js).
  const SERVICE_FLAGS = ['--max-semi-space-size=4', '--heap-growing-percent=50'];
  const extraFlags = (process.env.BENCH_SERVICE_NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
  const service = spawn(process.execPath, [...SERVICE_FLAGS, ...extraFlags, new URL('../test/fixtures/collab-process.mjs', import.meta.url).pathname], {
    env: { PATH: process.env.PATH, DUET_TEST_JWKS: JSON.stringify(jwks), DUET_ROOM_ISSUER: 'http://bench', DUET_COLLAB_PORT: '0', DATABASE_URL: `${POSTGRES}/${database}` },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true, // a session of its own (see above)
  });
  process.on('exit', () => service.exitCode === null && service.signalCode === null && service.kill('SIGKILL'));
  let statsWaiter;
  let stdoutBuffer = '';
  const port = await new Promise((resolve, reject) => {
    service.stdout.on('data', (chunk) => {
      stdoutBuffer += chunk.toString();
      let newline;
      while ((newline = stdoutBuffer.indexOf('\n')) >= 0) {
        const line = stdoutBuffer.slice(0, newline);
        stdoutBuffer = stdoutBuffer.slice(newline + 1);
        const match = /^listening (\d+)/.exec(line);
        if (match) resolve(Number(match[1]));
        if (line.startsWith('stats ')) statsWaiter?.(JSON.parse(line.slice(6)));
        else if (process.env.BENCH_DEBUG && !match) console.error(`service: ${line}`);
      }
    });
    service.once('exit', (code) => reject(new Error(`the service exited (${code})`)));
  });
  /** The service's own figures (memory, append timings since the last call), through SIGUSR2. */
  const serviceStats = () =>
    new Promise((resolve) => {
      statsWaiter = resolve;
      service.kill('SIGUSR2');
    });
  const cpuSeconds = (pid) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  };
  const serviceRss = () => Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${service.pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const idleRss = serviceRss();

  // Rooms spread over the client workers; both clients of a room in the same worker.
  const assignments = Array.from({ length: WORKERS }, () => []);
  for (let r = 0; r < ROOMS; r++) {
    const room = `bench${r}`;
    assignments[r % WORKERS].push({ room, tokens: { a: await token(room, `a${r}`), b: await token(room, `b${r}`) } });
  }
  const workers = assignments.map((rooms, index) => {
    const worker = fork(new URL(import.meta.url).pathname, ['--clients'], { detached: true, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    process.on('exit', () => worker.exitCode === null && worker.signalCode === null && worker.kill('SIGKILL'));
    worker.send({ url: `ws://127.0.0.1:${port}`, rooms, index, workers: WORKERS });
    const messages = [];
    const waiters = [];
    worker.on('message', (message) => (waiters.length ? waiters.shift()(message) : messages.push(message)));
    worker.on('exit', (code) => {
      if (code !== 0) {
        console.error(`client process ${index} failed (${code})`);
        process.exit(1);
      }
    });
    return { worker, next: () => new Promise((resolve) => (messages.length ? resolve(messages.shift()) : waiters.push(resolve))) };
  });
  await Promise.all(workers.map((w) => w.next())); // every client synced
  const loadedRss = serviceRss();
  const syncedStats = await serviceStats(); // also starts the append figures afresh

  // Steady edits for WARMUP + SECONDS; from the end of the warm-up, the service's figures start
  // afresh and its memory is sampled every second.
  const started = Date.now();
  for (const w of workers) w.worker.send({ type: 'start', started, warmup: WARMUP, seconds: SECONDS });
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + WARMUP * 1000 - Date.now())));
  const warmupStats = await serviceStats();
  let busyRss = 0;
  const rssTimer = setInterval(() => (busyRss = Math.max(busyRss, serviceRss())), 1000);
  const measuredFrom = Date.now();
  const clientsCpu = () => workers.reduce((sum, w) => sum + cpuSeconds(w.worker.pid), 0);
  const cpuBefore = { service: cpuSeconds(service.pid), clients: clientsCpu() };
  await Promise.all(workers.map((w) => w.next())); // every client has made its last edit
  const cpu = { service: cpuSeconds(service.pid) - cpuBefore.service, clients: clientsCpu() - cpuBefore.clients };
  const elapsed = (Date.now() - measuredFrom) / 1000;
  const results = await Promise.all(workers.map((w) => w.next()));
  clearInterval(rssTimer);
  const stats = await serviceStats();
  busyRss = Math.max(busyRss, serviceRss());
  const loadAfter = loadavg();
  if (process.env.BENCH_DEBUG) {
    console.log(JSON.stringify({ synced: syncedStats, warmup: warmupStats, end: stats }));
    console.log('slowest arrival per second:', results[0].perSecond.map((v, i) => Math.max(v ?? 0, ...results.map((r) => r.perSecond[i] ?? 0))).join(' '));
  }
  for (const w of workers) w.worker.send({ type: 'stop' });
  await Promise.all(workers.map((w) => (w.worker.exitCode !== null ? undefined : new Promise((resolve) => w.worker.once('exit', resolve)))));
  service.kill('SIGTERM');
  await new Promise((resolve) => service.once('exit', resolve));
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();

  const all = new Float64Array(results.reduce((n, r) => n + r.latencies.length, 0));
  let offset = 0;
  for (const r of results) {
    all.set(r.latencies, offset);
    offset += r.latencies.length;
  }
  all.sort();
  const pct = (p, values = all) => values[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? NaN;
  const warm = Float64Array.from(results.flatMap((r) => [...r.warmupLatencies])).sort();
  const sum = (key) => results.reduce((n, r) => n + r[key], 0);
  const edits = sum('edits');
  const lost = sum('lost');
  const diverged = sum('diverged');
  const perRoom = Math.max(loadedRss, busyRss) - idleRss;
  const saturated = results.some((r) => r.elu > 0.8 || r.delayP99 > 50);
  const ms = (v) => `${Math.round(v)} ms`;
  const f = (v) => v.toFixed(1);
  const load = (l) => l.map((v) => v.toFixed(2)).join(' ');
  const rows = [
    ['rooms × clients', `${ROOMS} × 2 (clients in ${WORKERS} processes)`, '', ''],
    ['edits sent / received', `${edits} / ${all.length}`, '', ''],
    ['edit propagation p50', ms(pct(50)), '', ''],
    ['edit propagation p95', ms(pct(95)), '', ''],
    ['edit propagation p99', ms(pct(99)), `≤ ${TARGETS.p99Ms} ms`, pct(99) <= TARGETS.p99Ms ? 'PASS' : 'FAIL'],
    ['edit propagation max', ms(all[all.length - 1] ?? NaN), '', ''],
    [`warm-up (first ${WARMUP} s, not above)`, `${warm.length} edits: p50 ${ms(pct(50, warm))}, p99 ${ms(pct(99, warm))}, max ${ms(warm[warm.length - 1] ?? NaN)}`, '', ''],
    ['service memory per active room', `${(perRoom / ROOMS / 1024).toFixed(1)} KB (RSS idle ${(idleRss / 2 ** 20).toFixed(0)} MiB, synced ${(loadedRss / 2 ** 20).toFixed(0)}, busy peak ${(busyRss / 2 ** 20).toFixed(0)}; heap ${(stats.memory.heapUsed / 2 ** 20).toFixed(0)} MiB)`, `≤ ${TARGETS.bytesPerRoom / 1024} KB`, perRoom / ROOMS <= TARGETS.bytesPerRoom ? 'PASS' : 'FAIL'],
    ['edits lost / rooms diverged', `${lost} / ${diverged}`, '0 / 0', lost === 0 && diverged === 0 ? 'PASS' : 'FAIL'],
    ['throughput', `${(edits / SECONDS).toFixed(0)} edits/s (${ROOMS * 2 * EDITS_PER_SECOND} scheduled) for ${SECONDS} s after a ${WARMUP} s warm-up, then 3 s to drain`, '', ''],
    ...(stats.append ? [
      ['service: timeline appends', `${stats.append.appends} in ${stats.append.groups} groups (mean ${stats.append.groupRows.mean} rows, max ${stats.append.groupRows.max}; ${stats.append.failedGroups} failed)`, '', ''],
      ['service: append wait p50/p99/max', `${f(stats.append.waitMs.p50)} / ${f(stats.append.waitMs.p99)} / ${f(stats.append.waitMs.max)} ms (queued for a group)`, '', ''],
      ['service: group commit p50/p99/max', `${f(stats.append.commitMs.p50)} / ${f(stats.append.commitMs.p99)} / ${f(stats.append.commitMs.max)} ms (INSERT sent to committed)`, '', ''],
    ] : []),
    ['service: event-loop delay p50/p99/max', `${f(stats.eventLoopDelayMs.p50)} / ${f(stats.eventLoopDelayMs.p99)} / ${f(stats.eventLoopDelayMs.max)} ms`, '', ''],
    ['CPU: service / simulated clients', `${((cpu.service / elapsed) * 100).toFixed(0)} % / ${((cpu.clients / elapsed) * 100).toFixed(0)} % of a core (2 cores here)`, '', ''],
    ['clients: event-loop use / delay p99', results.map((r) => `${(r.elu * 100).toFixed(0)} % / ${ms(r.delayP99)}`).join(', ') + (saturated ? '  SATURATED: part of the latency is the clients\'' : ''), '', ''],
    ['load average (1/5/15 min)', `before ${load(loadBefore)}, after ${load(loadAfter)}`, '', ''],
  ];
  console.log(`collab-bench${smoke ? ' (smoke)' : ''}: ${ROOMS} rooms, 2 clients each, ${EDITS_PER_SECOND} edits/s per client, ${SECONDS} s measured after a ${WARMUP} s warm-up\n`);
  for (const [metric, value, target, result] of rows) console.log(`${metric.padEnd(39)}${value.padEnd(70)}${target.padEnd(12)}${result}`);
  const failed = rows.some((row) => row[3] === 'FAIL');
  console.log(failed ? (smoke ? '\nsmoke: targets not met (not gating in smoke mode)' : '\nFAIL: targets not met') : '\nall targets met');
  process.exit(failed && !smoke ? 1 : 0);
}

/** One client process's share of the simulated clients: connects, edits on cue, reports. */
async function clientProcess() {
  const messages = [];
  let waiter;
  process.on('message', (message) => (waiter ? (waiter(message), (waiter = undefined)) : messages.push(message)));
  const next = () => new Promise((resolve) => (messages.length ? resolve(messages.shift()) : (waiter = resolve)));
  const { HocuspocusProvider, HocuspocusProviderWebsocket } = await import('@hocuspocus/provider');
  // The \`ws\` package, as Hocuspocus documents for Node (Node's built-in WebSocket costs the
  // simulated clients 35–40 % more CPU, which on a shared machine the service pays for).
  const { WebSocket } = await import('ws');
  const Y = await import('yjs');
  const { url, rooms, index, workers } = await next();
  const latencies = [];
  const warmupLatencies = [];
  const perSecond = []; // the slowest arrival in each second of the run (BENCH_DEBUG)
  let started;
  let measuredFrom = Infinity; // edits sent before it are the warm-up's
  const clients = [];
  for (const { room, tokens } of rooms) {
    for (const who of ['a', 'b']) {
      const doc = new Y.Doc();
      const websocketProvider = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
      const provider = new HocuspocusProvider({ websocketProvider, name: `room:${room}`, document: doc, token: tokens[who] });
      provider.attach(); // a provider given its own websocket attaches explicitly
      const text = doc.getText('code');
      text.observe((event) => {
        if (event.transaction.local) return;
        const now = Date.now();
        for (const delta of event.changes.delta) {
          if (typeof delta.insert !== 'string') continue;
          for (const match of delta.insert.matchAll(/\[(\d+)\|/g)) {
            (Number(match[1]) < measuredFrom ? warmupLatencies : latencies).push(now - Number(match[1]));
            if (started) perSecond[Math.floor((now - started) / 1000)] = Math.max(perSecond[Math.floor((now - started) / 1000)] ?? 0, now - Number(match[1]));
          }
        }
      });
      clients.push({ room, who, doc, text, provider, websocketProvider, sent: [] });
    }
  }
  await Promise.all(clients.map((c) => new Promise((resolve) => (c.provider.isSynced ? resolve() : c.provider.on('synced', resolve)))));
  process.send({ type: 'ready' });
  let seconds;
  let warmup;
  ({ started, warmup, seconds } = await next());
  measuredFrom = started + warmup * 1000;

  // One ticker per worker: each client edits every 1/EDITS_PER_SECOND s, the clients of all
  // workers spread evenly over the interval; a tick missed (the worker was busy) is not made up.
  const interval = 1000 / EDITS_PER_SECOND;
  const total = clients.length * workers;
  clients.forEach((c, i) => (c.due = started + ((i * workers + index) * interval) / total));
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  let elu = performance.eventLoopUtilization();
  let warmingUp = true;
  let edits = 0;
  let sent = 0;
  await new Promise((resolve) => {
    const ticker = setInterval(() => {
      const now = Date.now();
      if (warmingUp && now >= measuredFrom) {
        // The client's own saturation figures cover the measured period only.
        warmingUp = false;
        delay.reset();
        elu = performance.eventLoopUtilization();
      }
      if (now - measuredFrom > seconds * 1000) {
        clearInterval(ticker);
        resolve();
        return;
      }
      for (const c of clients) {
        if (c.due > now) continue;
        c.due = c.due + interval < now ? now + interval : c.due + interval;
        const sentAt = Date.now();
        if (sentAt >= measuredFrom) edits++;
        const tokenText = `[${sentAt}|${c.who}${index}.${sent++}]`;
        c.sent.push(tokenText);
        c.text.insert(c.text.length, tokenText);
      }
    }, 5);
  });
  const used = performance.eventLoopUtilization(elu).utilization;
  delay.disable();
  process.send({ type: 'edited' });
  // Let every change arrive, then compare every document with what was sent.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  let lost = 0;
  let diverged = 0;
  for (let i = 0; i < clients.length; i += 2) {
    const [a, b] = [clients[i], clients[i + 1]];
    const final = a.text.toString();
    if (final !== b.text.toString()) diverged++;
    for (const tokenText of [...a.sent, ...b.sent]) if (!final.includes(tokenText)) lost++;
  }
  const array = Float64Array.from(latencies);
  process.send({ type: 'done', latencies: array, warmupLatencies: Float64Array.from(warmupLatencies), edits, lost, diverged, elu: used, delayP99: delay.percentile(99) / 1e6, perSecond });
  await next(); // stop
  for (const c of clients) {
    c.provider.destroy();
    c.websocketProvider.destroy();
  }
  process.exit(0);
}

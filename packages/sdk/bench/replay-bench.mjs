#!/usr/bin/env node
// Replay seek latency (issue 10: ≤ 100 ms anywhere in a 60-minute, 20,000-update session):
// generates the session with real Yjs documents, loads it once (checkpoints), then seeks to random
// points; the baseline replays every update from the start to the same point.
// BENCH_SMOKE=1: a short session and a few seeks (CI).
import * as Y from 'yjs';
import { createReplay, encodeTimeline, generateSession } from '../dist/metrics/index.js';

const smoke = process.env.BENCH_SMOKE === '1';
const updates = smoke ? 2_000 : 20_000;
const seeks = smoke ? 30 : 300;
const baselineSeeks = smoke ? 10 : 40;
const BUDGET_MS = 100;

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const stats = (xs) => ({ p50: pct(xs, 50), p99: pct(xs, 99), max: Math.max(...xs) });
const fmt = (s) => `p50 ${s.p50.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms, max ${s.max.toFixed(2)} ms`;

let t = performance.now();
const session = generateSession({ updates, minutes: smoke ? 6 : 60 });
const json = encodeTimeline(session.timeline());
const generatedMs = performance.now() - t;
const minutes = (json.updates.at(-1) ? Date.parse(json.updates.at(-1).at) - Date.parse(json.updates[0].at) : 0) / 60_000;
console.log(`session: ${json.updates.length} updates over ${minutes.toFixed(1)} min, ${json.snapshots.length} service snapshots, final code ${session.code().length} chars (generated in ${generatedMs.toFixed(0)} ms)`);

t = performance.now();
const replay = createReplay(json);
const loadMs = performance.now() - t;
console.log(`load (decode, one pass, checkpoints every 200): ${loadMs.toFixed(0)} ms, ${replay.history.checkpoints.length} checkpoints`);

const raw = replay.history.timeline.updates.map((u) => u.update);
const targets = Array.from({ length: seeks }, () => Math.floor(random() * raw.length));
// Warm-up (JIT), not measured.
for (let i = 0; i < 5; i++) replay.seek({ index: targets[i] });

const seekMs = [];
const timeSeekMs = [];
for (const index of targets) {
  let s = performance.now();
  const frame = replay.seek({ index });
  seekMs.push(performance.now() - s);
  if (frame.authorship.length === 0 && frame.code.length > 0) throw new Error('no authorship');
  s = performance.now();
  replay.seek({ time: replay.start + random() * (replay.end - replay.start) });
  timeSeekMs.push(performance.now() - s);
}

const baselineMs = [];
for (const index of targets.slice(0, baselineSeeks)) {
  const s = performance.now();
  const doc = new Y.Doc();
  for (let i = 0; i <= index; i++) Y.applyUpdate(doc, raw[i]);
  const code = doc.getText('code').toString();
  baselineMs.push(performance.now() - s);
  if (code !== replay.seek({ index }).code) throw new Error(`seek ${index} differs from the replay from scratch`);
}

const seek = stats(seekMs);
const byTime = stats(timeSeekMs);
const base = stats(baselineMs);
console.log(`seek by update (code + authorship), ${seeks} random points: ${fmt(seek)}`);
console.log(`seek by time, ${seeks} random points: ${fmt(byTime)}`);
console.log(`baseline (replay from the start, code only), ${baselineSeeks} points: ${fmt(base)}`);
console.log(`ratio baseline/seek: p50 ${(base.p50 / seek.p50).toFixed(1)}×, p99 ${(base.p99 / seek.p99).toFixed(1)}×`);
const worst = Math.max(seek.max, byTime.max);
console.log(`budget ${BUDGET_MS} ms: ${worst <= BUDGET_MS ? 'met' : 'MISSED'} (worst ${worst.toFixed(2)} ms)`);
if (worst > BUDGET_MS && !smoke) process.exitCode = 1;

#!/usr/bin/env node
// Widget benchmark (`npm run bench:widget`; BENCH_SMOKE=1 for a short CI smoke).
// In headless Chromium on localhost, against the fixture marketplace, the real collaboration
// service and the real judge (test/fixtures, loaded through Vite): for each of N fresh browser
// contexts (no cache), the time from `<duet-pad>` being connected to an editable editor (Monaco
// loaded, the room synced, `duet-ready`), and the time from clicking Run to the first verdict on
// screen. Prints median and p95 of both. Uses the widget's build (the npm script builds first).
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const WIDGET = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SMOKE = process.env.BENCH_SMOKE === '1' || process.argv.includes('--smoke');
const RUNS = Number(process.env.BENCH_RUNS ?? (SMOKE ? 3 : 20));

if (!existsSync(join(WIDGET, 'dist/duet-pad.global.js'))) {
  console.error('build the widget first: npm run build -w @duet/widget');
  process.exit(1);
}

// The fixtures are TypeScript: Vite transpiles them; workspace packages load from their builds.
const vite = await createServer({ root: WIDGET, configFile: false, logLevel: 'error', server: { middlewareMode: true, hmr: false }, appType: 'custom' });
const load = (path) => vite.ssrLoadModule(join(WIDGET, path));
const [{ startFixtureBackend }, { startStaticServer }, { launchChromium }] = await Promise.all([
  load('test/fixtures/duet-backend.ts'),
  load('test/fixtures/static-server.ts'),
  load('test/fixtures/browser.ts'),
]);

const backend = await startFixtureBackend();
const site = await startStaticServer();
const browser = await launchChromium();
const ready = [];
const firstVerdict = [];
try {
  for (let i = 0; i < RUNS; i++) {
    // A room per run: nothing of an earlier run is warm on the server's side either.
    const { roomId, tokens } = await backend.createRoom({ problem: 'two-sum', mode: 'pair', participants: [{ id: 'bench', name: 'Bench', role: 'candidate' }] });
    const context = await browser.newContext();
    const page = await context.newPage();
    const query = new URLSearchParams({ room: roomId, token: tokens.bench, api: backend.api });
    await page.goto(`${site.url}/bench.html?${query}`);
    await page.waitForFunction(() => window.bench.readyAt > 0, null, { timeout: 60_000 });
    const editable = await page.evaluate(() => document.querySelector('duet-pad').editor.monaco.getRawOptions().readOnly === false);
    if (!editable) throw new Error('the editor is not editable after duet-ready');
    ready.push(await page.evaluate(() => window.bench.readyAt - window.bench.connectedAt));
    firstVerdict.push(await page.evaluate(() => window.timeRunToFirstVerdict()));
    await context.close();
    process.stderr.write('.');
  }
  process.stderr.write('\n');
} finally {
  await browser.close();
  await site.close();
  await backend.close();
  await vite.close();
}

const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
};
const line = (name, values) => `${name}: median ${quantile(values, 0.5).toFixed(0)} ms, p95 ${quantile(values, 0.95).toFixed(0)} ms (n=${values.length})`;
console.log(`widget bench${SMOKE ? ' (smoke)' : ''}: headless Chromium, localhost, fresh context per run`);
console.log(line('<duet-pad> connected → editable editor', ready));
console.log(line('Run clicked → first verdict shown', firstVerdict));

/**
 * `npm start` as a newcomer uses it: the script starts the marketplace, the collaboration service
 * and the demo host site with embedded defaults, publishes the packs, prints one URL; two browser
 * windows on that URL are paired in one room (each sees the other's typing, Run shows verdicts in
 * both); Ctrl-C stops everything and leaves no process behind. A one-problem pack (duet-pack init)
 * stands in for `packs/` so that publishing is quick.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PORTS = { market: 4710, collab: 4720, demo: 4730 };
let state: string;
let start: ChildProcess;
let output = '';
let browser: Browser;

/** Processes whose environment names this run's state folder: everything `npm start` started. */
async function processesOfThisRun(): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const environ = await readFile(`/proc/${entry}/environ`, 'utf8').catch(() => '');
    if (environ.includes(`DUET_STATE_DIR=${state}\0`)) pids.push(Number(entry));
  }
  return pids;
}

beforeAll(async () => {
  state = await mkdtemp(join(tmpdir(), 'duet-start-'));
  const packs = join(state, 'packs');
  execFileSync(process.execPath, [join(ROOT, 'packages/pack-cli/dist/bin.js'), 'init', join(packs, 'mini'), '--name', '@demo/mini'], { stdio: 'ignore' });
  const manifest = await readFile(join(packs, 'mini/pack.yaml'), 'utf8');
  const problem = /^problems:.*\n\s*-\s*(\S+)/m.exec(manifest)![1]!;
  const version = /^version:\s*['"]?([^'"\s]+)/m.exec(manifest)![1]!;
  start = spawn(process.execPath, [join(ROOT, 'scripts/start/start.mjs')], {
    env: {
      ...process.env,
      DUET_STATE_DIR: state,
      DUET_PACKS_DIR: packs,
      DUET_DEMO_PACK: `@demo/mini@${version}`,
      DUET_DEMO_PROBLEM: problem,
      DUET_MARKET_PORT: String(PORTS.market),
      DUET_COLLAB_PORT: String(PORTS.collab),
      DUET_DEMO_PORT: String(PORTS.demo),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  start.stdout!.on('data', (chunk) => (output += chunk));
  start.stderr!.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes('Duet is running')) {
        clearInterval(timer);
        resolve();
      } else if (start.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`npm start exited ${start.exitCode}:\n${output}`));
      }
    }, 100);
  });
  browser = await chromium.launch({ executablePath: process.env.DUET_CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  if (start && start.exitCode === null) start.kill('SIGKILL');
  for (const pid of state ? await processesOfThisRun() : []) process.kill(pid, 'SIGKILL');
  if (state) await rm(state, { recursive: true, force: true });
});

async function openDemo(): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`http://127.0.0.1:${PORTS.demo}/`);
  await page.locator('duet-pad .monaco-editor .view-lines').waitFor({ timeout: 90_000 });
  return page;
}

const sharedCode = (page: Page) => page.evaluate(() => (document.querySelector('duet-pad') as unknown as { connection: { doc: { getText(n: string): { toString(): string } } } }).connection.doc.getText('code').toString());

test('prints one URL; two windows on it are paired in one room; Ctrl-C stops everything', async () => {
  const urls = [...output.matchAll(/open (http:\/\/\S+)/g)].map((m) => m[1]);
  expect(urls).toEqual([`http://127.0.0.1:${PORTS.demo}/`]);

  const [first, second] = [await openDemo(), await openDemo()];
  await first.locator('duet-pad .monaco-editor .view-lines').click();
  await first.keyboard.press('Control+End');
  await first.keyboard.type('\n# hello from the first window');
  // On the second window's screen (Monaco renders spaces as no-break spaces).
  await second.waitForFunction(() => document.querySelector('duet-pad .monaco-editor .view-lines')?.textContent?.replace(/\u00a0/g, ' ').includes('hello from the first window'), null, { timeout: 30_000 });
  expect(await sharedCode(second)).toBe(await sharedCode(first));
  await expect(first.locator('#who').textContent()).resolves.toMatch(/candidate/);

  // Run in one window: the verdict shows in both.
  await first.locator('duet-pad [part~="run-button"]').click();
  for (const page of [first, second]) await page.locator('duet-pad [part~="verdict"]').first().waitFor({ timeout: 120_000 });

  // The page offers the other roles.
  await expect(first.locator('a[href="?role=interviewer"]').count()).resolves.toBe(1);
  await expect(first.locator('a[href="?role=observer"]').count()).resolves.toBe(1);

  // Ctrl-C: the script and everything it started exit, the ports are free again.
  expect((await processesOfThisRun()).length).toBeGreaterThanOrEqual(4); // start, marketplace, collab, demo
  const exited = new Promise<number | null>((resolve) => start.on('exit', (code) => resolve(code)));
  start.kill('SIGINT');
  expect(await exited).toBe(0);
  await new Promise((r) => setTimeout(r, 500));
  expect(await processesOfThisRun()).toEqual([]);
  for (const port of Object.values(PORTS)) await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
}, 300_000);

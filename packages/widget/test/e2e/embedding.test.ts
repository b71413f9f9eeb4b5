/**
 * The README's embeddings — a plain <script> tag, an ES module import, Vue, React — each joins a
 * room, runs, and hears the pad's events; plus first paint before Monaco, keyboard access, and
 * screenshots in both themes checked for visible content.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PEOPLE, useE2E } from './environment.js';
import { consoleOf, events, openPad, screenshotColours } from './pad-page.js';

const env = useE2E();
const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const contexts: BrowserContext[] = [];
let room: string;
let tokens: Record<string, string>;

beforeAll(async () => {
  ({ roomId: room, tokens } = await env().backend.createRoom({ problem: 'two-sum', mode: 'pair', participants: [PEOPLE.ada, PEOPLE.grace] }));
  // The React page is a small Vite app importing `@duet/widget` as a bundler would.
  await build({ root: fileURLToPath(new URL('../pages/react/', import.meta.url)), base: './', configFile: false, logLevel: 'warn', build: { outDir: 'dist', emptyOutDir: true } });
}, 120_000);
afterAll(async () => {
  for (const context of contexts) await context.close();
});

async function open(page: string, token = tokens.user_ada!, theme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await env().browser.newContext({ viewport: { width: 1280, height: 860 } });
  contexts.push(context);
  return openPad(context, { base: env().site.url, api: env().backend.api, room, token, theme, page });
}

async function runAndWait(page: Page): Promise<string> {
  await page.locator('duet-pad').getByRole('button', { name: 'Run', exact: true }).click();
  const badge = page.locator('duet-pad [part=run-summary] [data-verdict]');
  await badge.waitFor({ timeout: 30_000 });
  return (await badge.getAttribute('data-verdict'))!;
}

describe('embedding', () => {
  for (const [name, page, frameworkOutput] of [
    ['plain HTML (script tag)', 'plain.html', null],
    ['an ES module import', 'esm.html', null],
    ['Vue', 'vue.html', '#vue-last-verdict'],
    ['React', 'react/dist/index.html', '#react-last-verdict'],
  ] as const) {
    test(`works in ${name}: joins, runs, and its events reach the page`, async () => {
      const pad = await open(page);
      expect(await pad.locator('duet-pad [part=problem-title]').textContent()).toBe('Two Sum');
      // The starter code returns None: the samples fail, and the page hears it.
      const verdict = await runAndWait(pad);
      expect(verdict).toBe('WA');
      await pad.waitForFunction(() => (window as unknown as { duetEvents: { type: string }[] }).duetEvents.some((e) => e.type === 'duet-result'));
      const heard = (await events(pad)).map((e) => e.type);
      expect(heard).toEqual(expect.arrayContaining(['duet-ready', 'duet-run', 'duet-result']));
      if (frameworkOutput) await pad.locator(frameworkOutput).filter({ hasText: 'WA' }).waitFor({ timeout: 10_000 });
      // One copy of Yjs in the page, the editor's included (two copies break Yjs).
      expect(consoleOf(pad).filter((line) => /already imported/i.test(line))).toEqual([]);
    });
  }
});

test('the pad paints the problem before Monaco arrives', async () => {
  const context = await env().browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/script/duet-pad-editor.js', async (route) => {
    await held;
    await route.continue();
  });
  const query = new URLSearchParams({ room, token: tokens.user_ada!, api: env().backend.api });
  await page.goto(`${env().site.url}/plain.html?${query}`);
  await page.locator('duet-pad [part=problem-title]').filter({ hasText: 'Two Sum' }).waitFor();
  expect(await page.locator('duet-pad .editor-placeholder').textContent()).toContain('Loading the editor');
  expect(await page.locator('duet-pad .monaco-editor').count()).toBe(0);
  release();
  await page.locator('duet-pad .monaco-editor .view-lines').waitFor({ timeout: 30_000 });
});

test('keyboard: a visible hint, and Ctrl+M lets Tab leave the editor for the Run button', async () => {
  const page = await open('plain.html');
  await expect(page.locator('duet-pad .hint').isVisible()).resolves.toBe(true);
  expect(await page.locator('duet-pad .hint').textContent()).toMatch(/Ctrl\s*\+\s*M/);
  await page.locator('duet-pad .monaco-editor .view-lines').click();
  await page.keyboard.press('Tab'); // indents: Tab is the editor's
  expect(await page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))).toBe(true);
  await page.keyboard.press('Control+M');
  await page.keyboard.press('Tab');
  const focused = await page.locator('duet-pad').evaluate((pad) => pad.shadowRoot!.activeElement?.textContent?.trim());
  expect(focused).toBe('Run');
  // The buttons have accessible names and the editor a label.
  expect(await page.locator('duet-pad').getByRole('button', { name: 'Submit' }).count()).toBe(1);
  const editorInput = page.locator('duet-pad .monaco-editor [role=textbox]');
  expect(await editorInput.getAttribute('aria-label')).toMatch(/^Code editor/);
});

test('Monaco\'s worker runs (from a blob, so a CDN-hosted widget works too): word suggestions appear', async () => {
  for (const page of ['plain.html', 'esm.html']) {
    const pad = await open(page);
    const errors: string[] = [];
    pad.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    await pad.locator('duet-pad .monaco-editor .view-lines').click();
    await pad.keyboard.press('Control+End');
    await pad.keyboard.type('\ntwo_');
    await pad.keyboard.press('Control+Space');
    const suggestion = pad.locator('duet-pad .suggest-widget .monaco-list-row').filter({ hasText: 'two_sum' });
    await suggestion.first().waitFor({ timeout: 10_000 });
    await pad.keyboard.press('Escape');
    // Leave the shared code as it was for the other tests.
    await pad.keyboard.press('Control+Z');
    expect(errors.filter((e) => /worker/i.test(e))).toEqual([]);
  }
});

test('theme="auto" follows the OS colour scheme, Monaco included; a narrow pad stacks its panes', async () => {
  const page = await open('plain.html');
  await page.locator('duet-pad').evaluate((pad) => pad.setAttribute('theme', 'auto'));
  const colours = () =>
    page.evaluate(() => ({
      pad: getComputedStyle(document.querySelector('duet-pad')!).backgroundColor,
      editor: getComputedStyle(document.querySelector('duet-pad .monaco-editor-background')!).backgroundColor,
    }));
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await colours();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.waitForFunction((before) => getComputedStyle(document.querySelector('duet-pad .monaco-editor-background')!).backgroundColor !== before, light.editor);
  const dark = await colours();
  expect(light.pad).toBe('rgb(255, 255, 255)');
  expect(dark.pad).toBe('rgb(13, 17, 23)');
  expect(dark.editor).not.toBe(light.editor);

  await page.locator('duet-pad').evaluate((pad) => ((pad as HTMLElement).style.width = '600px'));
  const [problem, editor] = await Promise.all([page.locator('duet-pad [part=problem]').boundingBox(), page.locator('duet-pad [part=editor]').boundingBox()]);
  expect(editor!.y).toBeGreaterThanOrEqual(problem!.y + problem!.height - 1);
});

test('screenshots in light and dark themes show the pad', async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const stats: Record<string, { distinct: number; luminance: number }> = {};
  for (const theme of ['light', 'dark'] as const) {
    const page = await open('plain.html', tokens.user_grace!, theme);
    await runAndWait(page);
    const png = await page.locator('duet-pad').screenshot({ path: `${SCREENSHOTS}pad-${theme}.png` });
    stats[theme] = await screenshotColours(page, png);
  }
  // Text, badges and the editor make many colours; a blank or single-colour capture has a handful.
  expect(stats.light!.distinct).toBeGreaterThan(200);
  expect(stats.dark!.distinct).toBeGreaterThan(200);
  // And the themes differ where they should: dark is darker.
  expect(stats.dark!.luminance).toBeLessThan(stats.light!.luminance - 60);
});

/** Token refresh keeps a session past its first token's expiry; hostile statement Markdown is sanitised. */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import type * as Y from 'yjs';
import { PEOPLE, useE2E } from './environment.js';
import { events, openPad, setSharedCode, sharedCode } from './pad-page.js';

const env = useE2E();
const contexts: BrowserContext[] = [];
afterAll(async () => {
  for (const context of contexts) await context.close();
});

async function open(room: string, token: string): Promise<Page> {
  const context = await env().browser.newContext();
  contexts.push(context);
  return openPad(context, { base: env().site.url, api: env().backend.api, room, token });
}

const status = (page: Page) => page.locator('duet-pad [part=status]').getAttribute('data-status');

test('a fresh token set on the pad before expiry keeps the session; without one it ends', async () => {
  const { roomId, tokens } = await env().backend.createRoom({ problem: 'two-sum', mode: 'pair', participants: [PEOPLE.ada] });
  const TTL_SECONDS = 20; // room enough to open three pads on a busy machine (CI runs every project at once)
  const issuedAt = Date.now();
  const [graceShort, oliveShort] = await Promise.all([env().backend.issueToken(roomId, PEOPLE.grace, TTL_SECONDS), env().backend.issueToken(roomId, { ...PEOPLE.olive, role: 'candidate' }, TTL_SECONDS)]);
  const [refreshed, stale, ada] = await Promise.all([open(roomId, graceShort), open(roomId, oliveShort), open(roomId, tokens.user_ada!)]);

  // The host page hands the pad a fresh token before the first one expires.
  const fresh = await env().backend.issueToken(roomId, PEOPLE.grace, 600);
  expect(Date.now() - issuedAt).toBeLessThan(TTL_SECONDS * 1000 - 1000);
  await refreshed.locator('duet-pad').evaluate((pad, token) => ((pad as unknown as { token: string }).token = token), fresh);
  await new Promise((r) => setTimeout(r, issuedAt + TTL_SECONDS * 1000 + 2000 - Date.now())); // past the first tokens' expiry

  expect(await status(stale)).toBe('refused');
  expect(await status(refreshed)).toBe('synced');
  await ada.locator('duet-pad').evaluate((pad) => (pad as unknown as { connection: { doc: Y.Doc } }).connection.doc.getText('code').insert(0, '# still here\n'));
  await refreshed.waitForFunction(() => (document.querySelector('duet-pad') as unknown as { connection: { doc: Y.Doc } }).connection.doc.getText('code').toString().startsWith('# still here'));
  expect(await sharedCode(stale)).not.toContain('# still here');
}, 60_000);

test('statement Markdown is rendered and hostile HTML in it is removed', async (context) => {
  if (!env().backend.overridesStatements) context.skip();
  const hostile = [
    '# Two Sum',
    'Return **both** indices.',
    '<img src="x" onerror="window.pwned = 1">',
    '<script>window.pwned = 2</script>',
    '[click me](javascript:window.pwned=3)',
    '<iframe src="javascript:parent.pwned=4"></iframe>',
  ].join('\n\n');
  const { roomId, tokens } = await env().backend.createRoom({ problem: 'two-sum', mode: 'pair', participants: [PEOPLE.ada], statementMarkdown: hostile });
  const page = await open(roomId, tokens.user_ada!);
  const statement = page.locator('duet-pad [part=statement]');
  await statement.locator('strong').filter({ hasText: 'both' }).waitFor();
  await page.locator('duet-pad [part=statement] a').filter({ hasText: 'click me' }).click().catch(() => {});
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  const markup = await statement.evaluate((el) => el.innerHTML);
  expect(markup).not.toMatch(/onerror|<script|<iframe|javascript:/i);
  // The title is shown once, above the statement, not repeated by its first heading.
  expect(await statement.locator('h1').count()).toBe(0);
});

test('ending the room ends every pad: duet-end, a read-only editor, no Run', async () => {
  const { roomId, tokens } = await env().backend.createRoom({ problem: 'two-sum', mode: 'interview', participants: [PEOPLE.ada, PEOPLE.grace] });
  const [ada, grace] = await Promise.all([open(roomId, tokens.user_ada!), open(roomId, tokens.user_grace!)]);
  await env().backend.endRoom(roomId, PEOPLE.grace.id);
  for (const page of [ada, grace]) {
    await page.waitForFunction(() => (window as unknown as { duetEvents: { type: string }[] }).duetEvents.some((e) => e.type === 'duet-end'));
    expect((await events(page)).find((e) => e.type === 'duet-end')!.detail).toEqual({ room: roomId, reason: 'ended' });
    await page.locator('duet-pad [part=run-button]').waitFor({ state: 'detached' });
    expect(await page.locator('duet-pad').evaluate((pad) => (pad as unknown as { editor: { monaco: { getRawOptions(): { readOnly?: boolean } } } }).editor.monaco.getRawOptions().readOnly)).toBe(true);
  }
});

test('custom input runs the code on the given arguments and shows the output', async () => {
  const { roomId, tokens } = await env().backend.createRoom({ problem: 'two-sum', mode: 'practice', participants: [PEOPLE.ada] });
  const page = await open(roomId, tokens.user_ada!);
  await setSharedCode(page, 'def two_sum(nums, target):\n    print("looking for", target)\n    return [len(nums) - 2, len(nums) - 1]\n');
  await page.locator('duet-pad').getByRole('button', { name: 'Custom input' }).click();
  await page.locator('duet-pad').getByLabel(/Input/).fill('[[1, 8, 3], 11]');
  await page.locator('duet-pad').getByRole('button', { name: 'Run with this input' }).click();
  const output = page.locator('duet-pad [part=test-output]');
  await output.waitFor({ timeout: 30_000 });
  expect(await page.locator('duet-pad [part=run-summary]').textContent()).toContain('Custom input');
  expect(await output.textContent()).toContain('looking for 11');
});

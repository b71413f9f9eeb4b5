/** The assessment timer: at the deadline the candidate's pad submits the code, once, and the pad ends. */
import { afterAll, expect, test } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { PEOPLE, TWO_SUM, useE2E } from './environment.js';
import { events, openPad, setSharedCode } from './pad-page.js';

const env = useE2E();
const contexts: BrowserContext[] = [];
afterAll(async () => {
  for (const context of contexts) await context.close();
});

test('the assessment timer counts down, auto-submits at the deadline, and ends the pad', async () => {
  const { roomId, tokens } = await env().backend.createRoom({ problem: 'two-sum', mode: 'assessment', durationSeconds: 15, participants: [PEOPLE.ada, PEOPLE.grace] });
  const open = async (token: string) => {
    const context = await env().browser.newContext();
    contexts.push(context);
    return openPad(context, { base: env().site.url, api: env().backend.api, room: roomId, token });
  };
  const [ada, grace] = await Promise.all([open(tokens.user_ada!), open(tokens.user_grace!)]);
  const timer = ada.locator('duet-pad [part=timer]');
  expect(await timer.textContent()).toMatch(/^00:(0\d|1[0-5])$/); // counting down from 00:15

  await setSharedCode(ada, TWO_SUM);

  // Nobody presses Submit: the deadline does.
  await ada.waitForFunction(() => (window as unknown as { duetEvents: { type: string }[] }).duetEvents.some((e) => e.type === 'duet-end'), null, { timeout: 30_000 });
  await ada.waitForFunction(() => (window as unknown as { duetEvents: { type: string }[] }).duetEvents.some((e) => e.type === 'duet-result'), null, { timeout: 30_000 });
  const adaEvents = await events(ada);
  const runs = adaEvents.filter((e) => e.type === 'duet-run');
  expect(runs).toHaveLength(1);
  expect(runs[0]!.detail).toMatchObject({ kind: 'submit', automatic: true });
  expect(adaEvents.find((e) => e.type === 'duet-end')!.detail).toMatchObject({ room: roomId, reason: 'deadline' });
  expect((adaEvents.find((e) => e.type === 'duet-result')!.detail as { result: { verdict: string; kind: string } }).result).toMatchObject({ verdict: 'AC', kind: 'submit' });
  expect(await timer.textContent()).toBe('00:00');

  // The interviewer's pad did not submit too, but shows the submission's verdict.
  expect((await events(grace)).filter((e) => e.type === 'duet-run')).toHaveLength(0);
  await grace.locator('duet-pad [part=run-summary] [data-verdict=AC]').waitFor({ timeout: 30_000 });
  // A pad opened after the deadline does not submit again.
  const late = await open(tokens.user_ada!);
  await new Promise((r) => setTimeout(r, 1500));
  expect((await events(late)).filter((e) => e.type === 'duet-run')).toHaveLength(0);
  expect((await events(late)).find((e) => e.type === 'duet-end')?.detail).toMatchObject({ reason: 'deadline' });
  // After the deadline the candidate can no longer change the code.
  expect(await ada.locator('duet-pad').evaluate((pad) => (pad as unknown as { editor: { monaco: { getRawOptions(): { readOnly?: boolean } } } }).editor.monaco.getRawOptions().readOnly)).toBe(true);
});

/**
 * Two participants in one room, in real Chromium against the real collaboration service and
 * judge: shared typing and cursors, clicking and selecting in Monaco, runs seen by both, an
 * observer who cannot edit, reload, and interviewer-only notes.
 */
import { HocuspocusProvider } from '@hocuspocus/provider';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { deepText, editorSelection, editorText, openPad, setSharedCode, sharedCode, textBox, waitReady } from './pad-page.js';
import { PEOPLE, TWO_SUM, useE2E } from './environment.js';

const env = useE2E();
let room: string;
let tokens: Record<string, string>;
const contexts: BrowserContext[] = [];
let ada: Page;
let grace: Page;

const until = async (what: string, check: () => Promise<boolean>, ms = 15_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

async function participantPage(token: string): Promise<Page> {
  const context = await env().browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  return openPad(context, { base: env().site.url, api: env().backend.api, room, token });
}

beforeAll(async () => {
  ({ roomId: room, tokens } = await env().backend.createRoom({ problem: 'two-sum', mode: 'interview', participants: [PEOPLE.ada, PEOPLE.grace, PEOPLE.olive] }));
  [ada, grace] = await Promise.all([participantPage(tokens.user_ada!), participantPage(tokens.user_grace!)]);
}, 120_000);
afterAll(async () => {
  for (const context of contexts) await context.close();
});

describe('two participants, one editor', () => {
  test('both start from the starter code, once', async () => {
    await until('the starter code', async () => (await sharedCode(ada)).includes('def two_sum'));
    await until('the same code on both', async () => (await sharedCode(grace)) === (await sharedCode(ada)));
    expect((await sharedCode(ada)).match(/def two_sum/g)).toHaveLength(1);
  });

  test('each types, each sees the other\'s text and cursor with their name', async () => {
    await ada.locator('duet-pad .monaco-editor .view-lines').click();
    await ada.keyboard.press('Control+A');
    await ada.keyboard.press('Delete');
    await ada.keyboard.type('# ada was here\n');
    await until('Ada\'s text on Grace\'s screen', async () => (await editorText(grace)).includes('# ada was here'));

    await grace.locator('duet-pad .monaco-editor .view-lines').click();
    await grace.keyboard.press('Control+End');
    await grace.keyboard.type('# grace too');
    await until('Grace\'s text on Ada\'s screen', async () => (await editorText(ada)) === '# ada was here\n# grace too');

    // Each sees the other's caret, labelled with the other's name.
    await until('Grace\'s caret on Ada\'s screen', async () => (await ada.locator('.yRemoteSelectionHead').count()) > 0);
    const label = await ada.locator('.yRemoteSelectionHead').first().evaluate((el) => getComputedStyle(el, '::after').content);
    expect(label).toBe('"Grace"');
    await until('Ada\'s caret on Grace\'s screen', async () => (await grace.locator('.yRemoteSelectionHead').count()) > 0);
    expect(await grace.locator('.yRemoteSelectionHead').first().evaluate((el) => getComputedStyle(el, '::after').content)).toBe('"Ada"');
    // Both appear in the participants list, in their colours.
    const names = await ada.locator('duet-pad').evaluate((pad) => [...pad.shadowRoot!.querySelectorAll('.participant')].map((p) => p.textContent));
    expect(names).toEqual(expect.arrayContaining(['Ada (you)', 'Grace']));
  });

  test('clicking puts the caret where clicked, and dragging selects (Monaco hosted in light DOM)', async () => {
    const word = await textBox(ada, 'was');
    await ada.mouse.click(word.x + 1, word.y + word.height / 2); // the left half of the "w": the caret goes before it
    await ada.keyboard.type('X');
    await until('the click\'s insertion', async () => (await editorText(ada)).startsWith('# ada Xwas here'));

    const here = await textBox(ada, 'Xwas here', 'here');
    await ada.mouse.move(here.x + 1, here.y + here.height / 2);
    await ada.mouse.down();
    await ada.mouse.move(here.x + here.width - 1, here.y + here.height / 2, { steps: 5 });
    await ada.mouse.up();
    expect(await editorSelection(ada)).toBe('here');
    await ada.keyboard.type('there');
    await until('the selection replaced on both', async () => (await editorText(grace)).startsWith('# ada Xwas there\n'));
  });

  test('undo reverts only one\'s own edits', async () => {
    await grace.keyboard.type('!');
    await until('Grace\'s "!" on Ada\'s screen', async () => (await editorText(ada)).endsWith('# grace too!'));
    await ada.keyboard.press('Control+Z');
    await until('Ada\'s last edit undone', async () => !(await editorText(ada)).includes('there'));
    // Ada's last step (replacing the selection) is undone; Grace's "!", typed after it, stays.
    expect(await editorText(ada)).toBe('# ada Xwas here\n# grace too!');
    await ada.keyboard.press('Control+Shift+Z');
    await until('Ada\'s edit redone', async () => (await editorText(ada)) === '# ada Xwas there\n# grace too!');
  });

  test('Run shows the verdicts on both screens', async () => {
    // Ada writes a correct solution: replace everything and type it (Monaco auto-indents, so paste it).
    await setSharedCode(ada, TWO_SUM);
    await until('the solution on Grace\'s screen', async () => (await editorText(grace)) === TWO_SUM);
    await ada.locator('duet-pad').getByRole('button', { name: 'Run', exact: true }).click();
    for (const page of [ada, grace]) {
      const summary = page.locator('duet-pad [part=run-summary] [data-verdict]');
      await summary.waitFor({ timeout: 30_000 });
      expect(await summary.getAttribute('data-verdict')).toBe('AC');
      expect(await page.locator('duet-pad [part=tests] tbody tr').count()).toBeGreaterThan(0);
    }
    expect(await grace.locator('duet-pad [part=run-summary]').textContent()).toContain('by Ada');
  });

  test('Submit judges the hidden tests and shows the complexity classes and chart to both', async () => {
    await grace.locator('duet-pad').getByRole('button', { name: 'Submit', exact: true }).click();
    for (const page of [grace, ada]) {
      await page.locator('duet-pad [part=run-summary]').filter({ hasText: 'Submission' }).locator('[data-verdict=AC]').waitFor({ timeout: 60_000 });
      await page.locator('duet-pad [part=complexity]').waitFor({ timeout: 10_000 });
      expect(await page.locator('duet-pad [part=complexity]').textContent()).toMatch(/Time O\([^)]+\), space O\([^)]+\)/);
      expect(await page.locator('duet-pad [part=complexity-chart] circle').count()).toBeGreaterThan(3);
    }
    // Hidden tests show figures only, never output.
    expect(await ada.locator('duet-pad [part=test-output]').count()).toBe(0);
  });

  test('an observer sees the code but cannot edit, and a forged edit is dropped by the server', async () => {
    const olive = await participantPage(tokens.user_olive!);
    await until('the code on the observer\'s screen', async () => (await editorText(olive)) === TWO_SUM);
    expect(await olive.locator('duet-pad').getByRole('button', { name: 'Run', exact: true }).count()).toBe(0);
    await olive.locator('duet-pad .monaco-editor .view-lines').click();
    await olive.keyboard.type('OBSERVER TYPED');
    expect(await editorText(olive)).toBe(TWO_SUM);

    // Bypass the UI: write into the observer's document, which sends the update over its socket.
    await olive.locator('duet-pad').evaluate((pad) => (pad as unknown as { connection: { doc: Y.Doc } }).connection.doc.getText('code').insert(0, '# FORGED\n'));
    await new Promise((r) => setTimeout(r, 1500));
    expect(await sharedCode(ada)).toBe(TWO_SUM);
    await olive.reload();
    await waitReady(olive);
    await until('the observer back in sync', async () => (await editorText(olive)) === TWO_SUM);
  });

  test('a reload restores the code', async () => {
    await ada.reload();
    await waitReady(ada);
    await until('the code after reload', async () => (await editorText(ada)) === TWO_SUM);
  });

  test('the interviewer\'s notes never reach the candidate', async () => {
    const notes = grace.locator('duet-pad [part=notes] textarea');
    await notes.click();
    await notes.pressSequentially('Strong hashing instinct; ask about collisions');
    // The notes are stored: a second interviewer window sees them.
    const grace2 = await participantPage(tokens.user_grace!);
    await until('the notes in another interviewer window', async () => (await grace2.locator('duet-pad [part=notes] textarea').inputValue()).includes('hashing instinct'));

    expect(await ada.locator('duet-pad [part=notes]').count()).toBe(0);
    expect(await deepText(ada)).not.toContain('hashing instinct');
    // And the server refuses the candidate's token for the notes document.
    const answer = await fetch(`${env().backend.api}/trpc/rooms.get?input=${encodeURIComponent(JSON.stringify({ roomId: room }))}`, { headers: { authorization: `Bearer ${tokens.user_ada}` } });
    const collabUrl = ((await answer.json()) as { result: { data: { collab: { url: string } } } }).result.data.collab.url;
    const refusal = await new Promise<string>((resolve, reject) => {
      const provider = new HocuspocusProvider({
        url: collabUrl,
        name: `room:${room}:notes`,
        document: new Y.Doc(),
        token: tokens.user_ada!,
        onAuthenticationFailed: ({ reason }) => (provider.destroy(), resolve(reason)),
        onSynced: () => (provider.destroy(), reject(new Error('the candidate synced the notes'))),
      });
    });
    expect(refusal).toBe('notes-forbidden');
  });
});


/**
 * Driving a `<duet-pad>` page in Chromium: open it for a participant, wait for the editor, type,
 * read the shared code and the pad's state. Reads go through the element's own objects (the
 * room's Y.Doc, the Monaco instance) where the screen cannot say it precisely.
 */
import type { BrowserContext, Page } from 'playwright-core';

export interface PadPageOptions {
  base: string;
  api: string;
  room: string;
  token: string;
  theme?: 'light' | 'dark';
  /** plain.html (script tag), esm.html, vue.html, react/dist/index.html. */
  page?: string;
}

const consoleLogs = new WeakMap<Page, string[]>();

/** Everything the page wrote to its console since it was opened. */
export function consoleOf(page: Page): string[] {
  return consoleLogs.get(page) ?? [];
}

export async function openPad(context: BrowserContext, options: PadPageOptions): Promise<Page> {
  const page = await context.newPage();
  const log: string[] = [];
  consoleLogs.set(page, log);
  page.on('console', (message) => log.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  const query = new URLSearchParams({ room: options.room, token: options.token, api: options.api, theme: options.theme ?? 'light' });
  await page.goto(`${options.base}/${options.page ?? 'plain.html'}?${query}`);
  await waitReady(page);
  return page;
}

export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { duetEvents: { type: string }[] }).duetEvents?.some((e) => e.type === 'duet-ready'), null, { timeout: 60_000 });
  await page.locator('duet-pad .monaco-editor .view-lines').waitFor();
}

export function events(page: Page): Promise<{ type: string; detail: Record<string, unknown> }[]> {
  return page.evaluate(() => (window as unknown as { duetEvents: { type: string; detail: Record<string, unknown> }[] }).duetEvents);
}

/** The room's shared code, as this page's document has it. */
export function sharedCode(page: Page): Promise<string> {
  return page.evaluate(() => (document.querySelector('duet-pad') as unknown as { connection: { doc: { getText(n: string): { toString(): string } } } }).connection.doc.getText('code').toString());
}

/** Replaces the room's shared code with `code` in one transaction of this page's document (as a paste would). */
export async function setSharedCode(page: Page, code: string): Promise<void> {
  await page.locator('duet-pad').evaluate((pad, code) => {
    type Text = { length: number; doc: { transact(fn: () => void): void }; delete(i: number, n: number): void; insert(i: number, s: string): void };
    const text = (pad as unknown as { connection: { doc: { getText(n: string): Text } } }).connection.doc.getText('code');
    text.doc.transact(() => {
      text.delete(0, text.length);
      text.insert(0, code);
    });
  }, code);
}

/** A screenshot's distinct colours and mean luminance (0-255), counted in the page: a blank or one-colour capture has a handful. */
export function screenshotColours(page: Page, png: Buffer): Promise<{ distinct: number; luminance: number }> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = new OffscreenCanvas(image.width, image.height);
    const g = canvas.getContext('2d')!;
    g.drawImage(image, 0, 0);
    const { data } = g.getImageData(0, 0, image.width, image.height);
    const colors = new Set<number>();
    let sum = 0;
    for (let i = 0; i < data.length; i += 4) {
      colors.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      sum += 0.2126 * data[i]! + 0.7152 * data[i + 1]! + 0.0722 * data[i + 2]!;
    }
    return { distinct: colors.size, luminance: sum / (data.length / 4) };
  }, png.toString('base64'));
}

/** What the editor shows (Monaco's model). */
export function editorText(page: Page): Promise<string> {
  return page.evaluate(() => (document.querySelector('duet-pad') as unknown as { editor: { monaco: { getValue(): string } } }).editor.monaco.getValue());
}

export function editorSelection(page: Page): Promise<string> {
  return page.evaluate(() => {
    const editor = (document.querySelector('duet-pad') as unknown as { editor: { monaco: { getModel(): { getValueInRange(r: unknown): string }; getSelection(): unknown } } }).editor.monaco;
    return editor.getModel().getValueInRange(editor.getSelection());
  });
}

/**
 * The on-screen rectangle of `part` within the first rendered editor line containing `text` (the
 * context makes it wait until Monaco has rendered the latest change).
 */
export async function textBox(page: Page, text: string, part = text): Promise<{ x: number; y: number; width: number; height: number }> {
  await page.waitForFunction((t) => [...document.querySelectorAll('duet-pad .view-lines .view-line')].some((l) => l.textContent!.replace(/\u00a0/g, ' ').includes(t)), text);
  const box = await page.evaluate(([context, needle]) => {
    const lines = [...document.querySelectorAll('duet-pad .view-lines .view-line')] as HTMLElement[];
    for (const line of lines) {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      let full = '';
      const nodes: { node: Text; start: number }[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push({ node: n as Text, start: full.length });
        full += (n as Text).data;
      }
      const found = full.replace(/\u00a0/g, ' ').indexOf(context);
      if (found < 0) continue;
      const at = found + context.indexOf(needle);
      const locate = (offset: number) => {
        const hit = nodes.filter((x) => x.start <= offset).at(-1)!;
        return { node: hit.node, offset: Math.min(offset - hit.start, hit.node.data.length) };
      };
      const range = document.createRange();
      const from = locate(at);
      const to = locate(at + needle.length);
      range.setStart(from.node, from.offset);
      range.setEnd(to.node, to.offset);
      const r = range.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    }
    return null;
  }, [text, part] as const);
  if (!box) throw new Error(`"${text}" is not on screen in the editor`);
  return box;
}

/** Text anywhere in the page, shadow roots included. */
export function deepText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const collect = (root: Document | ShadowRoot | Element): string =>
      [...root.querySelectorAll('*')].map((el) => (el.shadowRoot ? collect(el.shadowRoot) : '') + ((el as HTMLTextAreaElement).value ?? '')).join(' ') + ' ' + ((root as Element).textContent ?? (root as Document).body?.innerText ?? '');
    return collect(document);
  });
}

/**
 * The capture's rules with a stand-in for Monaco (the E2E test drives the real one): what becomes a
 * paste, a bulk insert, a focus loss and a typing summary, each valid against @duet/sdk/metrics.
 */
import { afterEach, expect, test, vi } from 'vitest';
import * as Y from 'yjs';
import { parseRoomEvent } from '@duet/sdk/metrics';
import { startProctorCapture } from './proctor-capture.js';

afterEach(() => vi.useRealTimers());

function setup() {
  vi.useFakeTimers();
  let clock = Date.parse('2026-11-28T10:00:00Z');
  const doc = new Y.Doc();
  const text = doc.getText('code');
  const events = doc.getArray<Record<string, unknown>>('events');
  const binding = {};
  const host = new EventTarget();
  const handlers = { change: [] as Array<(e: unknown) => void>, paste: [] as Array<() => void>, key: [] as Array<(e: unknown) => void> };
  let selected = '';
  const disposable = (list: unknown[], f: unknown) => (list.push(f), { dispose: () => list.splice(list.indexOf(f), 1) });
  const editor = {
    getContainerDomNode: () => host,
    getModel: () => ({ getValueInRange: () => selected, getLineContent: () => selected }),
    getSelections: () => [{ isEmpty: () => false, startLineNumber: 1 }],
    onDidChangeModelContent: (f: (e: unknown) => void) => disposable(handlers.change, f),
    onDidPaste: (f: () => void) => disposable(handlers.paste, f),
    onKeyDown: (f: (e: unknown) => void) => disposable(handlers.key, f),
  };
  const fakeDocument = Object.assign(new EventTarget(), { visibilityState: 'visible', hasFocus: () => true });
  const win = Object.assign(new EventTarget(), { document: fakeDocument });
  const stop = startProctorCapture({
    editor: editor as never,
    text,
    events: events as Y.Array<unknown>,
    localOrigin: binding,
    user: 'ada',
    window: win as unknown as Window,
    now: () => clock,
  });
  /** A change made in this editor (the binding writes it to the text, Monaco reports it). */
  const edit = (pos: number, inserted: string, removed = 0) => {
    doc.transact(() => {
      if (removed) text.delete(pos, removed);
      text.insert(pos, inserted);
    }, binding);
    for (const f of handlers.change) f({ isFlush: false, changes: [{ rangeOffset: pos, rangeLength: removed, text: inserted }] });
  };
  return {
    doc,
    text,
    events,
    host,
    win,
    fakeDocument,
    stop,
    edit,
    select: (value: string) => (selected = value),
    advance: (ms: number) => ((clock += ms), vi.advanceTimersByTime(ms)),
    paste(pos: number, value: string, removed = 0) {
      host.dispatchEvent(new Event('paste'));
      edit(pos, value, removed);
      for (const f of handlers.paste) f();
    },
    key: () => handlers.key.forEach((f) => f({ ctrlKey: false, metaKey: false, altKey: false })),
    recorded: () => events.toArray().map((e) => {
      expect(parseRoomEvent(e), JSON.stringify(e)).not.toBeNull();
      return e;
    }),
  };
}

test('a paste is recorded with its text, range and the in-room copy hint; it is no bulk insert', () => {
  const s = setup();
  s.edit(0, 'def f(xs):\n    return xs\n');
  s.advance(1000);
  const pasted = 'def g(ys):\n    return [y * y for y in ys]\n';
  s.paste(s.text.length, pasted);
  s.select('return xs');
  s.host.dispatchEvent(new Event('copy'));
  s.paste(4, 'return xs', 1);
  s.advance(500);
  const [first, second, ...rest] = s.recorded();
  expect(first).toMatchObject({ type: 'paste', user: 'ada', size: pasted.length, range: { from: 25, to: 25 }, text: pasted });
  expect(first!.copiedInRoom).toBeUndefined();
  expect(second).toMatchObject({ type: 'paste', size: 9, range: { from: 4, to: 5 }, copiedInRoom: true });
  expect(rest).toEqual([]);
});

test('a long paste keeps 100,000 characters and says it was cut', () => {
  const s = setup();
  s.paste(0, 'x'.repeat(100_050));
  const [event] = s.recorded();
  expect(event).toMatchObject({ type: 'paste', size: 100_050, truncated: true });
  expect((event!.text as string).length).toBe(100_000);
});

test('a large change that is no paste is a bulk insert; remote and small changes are not', () => {
  const s = setup();
  const dropped = '# dropped into the editor: more than forty characters long\n';
  s.edit(0, dropped);
  s.doc.transact(() => s.text.insert(0, 'x'.repeat(200)), 'remote'); // someone else's change
  s.edit(0, 'abc');
  s.advance(200);
  expect(s.recorded()).toEqual([expect.objectContaining({ type: 'bulk-insert', user: 'ada', size: dropped.length, range: { from: 0, to: 0 } })]);
});

test('focus losses are appended when focus returns, with their duration; hidden wins over blur', () => {
  const s = setup();
  s.win.dispatchEvent(new Event('blur'));
  s.advance(4000);
  s.win.dispatchEvent(new Event('focus'));
  s.win.dispatchEvent(new Event('blur'));
  s.advance(1000);
  s.fakeDocument.visibilityState = 'hidden';
  s.fakeDocument.dispatchEvent(new Event('visibilitychange'));
  s.advance(9000);
  s.win.dispatchEvent(new Event('focus')); // still hidden: not back yet
  expect(s.recorded()).toHaveLength(1);
  s.fakeDocument.visibilityState = 'visible';
  s.fakeDocument.dispatchEvent(new Event('visibilitychange'));
  const [blur, hidden] = s.recorded();
  expect(blur).toMatchObject({ type: 'focus', kind: 'blur', durationMs: 4000, start: '2026-11-28T10:00:00.000Z', end: '2026-11-28T10:00:04.000Z' });
  expect(hidden).toMatchObject({ type: 'focus', kind: 'hidden', durationMs: 10_000 });
});

test('typing is summarised per window: keystrokes, characters, bursts, the longest pause', () => {
  const s = setup();
  for (const ch of 'abc') {
    s.key();
    s.edit(s.text.length, ch);
    s.advance(200);
  }
  s.advance(5000);
  for (const ch of 'de') {
    s.key();
    s.edit(s.text.length, ch);
    s.advance(300);
  }
  s.advance(60_000 - 6200);
  const [summary] = s.recorded();
  expect(summary).toMatchObject({ type: 'typing', user: 'ada', keystrokes: 5, chars: 5, bursts: 2, longestPauseMs: 5200 });
  s.stop();
  expect(s.recorded()).toHaveLength(1); // nothing typed since: no empty summary
});

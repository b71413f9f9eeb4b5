/**
 * Proctor-lite capture (docs/room-protocol.md §7): what this participant's editor sees, appended to
 * the room's `events` as this participant — pastes (with the text, capped, where it landed, and
 * whether the editor itself had copied it), focus losses (appended when focus returns), large
 * insertions that were no paste and no typing, and a typing summary per window. The pad starts it
 * only when the room's mode records signals (`signalPolicy(mode, role).record`); the server accepts
 * these types only, in the participant's own name (RoomIntegrity).
 *
 * Event shapes are `@duet/sdk/metrics`'s (`pasteEvent`, `focusEvent`, `bulkInsertEvent`,
 * `typingEvent`), built here without the schemas (types only: zod stays out of the editor chunk).
 */
import type { BulkInsertEvent, FocusEvent, PasteEvent, TypingEvent } from '@duet/sdk/metrics';
import type * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
import type * as Y from 'yjs';

/** The protocol's cap on a paste event's text. */
export const MAX_PASTE_TEXT = 100_000;
/** An insertion longer than this, by this editor, neither pasted nor typed, is reported as a bulk insert (the report uses the same threshold). */
export const BULK_INSERT_CHARS = 40;
/** A pause longer than this between keystrokes starts a new burst. */
const BURST_GAP_MS = 2000;

export interface ProctorCaptureOptions {
  editor: monaco.editor.IStandaloneCodeEditor;
  text: Y.Text;
  events: Y.Array<unknown>;
  /** The Yjs origin of this editor's own changes (the y-monaco binding). */
  localOrigin: unknown;
  /** The participant's id (the token's `sub`). */
  user: string;
  window?: Window;
  /** Length of a typing summary's window (default 60 s). */
  typingWindowMs?: number;
  now?: () => number;
}

type Appendable = PasteEvent | FocusEvent | BulkInsertEvent | TypingEvent;

export function startProctorCapture(options: ProctorCaptureOptions): () => void {
  const { editor, text, events, localOrigin, user } = options;
  const win = options.window ?? window;
  const now = options.now ?? Date.now;
  const iso = (ms: number) => new Date(ms).toISOString();
  const append = (event: Appendable) => events.push([event]);
  const host = editor.getContainerDomNode();
  const disposers: Array<() => void> = [];
  const listen = <K extends string>(target: EventTarget, type: K, handler: (event: Event) => void, capture = false) => {
    target.addEventListener(type, handler, capture);
    disposers.push(() => target.removeEventListener(type, handler, capture));
  };

  // Copy and cut inside the editor: a paste of the same text is hinted as copied in the room.
  const copied: string[] = [];
  const squash = (value: string) => value.replace(/\s+/g, ' ').trim();
  const remember = () => {
    const model = editor.getModel();
    if (!model) return;
    for (const selection of editor.getSelections() ?? []) {
      const value = selection.isEmpty() ? model.getLineContent(selection.startLineNumber) + '\n' : model.getValueInRange(selection); // Monaco copies the line on an empty selection
      if (value) copied.push(squash(value));
    }
    copied.splice(0, Math.max(0, copied.length - 20));
  };
  listen(host, 'copy', remember, true);
  listen(host, 'cut', remember, true);

  // Pastes: the change lands first (the binding writes it to the text), then Monaco says it was a paste.
  let pasting = false;
  let lastChanges: monaco.editor.IModelContentChange[] = [];
  let pastingTimer: ReturnType<typeof setTimeout> | undefined;
  listen(host, 'paste', () => {
    pasting = true;
    // Monaco may apply the paste a little later (reading the clipboard); one it refused (read-only) never says so.
    clearTimeout(pastingTimer);
    pastingTimer = setTimeout(() => (pasting = false), 1000);
  }, true);
  // A large change is a bulk insert unless Monaco reports it as a paste right after.
  const pendingBulk = new Set<ReturnType<typeof setTimeout>>();
  const changes = editor.onDidChangeModelContent((event) => {
    if (!event.isFlush) lastChanges = [...event.changes];
  });
  const pastes = editor.onDidPaste(() => {
    pasting = false;
    clearTimeout(pastingTimer);
    for (const timer of pendingBulk) clearTimeout(timer);
    pendingBulk.clear();
    const inserted = [...lastChanges].sort((a, b) => a.rangeOffset - b.rangeOffset);
    if (!inserted.length) return;
    const first = inserted[0]!;
    const pasted = inserted.map((c) => c.text).join('\n');
    const replaced = inserted.reduce((sum, c) => sum + c.rangeLength, 0);
    const truncated = pasted.length > MAX_PASTE_TEXT;
    const event: PasteEvent = {
      type: 'paste',
      at: iso(now()),
      user,
      size: pasted.length,
      range: { from: first.rangeOffset, to: first.rangeOffset + replaced },
      text: truncated ? pasted.slice(0, MAX_PASTE_TEXT) : pasted,
      ...(truncated ? { truncated: true } : {}),
    };
    if (copied.length && copied.includes(squash(pasted))) event.copiedInRoom = true;
    append(event);
  });
  disposers.push(
    () => changes.dispose(),
    () => pastes.dispose(),
    () => clearTimeout(pastingTimer),
    () => pendingBulk.forEach((timer) => clearTimeout(timer)),
  );

  // Typing and bulk insertions: this editor's own changes to the text (remote ones have other origins).
  let keystrokes = 0;
  let chars = 0;
  let bursts = 0;
  let longestPause = 0;
  let lastKey = 0;
  let windowStart = now();
  const keys = editor.onKeyDown((event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const t = now();
    if (!lastKey || t - lastKey > BURST_GAP_MS) bursts++;
    else longestPause = Math.max(longestPause, t - lastKey);
    if (lastKey) longestPause = Math.max(longestPause, Math.min(t - lastKey, t - windowStart));
    lastKey = t;
    keystrokes++;
  });
  disposers.push(() => keys.dispose());
  const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin !== localOrigin) return;
    let pos = 0;
    for (const op of event.delta) {
      if (op.retain !== undefined) pos += op.retain;
      else if (typeof op.insert === 'string') {
        const size = op.insert.length;
        if (!pasting && size > BULK_INSERT_CHARS) {
          // Appended after this transaction: no nested transactions in an observer.
          const at = pos;
          const when = iso(now());
          const timer = setTimeout(() => {
            pendingBulk.delete(timer);
            append({ type: 'bulk-insert', at: when, user, size, range: { from: at, to: at } });
          }, 100);
          pendingBulk.add(timer);
        } else if (!pasting) chars += size;
        pos += size;
      }
    }
  };
  text.observe(observer);
  disposers.push(() => text.unobserve(observer));
  const flushTyping = () => {
    const t = now();
    if (keystrokes > 0) append({ type: 'typing', at: iso(t), user, from: iso(windowStart), to: iso(t), keystrokes, chars, bursts, longestPauseMs: longestPause });
    keystrokes = chars = bursts = longestPause = 0;
    lastKey = 0;
    windowStart = t;
  };
  const typingTimer = setInterval(flushTyping, options.typingWindowMs ?? 60_000);
  disposers.push(() => clearInterval(typingTimer));

  // Focus: a stretch starts at the first blur or hide and ends when the page is visible and focused again.
  let away: { start: number; kind: 'blur' | 'hidden' } | undefined;
  const doc = win.document;
  const leave = (kind: 'blur' | 'hidden') => {
    if (!away) away = { start: now(), kind };
    else if (kind === 'hidden') away.kind = 'hidden';
  };
  const back = () => {
    if (!away || doc.visibilityState === 'hidden') return;
    const end = now();
    append({ type: 'focus', at: iso(end), user, kind: away.kind, start: iso(away.start), end: iso(end), durationMs: Math.max(0, Math.round(end - away.start)) });
    away = undefined;
  };
  listen(win, 'blur', () => leave('blur'));
  listen(win, 'focus', back);
  listen(doc, 'visibilitychange', () => (doc.visibilityState === 'hidden' ? leave('hidden') : doc.hasFocus() && back()));

  return () => {
    flushTyping();
    for (const dispose of disposers.splice(0)) dispose();
  };
}

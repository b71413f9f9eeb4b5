/**
 * Proctor-lite signals from a room's history (issue 10): pastes (internal or external), bulk
 * inserts without a paste event, focus losses, idle stretches. Each carries its evidence (the
 * text, the times, the code before and after). They are leads for a conversation, never verdicts:
 * a bulk insert is also what a reconnecting editor's resync or an undo of a large deletion looks
 * like, and a focus loss is also a candidate reading the statement in another window.
 */
import type { PasteEvent } from './events.js';
import { SERVICE_AUTHOR, type UpdateRecord } from './history.js';
import type { JumpPoint, Replay } from './replay.js';

export const SIGNALS_NOTICE =
  'Signals are leads, not verdicts: each one shows its evidence, and each has innocent explanations. Read the evidence and ask the candidate before drawing any conclusion.';

export type SignalKind = 'paste' | 'bulk-insert' | 'focus-loss' | 'idle';

export interface SignalEvidence {
  /** The inserted or pasted text (capped at `maxEvidenceChars`). */
  text?: string;
  size?: number;
  /** Where in the code (UTF-16 offsets after the change). */
  range?: { from: number; to: number };
  /** A few lines of code around the change, before and after it. */
  codeBefore?: string;
  codeAfter?: string;
  start?: number;
  end?: number;
  durationMs?: number;
  /** Why the signal was raised or classified so, in words. */
  reason: string;
}

export interface Signal {
  kind: SignalKind;
  /** Pastes only. */
  classification?: 'internal' | 'external';
  user: string;
  /** Epoch ms. */
  at: number;
  /** The update to seek to. */
  index: number;
  summary: string;
  evidence: SignalEvidence;
}

export interface SignalOptions {
  /** An insertion of more characters than this in one update, with no paste event, is a bulk insert (default 40). */
  bulkChars?: number;
  /** No change by anyone for longer than this is an idle stretch (default 2 min). */
  idleMs?: number;
  /** How far (ms) a paste event may be from the update that carried its text (default 5 s). */
  pasteWindowMs?: number;
  maxEvidenceChars?: number;
  /** Lines shown above and below a change in `codeBefore`/`codeAfter` (default 3). */
  contextLines?: number;
  /** Signals given code excerpts (each costs two seeks); later ones keep their text only (default 100). */
  maxCodeEvidence?: number;
}

export interface Signals {
  notice: string;
  signals: Signal[];
  /** Update indexes whose insertions arrived by paste (for the paste share of the final code). */
  pasteUpdates: Set<number>;
  bulkUpdates: Set<number>;
}

const normalize = (text: string) => text.replace(/\r\n?/g, '\n');
/** Indentation and spacing change when text moves: compare with runs of whitespace collapsed. */
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();
const insertedText = (r: UpdateRecord) => r.inserted.map((i) => i.text).join('');

export function detectSignals(replay: Replay, options: SignalOptions = {}): Signals {
  const bulkChars = options.bulkChars ?? 40;
  const idleMs = options.idleMs ?? 120_000;
  const windowMs = options.pasteWindowMs ?? 5000;
  const cap = options.maxEvidenceChars ?? 2000;
  const context = options.contextLines ?? 3;
  const records = replay.records;
  const signals: Signal[] = [];
  const pasteUpdates = new Set<number>();
  const bulkUpdates = new Set<number>();
  const clip = (text: string) => (text.length > cap ? `${text.slice(0, cap)}… (${text.length - cap} more characters)` : text);

  let excerpts = options.maxCodeEvidence ?? 100;
  const around = (index: number, pos: number, length: number): { codeBefore?: string; codeAfter?: string; before: string } => {
    const before = replay.seek({ index: index - 1 }).code;
    if (excerpts-- <= 0) return { before };
    const after = replay.seek({ index }).code;
    return { codeBefore: excerpt(before, pos, pos, context), codeAfter: excerpt(after, pos, pos + length, context), before };
  };

  const deletedBefore = deletedText(records);

  for (const { event, index, at } of replay.events) {
    if (event.type !== 'paste') continue;
    // Who appended the event is what the timeline recorded, whatever `user` the event claims.
    const user = appender(records[index]!, event.user);
    const carrier = findCarrier(records, { ...event, user }, index, windowMs);
    const target = carrier ?? records[index]!;
    if (carrier) pasteUpdates.add(carrier.index);
    const pos = target.inserted[0]?.pos ?? event.range.from;
    const { codeBefore, codeAfter, before } = around(target.index, pos, event.text.length);
    const pasted = squash(normalize(event.text));
    const inCode = pasted.length > 0 && squash(before).includes(pasted);
    const inDeleted = !inCode && pasted.length > 0 && squash(deletedBefore(target.index)).includes(pasted);
    const internal = inCode || inDeleted;
    const reason = internal
      ? `the pasted text was ${inCode ? 'already in the code' : 'in the code earlier (since deleted)'} before the paste`
      : `the pasted text was not in this room's code before${event.copiedInRoom ? ' (the editor reports it was copied in the room: not confirmed by the history)' : ''}`;
    signals.push({
      kind: 'paste',
      classification: internal ? 'internal' : 'external',
      user,
      at,
      index: target.index,
      summary: `${internal ? 'Internal' : 'External'} paste of ${event.size} characters`,
      evidence: {
        text: clip(event.text),
        size: event.size,
        range: { from: pos, to: pos + event.text.length },
        ...(codeBefore !== undefined ? { codeBefore, codeAfter } : {}),
        reason: carrier ? reason : `${reason}; no update carrying the text was found near the event`,
      },
    });
  }

  for (const record of records) {
    if (record.author === SERVICE_AUTHOR || pasteUpdates.has(record.index)) continue;
    const largest = record.inserted.reduce((max, i) => (i.text.length > max.text.length ? i : max), { pos: 0, text: '' });
    if (largest.text.length <= bulkChars) continue;
    bulkUpdates.add(record.index);
    // The code itself is not needed to flag a bulk insert: skip the seeks once the excerpt budget is spent.
    const { codeBefore, codeAfter } = excerpts > 0 ? around(record.index, largest.pos, largest.text.length) : {};
    signals.push({
      kind: 'bulk-insert',
      user: record.author,
      at: record.at,
      index: record.index,
      summary: `${largest.text.length} characters inserted at once without a paste event`,
      evidence: {
        text: clip(largest.text),
        size: largest.text.length,
        range: { from: largest.pos, to: largest.pos + largest.text.length },
        ...(codeBefore !== undefined ? { codeBefore, codeAfter } : {}),
        reason: `one change inserted more than ${bulkChars} characters and the editor reported no paste for it (also what a drag-and-drop, an undo of a deletion or a reconnecting editor's resync looks like)`,
      },
    });
  }

  for (const { event, index, at } of replay.events) {
    if (event.type !== 'focus') continue;
    const start = Date.parse(event.start) || at;
    const end = Date.parse(event.end) || at;
    signals.push({
      kind: 'focus-loss',
      user: appender(records[index]!, event.user),
      at: start,
      index,
      summary: `${event.kind === 'hidden' ? 'Tab hidden' : 'Window lost focus'} for ${formatDuration(event.durationMs)}`,
      evidence: { start, end, durationMs: event.durationMs, reason: `the editor reported ${event.kind === 'hidden' ? 'the tab hidden' : 'the window blurred'} from ${new Date(start).toISOString()} to ${new Date(end).toISOString()}` },
    });
  }

  const human = records.filter((r) => r.author !== SERVICE_AUTHOR);
  for (let i = 1; i < human.length; i++) {
    const gap = human[i]!.at - human[i - 1]!.at;
    if (gap <= idleMs) continue;
    signals.push({
      kind: 'idle',
      user: '*',
      at: human[i - 1]!.at,
      index: human[i - 1]!.index,
      summary: `No edits for ${formatDuration(gap)}`,
      evidence: { start: human[i - 1]!.at, end: human[i]!.at, durationMs: gap, reason: `no participant changed the code for longer than ${formatDuration(idleMs)} (thinking, reading, or talking are all idle to the editor)` },
    });
  }

  signals.sort((a, b) => a.at - b.at);
  return { notice: SIGNALS_NOTICE, signals, pasteUpdates, bulkUpdates };
}

/** Jump points for the scrubber, including the bulk inserts only the history shows. */
export function signalJumpPoints(replay: Replay, signals: Signals): JumpPoint[] {
  const extra = signals.signals.filter((s) => s.kind === 'bulk-insert').map((s) => ({ kind: 'bulk-insert' as const, at: s.at, index: s.index, label: s.summary }));
  return [...replay.jumpPoints, ...extra].sort((a, b) => a.at - b.at);
}

/**
 * Text deleted from the code before a given update, with runs of single-character deletions (a
 * held backspace or delete key) joined back into the text they removed. Queries must come in
 * increasing update order (pastes are visited in time order).
 */
function deletedText(records: readonly UpdateRecord[]): (index: number) => string {
  const runs: Array<{ pos: number; text: string; author: string }> = [];
  let scanned = 0;
  return (index) => {
    for (; scanned < index && scanned < records.length; scanned++) {
      const r = records[scanned]!;
      for (const d of r.deleted) {
        const last = runs[runs.length - 1];
        if (last && last.author === r.author && d.pos + d.text.length === last.pos) {
          last.text = d.text + last.text; // backspace: the next deletion is just before
          last.pos = d.pos;
        } else if (last && last.author === r.author && d.pos === last.pos) {
          last.text += d.text; // forward delete: the next deletion is at the same place
        } else runs.push({ pos: d.pos, text: d.text, author: r.author });
      }
    }
    return runs.map((run) => run.text).join('\n');
  };
}

/** The update by the paste's author, near it in time, whose insertion holds the pasted text. */
function findCarrier(records: readonly UpdateRecord[], event: PasteEvent, index: number, windowMs: number): UpdateRecord | undefined {
  const wanted = normalize(event.text);
  const probe = event.truncated ? wanted.slice(0, 200) : wanted;
  if (!probe) return undefined;
  const at = records[index]!.at;
  for (let i = index; i >= 0 && at - records[i]!.at <= windowMs; i--) {
    const r = records[i]!;
    if (r.author === event.user && normalize(insertedText(r)).includes(probe)) return r;
  }
  for (let i = index + 1; i < records.length && records[i]!.at - at <= windowMs; i++) {
    const r = records[i]!;
    if (r.author === event.user && normalize(insertedText(r)).includes(probe)) return r;
  }
  return undefined;
}

/** The participant who appended an event: its update's author (the service appends for others). */
function appender(record: UpdateRecord, claimed: string): string {
  return record.author === SERVICE_AUTHOR ? claimed : record.author;
}

/** Lines around [from, to) of `code`, with `context` lines either side. */
export function excerpt(code: string, from: number, to: number, context: number): string {
  const lines = code.split('\n');
  const lineOf = (offset: number) => code.slice(0, Math.max(0, Math.min(offset, code.length))).split('\n').length - 1;
  const first = Math.max(0, lineOf(from) - context);
  const last = Math.min(lines.length - 1, lineOf(to) + context);
  return lines.slice(first, last + 1).join('\n');
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
}

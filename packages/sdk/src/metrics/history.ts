/**
 * One pass over a room document's history: every update is applied in order to a scratch Y.Doc,
 * and what it did is recorded (text inserted and deleted in `code`, events appended, the clock
 * ranges it introduced) together with checkpoints of the whole document every `checkpointEvery`
 * updates, which is what makes seeking cheap later.
 *
 * The collaboration service's snapshots are not used as checkpoints: a snapshot holds the live
 * document when it was taken, which can already contain changes after its `upto` (another
 * instance's change, or the service's own, arriving meanwhile), so seeking from it would show
 * edits before they happened. Own checkpoints cost one state encoding per `checkpointEvery` updates.
 */
import * as Y from 'yjs';
import { parseRoomEvent, type RoomEvent } from './events.js';
import { MetricsError } from './errors.js';
import { decodeTimeline, type Timeline, type TimelineJson } from './timeline.js';

export const CODE_TEXT = 'code';
export const EVENTS_ARRAY = 'events';
export const META_MAP = 'meta';
/** The service's own author id (joins, posted events, starter code). */
export const SERVICE_AUTHOR = 'duet';

export interface TextEdit {
  /** UTF-16 offset in the code before this update (for deletions) or after it (for insertions). */
  pos: number;
  text: string;
}

export interface UpdateRecord {
  index: number;
  id: number;
  at: number;
  author: string;
  role: string;
  inserted: TextEdit[];
  deleted: TextEdit[];
  /** Events this update appended, in order (unknown or malformed ones skipped). */
  events: RoomEvent[];
  /** The code's length after this update. */
  length: number;
}

export interface Checkpoint {
  /** State after the update at this index (-1: the empty document). */
  index: number;
  state: Uint8Array;
}

/** Per client, the clock ranges each update introduced: who wrote an item is who sent its range first. */
export interface ClockRange {
  from: number;
  to: number;
  index: number;
}

export interface History {
  timeline: Timeline;
  records: UpdateRecord[];
  checkpoints: Checkpoint[];
  ranges: Map<number, ClockRange[]>;
  /** The code after the last update. */
  finalCode: string;
  meta: Record<string, unknown>;
}

export interface HistoryOptions {
  /** Updates between checkpoints (default 200: a seek applies at most this many). */
  checkpointEvery?: number;
}

export function toTimeline(input: Timeline | TimelineJson): Timeline {
  const encoded = (input.updates as Array<{ update: unknown }>).some((u) => typeof u.update === 'string') || ((input.snapshots ?? []) as Array<{ state: unknown }>).some((s) => typeof s.state === 'string');
  return encoded ? decodeTimeline(input) : (input as Timeline);
}

export function loadHistory(input: Timeline | TimelineJson, options: HistoryOptions = {}): History {
  const timeline = toTimeline(input);
  const every = options.checkpointEvery ?? 200;
  if (!Number.isInteger(every) || every < 1) throw new MetricsError('TIMELINE_INVALID', `checkpointEvery must be a positive integer, not ${every}`);
  const doc = new Y.Doc();
  const code = doc.getText(CODE_TEXT);
  const events = doc.getArray<unknown>(EVENTS_ARRAY);
  let text = '';
  let current: UpdateRecord | undefined;

  code.observe((event) => {
    if (!current) return;
    let pos = 0;
    let next = '';
    let read = 0;
    for (const op of event.delta) {
      if (op.retain !== undefined) {
        next += text.slice(read, read + op.retain);
        read += op.retain;
        pos += op.retain;
      } else if (op.delete !== undefined) {
        current.deleted.push({ pos: read, text: text.slice(read, read + op.delete) });
        read += op.delete;
      } else if (typeof op.insert === 'string') {
        current.inserted.push({ pos, text: op.insert });
        next += op.insert;
        pos += op.insert.length;
      }
    }
    text = next + text.slice(read);
  });
  events.observe((event) => {
    if (!current) return;
    for (const op of event.changes.delta) {
      if (Array.isArray(op.insert)) for (const value of op.insert) {
        const parsed = parseRoomEvent(value);
        if (parsed) current.events.push(parsed);
      }
    }
  });

  const records: UpdateRecord[] = [];
  const checkpoints: Checkpoint[] = [{ index: -1, state: Y.encodeStateAsUpdate(doc) }];
  const ranges = new Map<number, ClockRange[]>();
  timeline.updates.forEach((u, index) => {
    current = { index, id: u.id, at: u.at, author: u.author, role: u.role, inserted: [], deleted: [], events: [], length: 0 };
    try {
      const meta = Y.parseUpdateMeta(u.update);
      for (const [client, to] of meta.to) {
        const from = meta.from.get(client) ?? 0;
        if (to <= from) continue;
        let list = ranges.get(client);
        if (!list) ranges.set(client, (list = []));
        list.push({ from, to, index });
      }
      Y.applyUpdate(doc, u.update);
    } catch (error) {
      throw new MetricsError('TIMELINE_INVALID', `timeline: update ${u.id} (#${index}) is not a Yjs update: ${(error as Error).message}`);
    }
    current.length = text.length;
    records.push(current);
    if ((index + 1) % every === 0) checkpoints.push({ index, state: Y.encodeStateAsUpdate(doc) });
  });
  current = undefined;
  for (const list of ranges.values()) list.sort((a, b) => a.from - b.from || a.index - b.index);
  return { timeline, records, checkpoints, ranges, finalCode: code.toString(), meta: doc.getMap(META_MAP).toJSON() };
}

/** The range of the update that first introduced (client, clock), or undefined when none did (history incomplete). */
export function introducedBy(ranges: Map<number, ClockRange[]>, client: number, clock: number): ClockRange | undefined {
  const list = ranges.get(client);
  if (!list) return undefined;
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.from <= clock) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Ranges of one client are disjoint unless a client re-sent part of its history: take the earliest that holds the clock.
  let best: ClockRange | undefined;
  for (let i = found; i >= 0 && i >= found - 64; i--) {
    const range = list[i]!;
    if (clock < range.to && (!best || range.index < best.index)) best = range;
  }
  return best;
}

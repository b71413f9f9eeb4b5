/**
 * Timeline replay: the code at any moment of a room, with who wrote each character, and the
 * moments worth jumping to. A seek starts from the nearest checkpoint at or before the target
 * (built while loading, every `checkpointEvery` updates) and applies at most that many updates,
 * so its cost does not grow with the session's length.
 */
import * as Y from 'yjs';
import { authorshipOf, type AuthorSpan } from './authorship.js';
import { MetricsError } from './errors.js';
import type { RoomEvent } from './events.js';
import { CODE_TEXT, loadHistory, SERVICE_AUTHOR, type History, type HistoryOptions, type UpdateRecord } from './history.js';
import type { Timeline, TimelineJson } from './timeline.js';

export interface ReplayFrame {
  /** The last update applied (-1: before the first). */
  index: number;
  /** Epoch ms of that update (the session's start for -1). */
  at: number;
  code: string;
  authorship: AuthorSpan[];
}

export type JumpKind = 'run' | 'verdict' | 'paste' | 'focus-loss' | 'bulk-insert' | 'join' | 'leave' | 'ended';

export interface JumpPoint {
  kind: JumpKind;
  /** Epoch ms. */
  at: number;
  /** The update to seek to: the one that recorded the event (the code is as it was then). */
  index: number;
  label: string;
  event?: RoomEvent;
}

export interface TimedEvent {
  event: RoomEvent;
  /** The update that appended it. */
  index: number;
  /** The event's own time (epoch ms), falling back to its update's. */
  at: number;
}

export type SeekTarget = { time: number } | { index: number };

export interface Participant {
  id: string;
  role: string;
  name?: string;
  /** Updates they made. */
  updates: number;
}

export interface Replay {
  readonly history: History;
  readonly records: readonly UpdateRecord[];
  /** Epoch ms of the first and last update (0 for an empty timeline). */
  readonly start: number;
  readonly end: number;
  readonly events: readonly TimedEvent[];
  readonly participants: readonly Participant[];
  /** Runs, verdicts, pastes, focus losses, joins: in time order. Bulk inserts are added by the signals. */
  readonly jumpPoints: readonly JumpPoint[];
  /** The last update at or before `time` (-1 before the first). */
  indexAt(time: number): number;
  seek(target: SeekTarget): ReplayFrame;
  final(): ReplayFrame;
}

export function createReplay(input: Timeline | TimelineJson | History, options: HistoryOptions = {}): Replay {
  const history = 'records' in input ? input : loadHistory(input, options);
  const { records, checkpoints, ranges } = history;
  const start = records[0]?.at ?? 0;
  const end = records[records.length - 1]?.at ?? 0;
  const events = timedEvents(records);

  const indexAt = (time: number): number => {
    let lo = 0;
    let hi = records.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (records[mid]!.at <= time) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };

  const seek = (target: SeekTarget): ReplayFrame => {
    const index = 'index' in target ? target.index : indexAt(target.time);
    if (!Number.isInteger(index) || index < -1 || index >= records.length) {
      throw new MetricsError('SEEK_OUT_OF_RANGE', `seek: update index ${index} is outside -1…${records.length - 1}`);
    }
    if ('time' in target && !Number.isFinite(target.time)) throw new MetricsError('SEEK_OUT_OF_RANGE', `seek: time ${target.time} is not a number`);
    let checkpoint = checkpoints[0]!;
    for (let lo = 0, hi = checkpoints.length - 1; lo <= hi; ) {
      const mid = (lo + hi) >> 1;
      if (checkpoints[mid]!.index <= index) {
        checkpoint = checkpoints[mid]!;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const doc = new Y.Doc();
    Y.applyUpdate(doc, checkpoint.state);
    const updates = history.timeline.updates;
    // One transaction for all of them: observers and cleanup run once.
    doc.transact(() => {
      for (let i = checkpoint.index + 1; i <= index; i++) Y.applyUpdate(doc, updates[i]!.update);
    });
    const text = doc.getText(CODE_TEXT);
    const frame = { index, at: index === -1 ? start : records[index]!.at, code: text.toString(), authorship: authorshipOf(text, ranges, records) };
    doc.destroy();
    return frame;
  };

  return {
    history,
    records,
    start,
    end,
    events,
    participants: participantsOf(records, events),
    jumpPoints: jumpPointsOf(events),
    indexAt,
    seek,
    final: () => seek({ index: records.length - 1 }),
  };
}

function timedEvents(records: readonly UpdateRecord[]): TimedEvent[] {
  const out: TimedEvent[] = [];
  for (const record of records) {
    for (const event of record.events) {
      const at = Date.parse(event.at);
      out.push({ event, index: record.index, at: Number.isNaN(at) ? record.at : at });
    }
  }
  return out;
}

function participantsOf(records: readonly UpdateRecord[], events: readonly TimedEvent[]): Participant[] {
  const byId = new Map<string, Participant>();
  for (const { event } of events) {
    if (event.type === 'join' && !byId.has(event.user)) byId.set(event.user, { id: event.user, role: event.role, name: event.name, updates: 0 });
  }
  for (const record of records) {
    if (record.author === SERVICE_AUTHOR) continue;
    const p = byId.get(record.author) ?? { id: record.author, role: record.role, updates: 0 };
    p.updates++;
    byId.set(record.author, p);
  }
  return [...byId.values()];
}

function jumpPointsOf(events: readonly TimedEvent[]): JumpPoint[] {
  const points: JumpPoint[] = [];
  for (const { event, index, at } of events) {
    switch (event.type) {
      case 'run':
        points.push({ kind: 'run', at, index, label: `${event.kind} run`, event });
        break;
      case 'result':
        points.push({ kind: 'verdict', at, index, label: `${event.verdict}${event.total !== undefined ? ` ${event.passed ?? 0}/${event.total}` : ''}`, event });
        break;
      case 'paste':
        points.push({ kind: 'paste', at, index, label: `paste of ${event.size} chars`, event });
        break;
      case 'focus':
        // The event is appended when focus returns: jump to when it was lost.
        points.push({ kind: 'focus-loss', at: Date.parse(event.start) || at, index, label: `${event.kind === 'hidden' ? 'tab hidden' : 'window blurred'} ${Math.round(event.durationMs / 1000)} s`, event });
        break;
      case 'join':
      case 'leave':
        points.push({ kind: event.type, at, index, label: `${event.name || event.user} ${event.type === 'join' ? 'joined' : 'left'}`, event });
        break;
      case 'ended':
        points.push({ kind: 'ended', at, index, label: 'room ended', event });
        break;
      default:
        break;
    }
  }
  return points.sort((a, b) => a.at - b.at);
}

/**
 * The shapes of the room document's `events` array (docs/room-protocol.md). Every event has a
 * `type` and an `at` (ISO time); the service appends joins and leaves, the marketplace appends runs
 * and their verdicts, the widget appends proctoring signals.
 */
import * as Y from 'yjs';
import { SERVICE_ORIGIN } from './participant.js';

export type RoomEvent =
  | { type: 'join' | 'leave'; at: string; user: string; name: string; role: string }
  | { type: string; at: string; [field: string]: unknown };

export const CODE_TEXT = 'code';
export const META_MAP = 'meta';
export const EVENTS_ARRAY = 'events';
export const NOTES_TEXT = 'notes';

/** Appends events as the service (recorded in the timeline with the service as author). */
export function appendEvents(doc: Y.Doc, events: readonly RoomEvent[]): void {
  doc.transact(() => doc.getArray<RoomEvent>(EVENTS_ARRAY).push([...events]), SERVICE_ORIGIN);
}

/** Sets fields of the room's `meta` map as the service. */
export function setMeta(doc: Y.Doc, fields: Readonly<Record<string, unknown>>): void {
  doc.transact(() => {
    const meta = doc.getMap(META_MAP);
    for (const [key, value] of Object.entries(fields)) meta.set(key, value);
  }, SERVICE_ORIGIN);
}

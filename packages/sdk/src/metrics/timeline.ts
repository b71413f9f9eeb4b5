/**
 * The collaboration service's history of one document (`GET /v1/rooms/<id>/timeline`,
 * docs/room-protocol.md §6), decoded: updates in order with author and time, and snapshots.
 */
import { z } from 'zod';
import { MetricsError } from './errors.js';

export const timelineJson = z.object({
  document: z.string().optional(),
  updates: z.array(z.object({ id: z.number().int(), at: z.string(), author: z.string(), role: z.string(), update: z.string() })),
  snapshots: z.array(z.object({ upto: z.number().int(), at: z.string(), state: z.string() })).default([]),
});
export type TimelineJson = z.input<typeof timelineJson>;

export interface TimelineUpdate {
  id: number;
  /** Epoch milliseconds. */
  at: number;
  author: string;
  role: string;
  update: Uint8Array;
}

export interface TimelineSnapshot {
  /** The id of the last update the state contains. */
  upto: number;
  at: number;
  state: Uint8Array;
}

export interface Timeline {
  updates: TimelineUpdate[];
  snapshots: TimelineSnapshot[];
}

/** Decodes the service's JSON; TIMELINE_INVALID names the first bad field. */
export function decodeTimeline(json: unknown): Timeline {
  const parsed = timelineJson.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new MetricsError('TIMELINE_INVALID', `timeline: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  const time = (text: string, where: string) => {
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) throw new MetricsError('TIMELINE_INVALID', `timeline: ${where}: not an ISO time: ${JSON.stringify(text)}`);
    return ms;
  };
  const updates = parsed.data.updates.map((u, i) => ({ id: u.id, at: time(u.at, `updates.${i}.at`), author: u.author, role: u.role, update: fromBase64(u.update) }));
  for (let i = 1; i < updates.length; i++) {
    if (updates[i]!.id <= updates[i - 1]!.id) throw new MetricsError('TIMELINE_INVALID', `timeline: updates.${i}: ids must increase (${updates[i - 1]!.id} then ${updates[i]!.id})`);
  }
  const snapshots = parsed.data.snapshots.map((s, i) => ({ upto: s.upto, at: time(s.at, `snapshots.${i}.at`), state: fromBase64(s.state) }));
  return { updates, snapshots };
}

/** The JSON shape back (tests and services that hold a decoded timeline). */
export function encodeTimeline(timeline: Timeline, document?: string): z.output<typeof timelineJson> {
  return {
    ...(document ? { document } : {}),
    updates: timeline.updates.map((u) => ({ id: u.id, at: new Date(u.at).toISOString(), author: u.author, role: u.role, update: toBase64(u.update) })),
    snapshots: timeline.snapshots.map((s) => ({ upto: s.upto, at: new Date(s.at).toISOString(), state: toBase64(s.state) })),
  };
}

// atob/btoa: this entry runs in browsers too (no Buffer).
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * The room's `events` array (docs/room-protocol.md §2, §7): the shapes every writer appends and
 * every reader parses. Readers ignore types they do not know (`parseRoomEvent` returns null), so an
 * older report still renders a newer room.
 */
import { z } from 'zod';

const iso = z.string().min(1).max(40);
const user = z.string().min(1).max(200);

export const joinEvent = z.object({ type: z.enum(['join', 'leave']), at: iso, user, name: z.string().max(200), role: z.string().max(40) });
export const runEvent = z.object({ type: z.literal('run'), at: iso, run: z.string().min(1), kind: z.enum(['sample', 'custom', 'submit']), user: user.optional() });
export const resultEvent = z.object({
  type: z.literal('result'),
  at: iso,
  run: z.string().min(1),
  verdict: z.string().min(1).max(8),
  passed: z.number().int().min(0).optional(),
  total: z.number().int().min(0).optional(),
  complexity: z.object({ time: z.string().optional(), space: z.string().optional() }).passthrough().optional(),
});
export const endedEvent = z.object({ type: z.literal('ended'), at: iso, by: z.string().optional() });

/**
 * A paste into the code, as the editor saw it. `range` is where it landed (UTF-16 offsets in the
 * code before the paste, `from == to` for a plain insertion); `text` is capped by the client
 * (`truncated` says so). `copiedInRoom` is the client's own hint: the clipboard held text the
 * editor itself copied or cut. The report classifies from the history too, never from the hint alone.
 */
export const pasteEvent = z.object({
  type: z.literal('paste'),
  at: iso,
  user,
  size: z.number().int().min(0),
  range: z.object({ from: z.number().int().min(0), to: z.number().int().min(0) }),
  text: z.string().max(100_000),
  truncated: z.boolean().optional(),
  copiedInRoom: z.boolean().optional(),
});

/** A stretch without focus: the window lost focus (`blur`) or the tab was hidden (`hidden`). Appended when it ends. */
export const focusEvent = z.object({
  type: z.literal('focus'),
  at: iso,
  user,
  kind: z.enum(['blur', 'hidden']),
  start: iso,
  end: iso,
  durationMs: z.number().int().min(0),
});

/**
 * A large insertion the editor saw that was no paste nor typing (drag-and-drop, IME, an
 * extension). The history flags bulk inserts by itself; this event only adds the client's view.
 */
export const bulkInsertEvent = z.object({ type: z.literal('bulk-insert'), at: iso, user, size: z.number().int().min(0), range: z.object({ from: z.number().int().min(0), to: z.number().int().min(0) }) });

/** A client's typing summary for a window (optional: the report computes cadence from the history). */
export const typingEvent = z.object({
  type: z.literal('typing'),
  at: iso,
  user,
  from: iso,
  to: iso,
  keystrokes: z.number().int().min(0),
  chars: z.number().int().min(0),
  bursts: z.number().int().min(0),
  longestPauseMs: z.number().int().min(0),
});

export const roomEvent = z.discriminatedUnion('type', [joinEvent, runEvent, resultEvent, endedEvent, pasteEvent, focusEvent, bulkInsertEvent, typingEvent]);

export type RoomEvent = z.infer<typeof roomEvent>;
export type PasteEvent = z.infer<typeof pasteEvent>;
export type FocusEvent = z.infer<typeof focusEvent>;
export type RunEvent = z.infer<typeof runEvent>;
export type ResultEvent = z.infer<typeof resultEvent>;
export type TypingEvent = z.infer<typeof typingEvent>;
export type BulkInsertEvent = z.infer<typeof bulkInsertEvent>;

/** The event, or null for an unknown type or a malformed one (readers skip both). */
export function parseRoomEvent(value: unknown): RoomEvent | null {
  const parsed = roomEvent.safeParse(value);
  return parsed.success ? parsed.data : null;
}

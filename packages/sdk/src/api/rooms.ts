import { z } from 'zod';
import { ROOM_ROLES } from '../room/claims.js';
import { orgSlugSchema } from './names.js';

export const ROOM_MODES = ['practice', 'pair', 'interview', 'assessment'] as const;
export type RoomMode = (typeof ROOM_MODES)[number];
export const ROOM_STATES = ['open', 'ended'] as const;

/** Room ids, as the collaboration service accepts them. */
export const roomIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'expected a room id');
const isoDate = z.string().describe('ISO 8601 date-time');

export const roomParticipantInput = z.object({
  /** The participant's user id (stable across their tokens); default: a new one. */
  id: z.string().min(1).max(200).optional(),
  name: z.string().trim().min(1).max(100),
  role: z.enum(ROOM_ROLES),
});

export const roomCreateInput = z.object({
  /** `@scope/name@range` (range default `latest`), resolved as npm does; the room keeps the exact version. */
  pack: z.string().min(3).max(300),
  /** The problem's id within the pack. */
  problem: z.string().min(1).max(100),
  mode: z.enum(ROOM_MODES),
  /** Timed modes: the room's length; it ends on its own when the time is up. */
  durationSeconds: z.number().int().min(60).max(7 * 24 * 3600).optional(),
  /** Participants to mint tokens for at once. */
  participants: z.array(roomParticipantInput).max(20).optional(),
  /** The org that owns the room: implied by an API key; required for people in several orgs. */
  org: orgSlugSchema.optional(),
});
export type RoomCreateInput = z.input<typeof roomCreateInput>;

export const roomTokenInput = z.object({
  roomId: roomIdSchema,
  name: z.string().trim().min(1).max(100),
  role: z.enum(ROOM_ROLES),
  userId: z.string().min(1).max(200).optional(),
  /** Default 2 hours, at most 24 hours. */
  ttlSeconds: z.number().int().min(30).max(24 * 3600).optional(),
});
export type RoomTokenInput = z.input<typeof roomTokenInput>;

export const roomTokenView = z.object({ token: z.string(), expiresAt: isoDate });
export type RoomTokenView = z.infer<typeof roomTokenView>;

export const roomIdInput = z.object({ roomId: roomIdSchema });

export const roomStatementView = z.object({
  title: z.string(),
  markdown: z.string(),
  samples: z.array(z.object({ name: z.string(), input: z.string(), output: z.string() })),
  limits: z.object({ timeSeconds: z.number(), memoryMb: z.number() }),
  starterCode: z.string().optional(),
  complexity: z.object({ time: z.string().optional(), space: z.string().optional() }).optional(),
});

export const roomView = z.object({
  id: z.string(),
  org: z.string(),
  /** `@scope/name@exact`. */
  pack: z.string(),
  problem: z.string(),
  mode: z.enum(ROOM_MODES),
  state: z.enum(ROOM_STATES),
  createdAt: isoDate,
  startedAt: isoDate.optional(),
  endsAt: isoDate.optional(),
  endedAt: isoDate.optional(),
  durationSeconds: z.number().int().optional(),
  /** The public problem view: never hidden tests or submissions. */
  statement: roomStatementView,
  collab: z.object({ url: z.string().optional(), document: z.string() }),
});
export type RoomView = z.infer<typeof roomView>;

export const roomCreateView = roomView.extend({
  tokens: z.array(z.object({ name: z.string(), role: z.enum(ROOM_ROLES), userId: z.string(), token: z.string() })).optional(),
});
export type RoomCreateView = z.infer<typeof roomCreateView>;

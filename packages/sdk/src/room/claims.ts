import { z } from 'zod';

/** Who a room participant is: the role decides the default permissions. */
export const ROOM_ROLES = ['candidate', 'interviewer', 'observer'] as const;
export type RoomRole = (typeof ROOM_ROLES)[number];

/**
 * What a room token allows. `view`: read the room (code, results, timeline); `edit`: change the
 * code; `run`: sample and custom runs; `submit`: runs on the hidden tests; `end`: end the room;
 * `report`: read the report.
 */
export const ROOM_PERMISSIONS = ['view', 'edit', 'run', 'submit', 'end', 'report'] as const;
export type RoomPermission = (typeof ROOM_PERMISSIONS)[number];

/** Observers watch: they never edit or run code. */
export const ROLE_PERMISSIONS: Readonly<Record<RoomRole, readonly RoomPermission[]>> = Object.freeze({
  candidate: ['view', 'edit', 'run', 'submit'],
  interviewer: ['view', 'edit', 'run', 'submit', 'end', 'report'],
  observer: ['view'],
});

/** The fixed parts of every room token: verifiers pin all of them. */
export const ROOM_TOKEN = Object.freeze({
  /** JOSE header `typ`. */
  type: 'duet-room+jwt',
  audience: 'duet-room',
  /** Ed25519 signatures, under the JOSE name every library knows. */
  algorithm: 'EdDSA',
  /** Tokens live at most this long (seconds). */
  maxLifetimeSeconds: 24 * 3600,
});

/** The claims of a room token (a JWT signed by the marketplace, published keys at `/.well-known/jwks.json`). */
export const roomTokenClaimsSchema = z.object({
  iss: z.string().min(1),
  aud: z.union([z.string(), z.array(z.string())]),
  /** The participant's user id (stable across tokens of the same person). */
  sub: z.string().min(1).max(200),
  /** The room id. */
  room: z.string().min(1).max(200),
  /** The org that owns the room (quotas, entitlements). */
  org: z.string().min(1).max(200),
  /** Display name shown to the other participants. */
  name: z.string().min(1).max(100),
  role: z.enum(ROOM_ROLES),
  perms: z.array(z.enum(ROOM_PERMISSIONS)),
  iat: z.number().int(),
  exp: z.number().int(),
  jti: z.string().min(1),
});

export type RoomTokenClaims = z.infer<typeof roomTokenClaimsSchema>;

export function hasRoomPermission(claims: Pick<RoomTokenClaims, 'perms'>, permission: RoomPermission): boolean {
  return claims.perms.includes(permission);
}

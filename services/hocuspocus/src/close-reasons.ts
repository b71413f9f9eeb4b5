/**
 * Why the service refuses or ends a participant's session, by name. A refused join comes back as an
 * authentication-failed message whose reason is the `reason` below; a session already joined is
 * ended by a close message for its document carrying the same `reason` (one WebSocket can carry
 * several documents, so the socket itself stays open). `code` is the number a client that speaks in
 * WebSocket close codes maps each reason to. See docs/room-protocol.md.
 */
export const ROOM_CLOSE_REASONS = {
  /** The document name is no room document. */
  BAD_DOCUMENT: { code: 4400, reason: 'bad-document' },
  /** Missing, malformed, tampered, signed by an unknown key or for another audience or issuer. */
  TOKEN_INVALID: { code: 4401, reason: 'token-invalid' },
  /** Expired (at join, or during the session without a refreshed token). */
  TOKEN_EXPIRED: { code: 4402, reason: 'token-expired' },
  /** A valid token for another room. */
  WRONG_ROOM: { code: 4403, reason: 'wrong-room' },
  /** The interviewers' notes, asked for with a token that is not an interviewer's. */
  NOTES_FORBIDDEN: { code: 4404, reason: 'notes-forbidden' },
  /** A refreshed token for another participant or room than the session's. */
  TOKEN_MISMATCH: { code: 4405, reason: 'token-mismatch' },
} as const;

export type RoomCloseReason = (typeof ROOM_CLOSE_REASONS)[keyof typeof ROOM_CLOSE_REASONS];

/** Thrown from a hook: Hocuspocus reads `code` and `reason` when it closes or refuses. */
export class RoomRefusal extends Error {
  readonly code: number;
  readonly reason: string;
  constructor(close: RoomCloseReason, detail: string) {
    super(`${close.reason}: ${detail}`);
    this.code = close.code;
    this.reason = close.reason;
  }
}

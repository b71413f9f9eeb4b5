/**
 * Room tokens (signed by the marketplace, verified with its published keys) decide who joins which
 * document and how: observers are read-only — the server drops their changes, whatever their client
 * does —, the notes document is the interviewers' alone, a session ends when its token expires
 * unless the client sends a fresh one, which keeps the session.
 */
import type { Extension, connectedPayload, onAuthenticatePayload, onDisconnectPayload, onTokenSyncPayload } from '@hocuspocus/server';
import { type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { isDuetError } from '@duet/sdk/run';
import { type RoomTokenClaims, hasRoomPermission, verifyRoomToken } from '@duet/sdk/room';
import { ROOM_CLOSE_REASONS, RoomRefusal } from '../close-reasons.js';
import type { CollabContext, Participant } from '../participant.js';
import { parseRoomDocumentName } from '../room-documents.js';

export interface RoomAuthOptions {
  /** The marketplace's published keys: a JWKS, or a getter such as jose's createRemoteJWKSet. */
  keys: JSONWebKeySet | JWTVerifyGetKey;
  /** The marketplace's issuer; unchecked when absent. */
  issuer?: string;
}

export class RoomAuth implements Extension {
  extensionName = 'room-auth';
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly options: RoomAuthOptions) {}

  async onAuthenticate({ token, documentName, connectionConfig }: onAuthenticatePayload<CollabContext>): Promise<CollabContext> {
    const document = parseRoomDocumentName(documentName);
    if (!document) throw new RoomRefusal(ROOM_CLOSE_REASONS.BAD_DOCUMENT, `${documentName} is no room document`);
    const claims = await this.verify(token, document.room);
    if (document.kind === 'notes' && claims.role !== 'interviewer') {
      throw new RoomRefusal(ROOM_CLOSE_REASONS.NOTES_FORBIDDEN, 'the notes are the interviewers\'');
    }
    // Enforced here, on the server: a read-only connection's changes are never applied.
    connectionConfig.readOnly = !hasRoomPermission(claims, 'edit');
    return { participant: participantOf(claims) };
  }

  async connected({ connection, context, socketId, documentName }: connectedPayload<CollabContext>): Promise<void> {
    if (context.participant) this.scheduleExpiry(`${socketId} ${documentName}`, connection, context.participant.expiresAt);
  }

  /** A fresh token for the same participant and room extends the session without reconnecting. */
  async onTokenSync({ token, documentName, context, connection, socketId }: onTokenSyncPayload<CollabContext>): Promise<CollabContext> {
    const document = parseRoomDocumentName(documentName);
    const current = context.participant;
    if (!document || !current) throw new RoomRefusal(ROOM_CLOSE_REASONS.TOKEN_INVALID, 'no session to refresh');
    const claims = await this.verify(token, document.room);
    if (claims.sub !== current.id || claims.role !== current.role) {
      throw new RoomRefusal(ROOM_CLOSE_REASONS.TOKEN_MISMATCH, 'the new token is for another participant');
    }
    const participant = participantOf(claims);
    this.scheduleExpiry(`${socketId} ${documentName}`, connection, participant.expiresAt);
    return { participant };
  }

  async onDisconnect({ socketId, documentName }: onDisconnectPayload<CollabContext>): Promise<void> {
    const key = `${socketId} ${documentName}`;
    clearTimeout(this.expiryTimers.get(key));
    this.expiryTimers.delete(key);
  }

  private async verify(token: string, room: string): Promise<RoomTokenClaims> {
    try {
      return await verifyRoomToken(token, this.options.keys, { room, ...(this.options.issuer ? { issuer: this.options.issuer } : {}) });
    } catch (error) {
      if (isDuetError(error, 'FORBIDDEN')) throw new RoomRefusal(ROOM_CLOSE_REASONS.WRONG_ROOM, error.message);
      if (isDuetError(error) && /expired/.test(error.message)) throw new RoomRefusal(ROOM_CLOSE_REASONS.TOKEN_EXPIRED, error.message);
      throw new RoomRefusal(ROOM_CLOSE_REASONS.TOKEN_INVALID, error instanceof Error ? error.message : 'invalid token');
    }
  }

  private scheduleExpiry(key: string, connection: { close(event?: { code: number; reason: string }): void }, expiresAt: number): void {
    clearTimeout(this.expiryTimers.get(key));
    const delay = Math.max(0, expiresAt * 1000 - Date.now());
    const timer = setTimeout(() => connection.close(ROOM_CLOSE_REASONS.TOKEN_EXPIRED), Math.min(delay, 2 ** 31 - 1));
    timer.unref();
    this.expiryTimers.set(key, timer);
  }
}

function participantOf(claims: RoomTokenClaims): Participant {
  return { id: claims.sub, name: claims.name, role: claims.role, room: claims.room, expiresAt: claims.exp };
}

/**
 * The service's HTTP API beside the WebSocket, for the marketplace (bearer secret):
 *   GET  /healthz                                  → { ok, documents }
 *   POST /v1/rooms/:room/events {events?, meta?}   → appends events / sets meta as the service
 *   GET  /v1/rooms/:room/timeline[?document=notes] → every change with author and time, and the snapshots
 *
 * The timeline also answers a room token (Bearer) for that room carrying the `report` permission
 * (interviewers: the widget's replay); the notes' timeline only an interviewer's. Any other token is
 * refused (401 unreadable or expired, 403 another room, no `report`). Browsers call it from the
 * host page's origin: CORS is open for it (bearer tokens, no cookies).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Extension, Hocuspocus, onRequestPayload } from '@hocuspocus/server';
import { type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { hasRoomPermission, verifyRoomToken } from '@duet/sdk/room';
import { SERVICE_CONTEXT } from './participant.js';
import { appendEvents, setMeta } from './room-events.js';
import { roomDocumentName } from './room-documents.js';
import type { TimelineStore } from './store/timeline-store.js';

const MAX_BODY = 1 << 20;
const eventsBody = z
  .object({
    events: z.array(z.object({ type: z.string().min(1).max(64), at: z.string().min(1).max(40) }).passthrough()).max(1000).optional(),
    meta: z.record(z.string().max(64), z.unknown()).optional(),
  })
  .strict();

export class ServiceApi implements Extension {
  extensionName = 'service-api';

  constructor(
    private readonly store: TimelineStore,
    private readonly secret: string | undefined,
    /** The marketplace's room-token keys: the timeline also answers an interviewer's room token. */
    private readonly roomTokens?: { keys: JSONWebKeySet | JWTVerifyGetKey; issuer?: string },
  ) {}

  async onRequest({ request, response, instance }: onRequestPayload): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://collab');
    if (url.pathname === '/healthz') {
      send(response, 200, { ok: true, documents: instance.getDocumentsCount(), connections: instance.getConnectionsCount() });
      throw null; // answered: no further handler
    }
    const match = /^\/v1\/rooms\/([A-Za-z0-9_-]{1,100})\/(events|timeline)$/.exec(url.pathname);
    if (!match) return;
    const [, room = '', what] = match;
    const notes = url.searchParams.get('document') === 'notes';
    if (what === 'timeline') {
      response.setHeader('access-control-allow-origin', '*');
      response.setHeader('access-control-allow-headers', 'authorization');
      response.setHeader('access-control-allow-methods', 'GET, OPTIONS');
      if (request.method === 'OPTIONS') {
        response.writeHead(204).end();
        throw null;
      }
    }
    const secretOk = !!this.secret && authorized(request.headers.authorization, this.secret);
    if (!secretOk && what === 'timeline' && request.method === 'GET' && this.roomTokens && bearerOf(request.headers.authorization)) {
      const refusal = await this.roomTokenRefusal(bearerOf(request.headers.authorization)!, room, notes);
      if (refusal) {
        send(response, refusal.status, { error: refusal });
        throw null;
      }
      try {
        await this.getTimeline(room, notes, response);
      } catch (error) {
        send(response, 500, { error: { code: 'INTERNAL', message: error instanceof Error ? error.message : 'internal error' } });
      }
      throw null;
    }
    if (!secretOk) {
      send(response, 401, { error: { code: 'UNAUTHORIZED', message: 'missing or wrong bearer secret (DUET_COLLAB_SECRET)' } });
      throw null;
    }
    try {
      if (what === 'events' && request.method === 'POST') await this.postEvents(instance, room, request, response);
      else if (what === 'timeline' && request.method === 'GET') await this.getTimeline(room, notes, response);
      else send(response, 405, { error: { code: 'BAD_REQUEST', message: `${request.method} is not allowed here` } });
    } catch (error) {
      send(response, 500, { error: { code: 'INTERNAL', message: error instanceof Error ? error.message : 'internal error' } });
    }
    throw null;
  }

  /** Why a room token may not read this room's timeline, or null when it may. */
  private async roomTokenRefusal(token: string, room: string, notes: boolean): Promise<{ status: number; code: string; message: string } | null> {
    let claims;
    try {
      claims = await verifyRoomToken(token, this.roomTokens!.keys, { ...(this.roomTokens!.issuer ? { issuer: this.roomTokens!.issuer } : {}) });
    } catch (error) {
      return { status: 401, code: 'UNAUTHORIZED', message: `not the service secret nor a valid room token: ${error instanceof Error ? error.message : 'invalid'}` };
    }
    if (claims.room !== room) return { status: 403, code: 'FORBIDDEN', message: 'the room token is for another room' };
    if (!hasRoomPermission(claims, 'report')) return { status: 403, code: 'FORBIDDEN', message: `a ${claims.role}'s token cannot read the timeline (it needs the report permission)` };
    if (notes && claims.role !== 'interviewer') return { status: 403, code: 'FORBIDDEN', message: "the notes are the interviewers'" };
    return null;
  }

  private async postEvents(instance: Hocuspocus, room: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = eventsBody.safeParse(await readJson(request));
    if (!body.success) {
      const issue = body.error.issues[0];
      return send(response, 400, { error: { code: 'BAD_REQUEST', message: `${issue?.path.join('.') || '(body)'}: ${issue?.message}` } });
    }
    const connection = await instance.openDirectConnection(roomDocumentName(room), SERVICE_CONTEXT);
    try {
      await connection.transact((doc) => {
        if (body.data.events?.length) appendEvents(doc, body.data.events);
        if (body.data.meta) setMeta(doc, body.data.meta);
      });
    } finally {
      await connection.disconnect();
    }
    send(response, 200, { ok: true });
  }

  private async getTimeline(room: string, notes: boolean, response: ServerResponse): Promise<void> {
    const document = roomDocumentName(room, notes ? 'notes' : 'room');
    const [updates, snapshots] = await Promise.all([this.store.history(document), this.store.snapshots(document)]);
    send(response, 200, {
      document,
      updates: updates.map((u) => ({ id: u.id, at: u.at.toISOString(), author: u.author, role: u.role, update: Buffer.from(u.update).toString('base64') })),
      snapshots: snapshots.map((s) => ({ upto: s.upto, at: s.at.toISOString(), state: Buffer.from(s.state).toString('base64') })),
    });
  }
}

function bearerOf(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
}

function authorized(header: string | undefined, secret: string): boolean {
  const token = bearerOf(header);
  if (!token) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(token), digest(secret));
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error(`request body over ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    return Symbol('not JSON'); // fails the schema with a clear message
  }
}

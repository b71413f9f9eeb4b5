/**
 * The room's collaborative document, written through a real collaboration service (services/hocuspocus)
 * started here: meta at creation, a `run` event when a run is accepted, a `result` event when it is
 * judged, `meta.state = ended` and an `ended` event when the room ends; and the room-ended hook.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createCollabServer, type CollabServer } from '@duet/collab';
import type { RoomView } from '@duet/sdk/api';
import { bearer } from './support/market.js';
import { KADANE, PACK, PROBLEM, roomsFixture, type RoomsFixture } from './support/rooms.js';

const SECRET = 'collab-secret-for-tests-0123456789';
let collab: CollabServer;
let collabUrl: string;
let collabDir: string;
let f: RoomsFixture;
const ended: RoomView[] = [];

beforeAll(async () => {
  collabDir = await mkdtemp(join(tmpdir(), 'collab-'));
  collab = await createCollabServer({ port: 0, host: '127.0.0.1', jwksUrl: 'http://unused.test/jwks', issuer: 'http://market.test', dataDir: collabDir, keys: { keys: [] }, secret: SECRET });
  collabUrl = `http://127.0.0.1:${await collab.listen()}`;
  f = await roomsFixture({ env: { COLLAB_URL: collabUrl, COLLAB_SECRET: SECRET }, roomEndedHooks: [{ onRoomEnded: (room) => void ended.push(room) }] });
}, 60_000);

afterAll(async () => {
  await f?.t.close();
  await collab?.close();
  await rm(collabDir, { recursive: true, force: true });
});

/** The room document as the service stores it: every update of its timeline applied in order. */
async function roomDocument(roomId: string): Promise<{ meta: Record<string, unknown>; events: Array<Record<string, unknown>> }> {
  const response = await fetch(`${collabUrl}/v1/rooms/${roomId}/timeline`, { headers: { authorization: `Bearer ${SECRET}` } });
  expect(response.status).toBe(200);
  const { updates } = (await response.json()) as { updates: Array<{ update: string }> };
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, Buffer.from(u.update, 'base64'));
  return { meta: doc.getMap('meta').toJSON(), events: doc.getArray('events').toJSON() as Array<Record<string, unknown>> };
}

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const value = await probe();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  return probe();
}

test('meta at creation, run and result events, the end', async () => {
  const room = await f.t.caller(f.key).rooms.create({ pack: PACK, problem: PROBLEM, mode: 'interview', durationSeconds: 1800, participants: [{ id: 'u_ada', name: 'Ada', role: 'candidate' }, { name: 'Grace', role: 'interviewer' }] });
  expect(room.collab).toEqual({ url: collabUrl.replace('http', 'ws'), document: `room:${room.id}` });
  await f.t.services.collab.idle();
  const created = await roomDocument(room.id);
  expect(created.meta).toMatchObject({ problem: PROBLEM, pack: `${PACK}@0.1.0`, mode: 'interview', state: 'open', language: 'python', durationSeconds: 1800, startedAt: room.startedAt, endsAt: room.endsAt });

  const run = await f.t.caller(bearer(room.tokens![0]!.token)).runs.create({ kind: 'sample', code: KADANE });
  const withResult = await eventually(() => roomDocument(room.id), (d) => d.events.some((e) => e.type === 'result'));
  expect(withResult.events).toEqual([
    { type: 'run', at: expect.any(String), run: run.id, kind: 'sample', user: 'u_ada' },
    { type: 'result', at: expect.any(String), run: run.id, verdict: 'AC', passed: run.total, total: run.total },
  ]);

  await f.t.caller(bearer(room.tokens![1]!.token)).rooms.end({ roomId: room.id });
  await f.t.services.collab.idle();
  const after = await roomDocument(room.id);
  expect(after.meta.state).toBe('ended');
  expect(after.events.at(-1)).toEqual({ type: 'ended', at: expect.any(String), by: room.tokens![1]!.userId });
  expect(ended.map((r) => [r.id, r.state])).toEqual([[room.id, 'ended']]);
});

test('an unreachable collaboration service never slows or fails a request', async () => {
  const offline = await roomsFixture({ env: { COLLAB_URL: 'http://127.0.0.1:9', COLLAB_SECRET: SECRET } });
  try {
    const started = performance.now();
    const room = await offline.t.caller(offline.key).rooms.create({ pack: PACK, problem: PROBLEM, mode: 'pair' });
    expect((await offline.t.caller(offline.key).rooms.end({ roomId: room.id })).state).toBe('ended');
    expect(performance.now() - started).toBeLessThan(1000);
    await offline.t.services.collab.idle();
  } finally {
    await offline.t.close();
  }
});

test('without COLLAB_URL the room works and nothing is posted', async () => {
  const plain = await roomsFixture();
  try {
    const room = await plain.t.caller(plain.key).rooms.create({ pack: PACK, problem: PROBLEM, mode: 'pair' });
    expect(room.collab).toEqual({ document: `room:${room.id}` });
    expect((await plain.t.caller(plain.key).rooms.end({ roomId: room.id })).state).toBe('ended');
    expect((await roomDocument(room.id)).events).toEqual([]);
  } finally {
    await plain.t.close();
  }
});

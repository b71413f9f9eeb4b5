/**
 * A room's end to end report: a candidate edits through a real collaboration service with a room
 * token, submits, an interviewer ends the room; the report is built from the room's real history
 * and stored, `reports.get` serves it (never to the candidate), and the `room.ended` webhook
 * carries its summary.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider } from '@hocuspocus/provider';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createCollabServer, type CollabServer } from '@duet/collab';
import { createDuetClient } from '@duet/sdk';
import { loadRoomTokenSigner } from '../src/auth/room-token-signer.js';
import { bearer } from './support/market.js';
import { KADANE, PACK, PROBLEM, roomsFixture, type RoomsFixture } from './support/rooms.js';

const SECRET = 'collab-secret-for-report-tests-0123';
const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
let collab: CollabServer;
let collabUrl: string;
let dirs: string[] = [];
let f: RoomsFixture;
let receiver: Server;
let receiverUrl: string;
const received: Array<{ type: string; data: Record<string, unknown> }> = [];

beforeAll(async () => {
  const collabDir = await mkdtemp(join(tmpdir(), 'collab-'));
  const keyDir = await mkdtemp(join(tmpdir(), 'keys-'));
  dirs = [collabDir, keyDir];
  // The collaboration service trusts the marketplace's key, as it would through its JWKS URL.
  const { signer } = await loadRoomTokenSigner({ pem, dataDir: keyDir, issuer: 'unused' });
  collab = await createCollabServer({ port: 0, host: '127.0.0.1', jwksUrl: 'http://unused.test/jwks', dataDir: collabDir, keys: signer.jwks(), secret: SECRET });
  collabUrl = `http://127.0.0.1:${await collab.listen()}`;
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  f = await roomsFixture({ listen: true, env: { COLLAB_URL: collabUrl, COLLAB_SECRET: SECRET, DUET_ROOM_TOKEN_KEY: pem } });
}, 60_000);

afterAll(async () => {
  await f?.t.close();
  await collab?.close();
  await new Promise((resolve) => receiver?.close(resolve));
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** Joins the room document as the token's participant and waits until the service has it in sync. */
async function joinRoom(roomId: string, token: string): Promise<HocuspocusProvider> {
  const provider = new HocuspocusProvider({ url: collabUrl.replace('http', 'ws'), name: `room:${roomId}`, token });
  await new Promise<void>((resolve, reject) => {
    provider.on('synced', () => resolve());
    provider.on('authenticationFailed', ({ reason }: { reason: string }) => reject(new Error(reason)));
  });
  return provider;
}

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('ending a room builds its report from the real history; the webhook carries the summary; candidates cannot read it', async () => {
  await f.t.caller(f.key).webhooks.endpoints.create({ url: receiverUrl, events: ['room.ended'] });
  const room = await f.t.caller(f.key).rooms.create({
    pack: PACK,
    problem: PROBLEM,
    mode: 'interview',
    participants: [{ id: 'u_ada', name: 'Ada', role: 'candidate' }, { id: 'u_grace', name: 'Grace', role: 'interviewer' }],
  });
  const [candidate, interviewer] = room.tokens!;

  // The candidate types a line, then the rest of the solution arrives at once (no paste event): a bulk insert.
  const pad = await joinRoom(room.id, candidate!.token);
  const code = pad.document.getText('code');
  code.insert(0, 'def max_subarray(nums):\n');
  await until(() => (pad.unsyncedChanges === 0 ? true : undefined));
  await new Promise((r) => setTimeout(r, 300));
  code.insert(code.length, KADANE.slice('def max_subarray(nums):\n'.length));
  await until(() => (pad.unsyncedChanges === 0 ? true : undefined));
  expect(code.toString()).toBe(KADANE);

  const run = await f.t.caller(bearer(candidate!.token)).runs.create({ kind: 'submit', code: code.toString() });
  await until(async () => ((await f.t.caller(f.key).runs.get({ runId: run.id })).status === 'done' ? true : undefined), 120_000);
  pad.destroy();

  await f.t.caller(bearer(interviewer!.token)).rooms.end({ roomId: room.id });

  const report = await f.t.caller(bearer(interviewer!.token)).reports.get({ roomId: room.id });
  expect(report.finalCode).toBe(KADANE);
  expect(report.candidate?.name).toBe('Ada');
  expect(report.outcome.status).toBe('accepted');
  expect(report.problem.id).toBe(PROBLEM);
  expect(report.signals.map((s) => s.kind)).toContain('bulk-insert');
  expect(report.metrics.submits).toBe(1);

  const hook = await until(() => received.find((r) => r.type === 'room.ended'));
  expect(hook.data).toMatchObject({ room: { id: room.id, state: 'ended' }, report: { room: room.id, problem: PROBLEM, candidate: 'Ada', outcome: { status: 'accepted' } } });

  // The SDK, as the interviewer's browser holds it: the report, and a link to its PDF that works without credentials.
  const sdk = createDuetClient({ baseUrl: f.t.url, token: interviewer!.token });
  expect((await sdk.reports.get(room.id)).finalCode).toBe(KADANE);
  const link = await sdk.reports.shareLink({ roomId: room.id, ttlSeconds: 600 });
  expect(Date.parse(link.expiresAt) - Date.now()).toBeLessThanOrEqual(600_000);
  const pdf = await fetch(`${f.t.url}${new URL(link.url).pathname}${new URL(link.url).search}`);
  expect(pdf.status).toBe(200);
  expect(pdf.headers.get('content-type')).toContain('application/pdf');
  expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  await expect(createDuetClient({ baseUrl: f.t.url, token: candidate!.token }).reports.get(room.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });

  await expect(f.t.caller(bearer(candidate!.token)).reports.get({ roomId: room.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  await expect(f.t.caller(bearer(candidate!.token)).reports.shareLink({ roomId: room.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
}, 240_000);

/**
 * Every refusal of the rooms, runs and webhooks procedures, each with its code: no or bad
 * credentials, another org's key, a key without the scope, another room's token, an observer
 * running code, a token without `submit`, an ended room, code over the cap (413 naming it), the
 * org's rate limit (429 with Retry-After), a paid pack without entitlement.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiKeyFor, bearer, personWithOrg } from './support/market.js';
import { KADANE, PACK, PROBLEM, roomsFixture, type RoomsFixture } from './support/rooms.js';
import { seedVersion } from './support/seed.js';

let f: RoomsFixture;
let other: string;
let otherKey: string;
let roomId: string;
let otherRoomId: string;
let tokens: { candidate: string; interviewer: string; observer: string };
let otherRoomToken: string;

beforeAll(async () => {
  f = await roomsFixture({ database: 'postgres', listen: true, env: { DUET_MARKET_RUNS_PER_MINUTE: '4', DUET_MARKET_MAX_CODE_KB: '1' } });
  other = await personWithOrg(f.t, 'user_other', 'globex');
  otherKey = await apiKeyFor(f.t, other, 'globex', ['rooms:write', 'runs:write', 'webhooks:write']);
  const room = await f.t.caller(f.key).rooms.create({
    pack: PACK, problem: PROBLEM, mode: 'interview',
    participants: [{ name: 'Ada', role: 'candidate' }, { name: 'Grace', role: 'interviewer' }, { name: 'Olga', role: 'observer' }],
  });
  roomId = room.id;
  const [candidate, interviewer, observer] = room.tokens!.map((t) => bearer(t.token));
  tokens = { candidate: candidate!, interviewer: interviewer!, observer: observer! };
  const otherRoom = await f.t.caller(otherKey).rooms.create({ pack: PACK, problem: PROBLEM, mode: 'pair', participants: [{ name: 'Eve', role: 'interviewer' }] });
  otherRoomId = otherRoom.id;
  otherRoomToken = bearer(otherRoom.tokens![0]!.token);
}, 60_000);
afterAll(() => f?.t.close());

describe('rooms refuse', () => {
  test('callers without credentials, with a tampered token, or with a revoked key', async () => {
    await expect(f.t.caller().rooms.get({ roomId })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const [h, p, s] = tokens.candidate.slice('Bearer '.length).split('.');
    const tampered = `Bearer ${h}.${p}.${s!.slice(0, -4)}AAAA`;
    await expect(f.t.caller(tampered).rooms.get({ roomId })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const revoked = await f.t.caller(f.owner).orgs.apiKeys.create({ org: 'acme', name: 'gone', scopes: ['rooms:write'] });
    await f.t.caller(f.owner).orgs.apiKeys.revoke({ org: 'acme', id: revoked.id });
    await expect(f.t.caller(bearer(revoked.key)).rooms.create({ pack: PACK, problem: PROBLEM, mode: 'pair' })).rejects.toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringContaining('revoked') });
  });

  test("another org's key, a key without rooms:write, and room tokens cannot create, read, mint or end", async () => {
    await expect(f.t.caller(otherKey).rooms.get({ roomId })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('another org') });
    await expect(f.t.caller(otherKey).rooms.end({ roomId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(f.t.caller(otherKey).rooms.token({ roomId, name: 'Mallory', role: 'interviewer' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const readOnly = await apiKeyFor(f.t, f.owner, 'acme', ['packs:read']);
    await expect(f.t.caller(readOnly).rooms.create({ pack: PACK, problem: PROBLEM, mode: 'pair' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('rooms:write') });
    await expect(f.t.caller(tokens.interviewer).rooms.create({ pack: PACK, problem: PROBLEM, mode: 'pair' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(f.t.caller(tokens.interviewer).rooms.token({ roomId, name: 'Friend', role: 'interviewer' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(f.t.caller(otherRoomToken).rooms.get({ roomId })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('for room') });
    await expect(f.t.caller(tokens.candidate).rooms.end({ roomId })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('"end"') });
  });

  test('a paid pack without an entitlement is PAYMENT_REQUIRED; with one it opens', async () => {
    await seedVersion(f.t.services, { name: '@globex/paid' });
    await f.t.services.prisma.pack.update({ where: { scope_name: { scope: 'globex', name: 'paid' } }, data: { access: 'PAID' } });
    await expect(f.t.caller(f.key).rooms.create({ pack: '@globex/paid', problem: PROBLEM, mode: 'pair' })).rejects.toMatchObject({ code: 'PAYMENT_REQUIRED', message: expect.stringContaining('@globex/paid') });
    expect((await f.t.caller(otherKey).rooms.create({ pack: '@globex/paid', problem: PROBLEM, mode: 'pair' })).state).toBe('open');
  });

  test('unknown packs, problems and malformed specs are named', async () => {
    await expect(f.t.caller(f.key).rooms.create({ pack: 'basics', problem: PROBLEM, mode: 'pair' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('scoped pack spec') });
    await expect(f.t.caller(f.key).rooms.create({ pack: PACK, problem: 'nope', mode: 'pair' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('no problem "nope"') });
    await expect(f.t.caller(f.key).rooms.get({ roomId: 'rm_missing' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('runs refuse', () => {
  test('an observer, a token without submit, another room, another org', async () => {
    await expect(f.t.caller(tokens.observer).runs.create({ kind: 'sample', code: KADANE })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('"run"') });
    const { token } = await f.t.services.signer.sign({ room: roomId, org: 'acme', user: 'u_runner', name: 'Runner', role: 'candidate', permissions: ['view', 'run'] });
    await expect(f.t.caller(bearer(token)).runs.create({ kind: 'submit', code: KADANE })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('"submit"') });
    await expect(f.t.caller(tokens.candidate).runs.create({ roomId: otherRoomId, kind: 'sample', code: KADANE })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(f.t.caller(otherKey).runs.create({ roomId, kind: 'sample', code: KADANE })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(f.t.caller(f.key).runs.create({ kind: 'sample', code: KADANE })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('roomId') });
    // Another room's run is invisible to a token.
    const run = await f.t.caller(otherRoomToken).runs.create({ kind: 'custom', code: KADANE, stdin: '[[1]]' });
    await expect(f.t.caller(tokens.candidate).runs.get({ runId: run.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(f.t.caller(otherKey).runs.get({ runId: run.id })).resolves.toMatchObject({ id: run.id });
  });

  test('code over the cap is 413 naming the limit; the org rate limit is 429 with Retry-After (REST)', async () => {
    const post = (body: unknown, auth = tokens.candidate) =>
      fetch(`${f.t.url}/api/v1/runs`, { method: 'POST', headers: { authorization: auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const big = await post({ kind: 'sample', code: `# ${'x'.repeat(2000)}\n${KADANE}` });
    expect(big.status).toBe(413);
    const bigBody = (await big.json()) as { message: string; data: { duetCode: string } };
    expect(bigBody.data.duetCode).toBe('PAYLOAD_TOO_LARGE');
    expect(bigBody.message).toMatch(/over the 1 KiB cap .*DUET_MARKET_MAX_CODE_KB/);
    expect(JSON.stringify(bigBody)).not.toMatch(/ at .*\.ts:/);

    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 8 && !limited; i++) {
      const response = await post({ kind: 'custom', code: KADANE, stdin: '[[2]]' });
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    expect(limited?.status).toBe(429);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await limited!.json()) as { message: string }).message).toContain('rate limit');
  });

  test('an ended room refuses runs with CONFLICT', async () => {
    const room = await f.t.caller(otherKey).rooms.create({ pack: PACK, problem: PROBLEM, mode: 'pair', participants: [{ name: 'Ada', role: 'candidate' }] });
    await f.t.caller(otherKey).rooms.end({ roomId: room.id });
    await expect(f.t.caller(bearer(room.tokens![0]!.token)).runs.create({ kind: 'sample', code: KADANE })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('webhooks refuse', () => {
  test('room tokens, keys without webhooks:write, and members who are not admins', async () => {
    await expect(f.t.caller(tokens.interviewer).webhooks.endpoints.list({})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const readOnly = await apiKeyFor(f.t, f.owner, 'acme', ['rooms:write']);
    await expect(f.t.caller(readOnly).webhooks.endpoints.create({ url: 'http://127.0.0.1:9/x' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('webhooks:write') });
    await expect(f.t.caller(otherKey).webhooks.endpoints.list({ org: 'acme' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const { id } = await f.t.caller(f.key).webhooks.endpoints.create({ url: 'http://127.0.0.1:9/x' });
    await expect(f.t.caller(otherKey).webhooks.endpoints.delete({ endpointId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

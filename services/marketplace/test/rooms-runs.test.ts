import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { RunEvent, RunView } from '@duet/sdk/run';
import { bearer } from './support/market.js';
import { KADANE, PACK, PROBLEM, roomsFixture, WRONG, type RoomsFixture } from './support/rooms.js';

let f: RoomsFixture;
beforeAll(async () => {
  f = await roomsFixture({ database: 'postgres', listen: true });
}, 60_000);
afterAll(() => f?.t.close());

async function waitDone(auth: string, runId: string): Promise<RunView> {
  for (let i = 0; i < 300; i++) {
    const view = await f.t.caller(auth).runs.get({ runId });
    if (view.status === 'done') return view as RunView;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`run ${runId} not done in 30 s`);
}

describe('rooms', () => {
  test('create resolves the range to an exact version, shows the public problem only, and mints participant tokens', async () => {
    const room = await f.t.caller(f.key).rooms.create({
      pack: `${PACK}@^0.1`, problem: PROBLEM, mode: 'interview', durationSeconds: 3600,
      participants: [{ name: 'Ada', role: 'candidate' }, { name: 'Grace', role: 'interviewer' }],
    });
    expect(room).toMatchObject({ org: 'acme', pack: `${PACK}@0.1.0`, problem: PROBLEM, mode: 'interview', state: 'open', durationSeconds: 3600, collab: { document: `room:${room.id}` } });
    expect(Date.parse(room.endsAt!) - Date.parse(room.startedAt!)).toBe(3600_000);
    expect(room.statement.title).toBe('Maximum Subarray');
    expect(room.statement.samples.length).toBeGreaterThan(0);
    expect(room.statement.starterCode).toContain('def max_subarray');
    expect(room.statement.complexity).toEqual({ time: 'O(n)', space: 'O(1)' });
    // Never the hidden tests or the submissions.
    const json = JSON.stringify(room);
    expect(json).not.toContain('kadane');
    expect(json).not.toMatch(/secret/);
    expect(room.tokens?.map((t) => t.role)).toEqual(['candidate', 'interviewer']);
    const { claims } = await import('@duet/sdk/room').then(async (m) => ({ claims: await m.verifyRoomToken(room.tokens![0]!.token, f.t.services.signer.jwks(), { issuer: f.t.services.signer.issuer }) }));
    expect(claims).toMatchObject({ room: room.id, org: 'acme', name: 'Ada', role: 'candidate', perms: ['view', 'edit', 'run', 'submit'] });

    // A token reads its own room.
    const got = await f.t.caller(bearer(room.tokens![0]!.token)).rooms.get({ roomId: room.id });
    expect(got.id).toBe(room.id);
    const minted = await f.t.caller(f.key).rooms.token({ roomId: room.id, name: 'Obs', role: 'observer', ttlSeconds: 600 });
    expect(Date.parse(minted.expiresAt) - Date.now()).toBeGreaterThan(590_000);
  });

  test('a sample run through a candidate token: stored, judged in-process, streamed with tracked ids, resumable', async () => {
    const room = await f.t.caller(f.key).rooms.create({ pack: PACK, problem: PROBLEM, mode: 'pair', participants: [{ name: 'Ada', role: 'candidate' }] });
    const ada = bearer(room.tokens![0]!.token);
    const created = await f.t.caller(ada).runs.create({ kind: 'sample', code: KADANE });
    expect(created).toMatchObject({ status: 'queued', kind: 'sample', tests: [] });
    expect(created.total).toBe(room.statement.samples.length);

    // A caller (no HTTP) gets the tracked envelopes themselves: [id, event].
    const events: Array<{ id: string; data: RunEvent }> = [];
    const stream = await f.t.caller(ada).runs.stream({ runId: created.id });
    for await (const [id, data] of stream as AsyncIterable<[string, RunEvent]>) {
      events.push({ id, data });
      if (data.type === 'done') break;
    }
    expect(events.map((e) => e.id)).toEqual([...Array.from({ length: created.total }, (_, i) => `t${i}`), 'done']);
    const done = events.at(-1)!.data as Extract<RunEvent, { type: 'done' }>;
    expect(done.result).toMatchObject({ verdict: 'AC', passed: created.total, total: created.total });

    // Resuming after the first test replays the rest only.
    const resumed: string[] = [];
    for await (const [id] of (await f.t.caller(ada).runs.stream({ runId: created.id, lastEventId: 't0' })) as AsyncIterable<[string]>) resumed.push(id);
    expect(resumed).toEqual([...Array.from({ length: created.total - 1 }, (_, i) => `t${i + 1}`), 'done']);

    const view = await f.t.caller(f.key).runs.get({ runId: created.id });
    expect(view).toMatchObject({ status: 'done', result: { verdict: 'AC' } });
    const row = await f.t.services.prisma.run.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({ state: 'DONE', verdict: 'AC', attempts: 1 });
    expect(row.judgeMs).toBeGreaterThan(0);
  });

  test('a wrong sample run is WA with the diff; a custom run takes stdin; a submit judges the hidden tests with figures only', async () => {
    const room = await f.t.caller(f.key).rooms.create({ pack: PACK, problem: PROBLEM, mode: 'practice' });
    const wrong = await waitDone(f.key, (await f.t.caller(f.key).runs.create({ roomId: room.id, kind: 'sample', code: WRONG })).id);
    expect(wrong.result?.verdict).toBe('WA');
    expect(wrong.tests[0]?.stdout).toBeDefined();
    const custom = await waitDone(f.key, (await f.t.caller(f.key).runs.create({ roomId: room.id, kind: 'custom', code: KADANE, stdin: '[[1, -2, 3]]' })).id);
    expect(custom.result).toMatchObject({ verdict: 'AC', total: 1 });
    expect(custom.tests[0]?.message).toBe('returned 3');
    await expect(f.t.caller(f.key).runs.create({ roomId: room.id, kind: 'custom', code: KADANE, stdin: 'not json' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('JSON array') });
    const submit = await waitDone(f.key, (await f.t.caller(f.key).runs.create({ roomId: room.id, kind: 'submit', code: WRONG })).id);
    expect(submit.result?.verdict).toBe('WA');
    expect(submit.tests.every((t) => t.stdout === undefined && t.coarse === true)).toBe(true);
  }, 60_000);

  test('end: the room is ended once, later runs and tokens are refused with CONFLICT, and the hook-free end is idempotent', async () => {
    const room = await f.t.caller(f.key).rooms.create({ pack: PACK, problem: PROBLEM, mode: 'pair', participants: [{ name: 'Grace', role: 'interviewer' }] });
    const grace = bearer(room.tokens![0]!.token);
    const ended = await f.t.caller(grace).rooms.end({ roomId: room.id });
    expect(ended).toMatchObject({ state: 'ended' });
    expect(ended.endedAt).toBeDefined();
    expect((await f.t.caller(f.key).rooms.end({ roomId: room.id })).endedAt).toBe(ended.endedAt);
    await expect(f.t.caller(grace).runs.create({ kind: 'sample', code: KADANE })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('has ended') });
    await expect(f.t.caller(f.key).rooms.token({ roomId: room.id, name: 'Late', role: 'candidate' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  test('REST twins: runs.create over /api/v1 and the run\'s events as plain SSE, resumable with Last-Event-ID', async () => {
    const room = await f.t.caller(f.key).rooms.create({ pack: PACK, problem: PROBLEM, mode: 'pair' });
    const headers = { authorization: f.key, 'content-type': 'application/json' };
    const created = (await (await fetch(`${f.t.url}/api/v1/runs`, { method: 'POST', headers, body: JSON.stringify({ roomId: room.id, kind: 'sample', code: KADANE }) })).json()) as RunView;
    expect(created.status).toBe('queued');
    const events = await fetch(`${f.t.url}/api/v1/runs/${created.id}/events`, { headers: { authorization: f.key } });
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    const text = await events.text();
    expect(text.match(/^event: \w+$/gm)).toEqual([...Array(created.total).fill('event: test'), 'event: done']);
    expect(text).toContain('id: t0');
    const resumed = await (await fetch(`${f.t.url}/api/v1/runs/${created.id}/events`, { headers: { authorization: f.key, 'last-event-id': `t${created.total - 1}` } })).text();
    expect(resumed.match(/^event: \w+$/gm)).toEqual(['event: done']);
    const view = (await (await fetch(`${f.t.url}/api/v1/runs/${created.id}`, { headers: { authorization: f.key } })).json()) as RunView;
    expect(view.result?.verdict).toBe('AC');
    const refused = await fetch(`${f.t.url}/api/v1/runs/${created.id}/events`);
    expect(refused.status).toBe(401);
  });

  test('an EventSource-style subscription (no headers) authenticates with connectionParams.token', async () => {
    const room = await f.t.caller(f.key).rooms.create({ pack: PACK, problem: PROBLEM, mode: 'pair', participants: [{ name: 'Ada', role: 'candidate' }] });
    const token = room.tokens![0]!.token;
    const run = await f.t.caller(bearer(token)).runs.create({ kind: 'custom', code: KADANE, stdin: '[[4]]' });
    const url = (params?: object) => `${f.t.url}/trpc/runs.stream?input=${encodeURIComponent(JSON.stringify({ runId: run.id }))}${params ? `&connectionParams=${encodeURIComponent(JSON.stringify(params))}` : ''}`;
    const text = await (await fetch(url({ token }))).text();
    expect(text).toContain('id: done');
    const refused = await (await fetch(url())).text();
    expect(refused).toContain('event: serialized-error');
    expect(refused).not.toContain('id: done');
  });

  test('a timed room out of time refuses runs, and the sweep ends it (by the timer)', async () => {
    const room = await f.t.caller(f.key).rooms.create({ pack: PACK, problem: PROBLEM, mode: 'assessment', durationSeconds: 60, participants: [{ name: 'Ada', role: 'candidate' }] });
    await f.t.services.prisma.room.update({ where: { id: room.id }, data: { endsAt: new Date(Date.now() - 1000) } });
    await expect(f.t.caller(bearer(room.tokens![0]!.token)).runs.create({ kind: 'sample', code: KADANE })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('out of time') });
    const { endExpiredRooms } = await import('../src/rooms/end-room.js');
    expect(await endExpiredRooms(f.t.services)).toBeGreaterThanOrEqual(1);
    expect(await f.t.services.prisma.room.findUniqueOrThrow({ where: { id: room.id } })).toMatchObject({ state: 'ENDED', endedBy: 'timer' });
  });
});

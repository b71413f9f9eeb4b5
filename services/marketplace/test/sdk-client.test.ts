/** `createDuetClient` against a real marketplace over HTTP: typed answers, DuetErrors with their codes, the resumable stream. */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDuetClient, type DuetClient } from '@duet/sdk';
import { DuetError, type RunEvent } from '@duet/sdk/run';
import { KADANE, PACK, PROBLEM, roomsFixture, type RoomsFixture } from './support/rooms.js';

let f: RoomsFixture;
let duet: DuetClient;
beforeAll(async () => {
  f = await roomsFixture({ database: 'postgres', listen: true, env: { DUET_MARKET_RUNS_PER_MINUTE: '6' } });
  duet = createDuetClient({ baseUrl: f.t.url, apiKey: f.key.slice('Bearer '.length) });
}, 60_000);
afterAll(() => f?.t.close());

test('packs.search and packs.get by spec', async () => {
  const found = await duet.packs.search({ q: 'subarray' });
  expect(found.items.map((p) => p.name)).toContain(PACK);
  expect((await duet.packs.get(`${PACK}@^0.1`)).version).toBe('0.1.0');
  await expect(duet.packs.get('basics')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  await expect(duet.packs.get('@acme/nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
});

test('refusals are DuetErrors with the code; a rate-limited call carries retryAfterSeconds', async () => {
  const room = await duet.rooms.create({ pack: PACK, problem: PROBLEM, mode: 'pair', participants: [{ name: 'Olga', role: 'observer' }, { name: 'Ada', role: 'candidate' }] });
  const observer = createDuetClient({ baseUrl: f.t.url, token: room.tokens![0]!.token });
  expect((await observer.rooms.get(room.id)).id).toBe(room.id);
  const refused = await observer.runs.create({ kind: 'sample', code: KADANE }).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(DuetError);
  expect(refused).toMatchObject({ code: 'FORBIDDEN', status: 403 });
  expect(() => createDuetClient({ baseUrl: f.t.url, apiKey: 'k', token: 't' })).toThrow(/not both/);

  const ada = createDuetClient({ baseUrl: f.t.url, token: room.tokens![1]!.token });
  const run = await ada.runs.create({ kind: 'sample', code: KADANE });
  // Follow the stream to the first test, drop it, resume after that test: nothing repeats, nothing is missed.
  const first: RunEvent[] = [];
  for await (const event of ada.runs.stream(run.id)) {
    first.push(event);
    break;
  }
  expect(first[0]).toMatchObject({ type: 'test', index: 0 });
  const rest: RunEvent[] = [];
  for await (const event of ada.runs.stream(run.id, { lastEventId: 't0' })) rest.push(event);
  expect(rest.map((e) => (e.type === 'test' ? e.index : 'done'))).toEqual([...Array.from({ length: run.total - 1 }, (_, i) => i + 1), 'done']);
  expect((await ada.runs.get(run.id)).status).toBe('done');

  let limited: unknown;
  for (let i = 0; i < 10 && !limited; i++) await ada.runs.create({ kind: 'custom', code: KADANE, stdin: '[[1]]' }).catch((e: unknown) => (limited = e));
  expect(limited).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  expect((limited as DuetError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
});

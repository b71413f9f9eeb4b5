/**
 * The widget's way in: the real tRPC client (`@trpc/client`) with `httpSubscriptionLink` over an
 * EventSource (the `eventsource` package, as in a browser: no headers, the room token in
 * connectionParams) follows runs.stream with its tracked ids and gets every test, then done.
 */
import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { EventSource } from 'eventsource';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RunEvent } from '@duet/sdk/run';
import type { AppRouter } from '../src/root.js';
import { KADANE, PACK, PROBLEM, roomsFixture, type RoomsFixture } from './support/rooms.js';

let f: RoomsFixture;
beforeAll(async () => {
  f = await roomsFixture({ database: 'postgres', listen: true });
}, 60_000);
afterAll(() => f?.t.close());

test('httpSubscriptionLink with connectionParams streams a run as tracked events', async () => {
  const room = await f.t.caller(f.key).rooms.create({ pack: PACK, problem: PROBLEM, mode: 'pair', participants: [{ name: 'Ada', role: 'candidate' }] });
  const token = room.tokens![0]!.token;
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({ url: `${f.t.url}/trpc`, EventSource, connectionParams: () => ({ token }) }),
        false: httpLink({ url: `${f.t.url}/trpc`, headers: () => ({ authorization: `Bearer ${token}` }) }),
      }),
    ],
  });
  const run = await client.runs.create.mutate({ kind: 'sample', code: KADANE });
  const seen: Array<{ id: string; event: RunEvent }> = [];
  await new Promise<void>((resolve, reject) => {
    const subscription = client.runs.stream.subscribe(
      { runId: run.id },
      {
        onData: ({ id, data }) => {
          seen.push({ id, event: data as RunEvent });
          if ((data as RunEvent).type === 'done') {
            subscription.unsubscribe();
            resolve();
          }
        },
        onError: reject,
      },
    );
    setTimeout(() => reject(new Error('no done event within 30 s')), 30_000).unref();
  });
  expect(seen.map((s) => s.id)).toEqual([...Array.from({ length: run.total }, (_, i) => `t${i}`), 'done']);
  expect(seen.at(-1)!.event).toMatchObject({ type: 'done', result: { verdict: 'AC' } });
  expect((await client.rooms.get.query({ roomId: room.id })).id).toBe(room.id);
});

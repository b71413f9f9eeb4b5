import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { initTRPC, TRPCError, tracked } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { ApiError, sseMessages, trpcHttp } from './trpc-http.js';

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

describe('sseMessages', () => {
  test('frames messages across chunk boundaries, with CRLF, comments, ids and named events', async () => {
    const messages = [];
    for await (const m of sseMessages(streamOf('event: connected\ndata: {}\n\n: ping\n\nid: 1\nda', 'ta: {"a":1}\r\n\r\nid: 2\ndata: line1\ndata: line2\n\nevent: return\ndata:\n\n'))) messages.push(m);
    expect(messages).toEqual([
      { event: 'connected', data: '{}' },
      { event: 'message', id: '1', data: '{"a":1}' },
      { event: 'message', id: '2', data: 'line1\nline2' },
      { event: 'return', data: '' },
    ]);
  });
});

// Against a real tRPC v11 server: the wire format the marketplace speaks.
describe('trpcHttp against @trpc/server', () => {
  const t = initTRPC.context<{ auth?: string }>().create();
  const router = t.router({
    echo: t.procedure.input(z.object({ n: z.number() })).query(({ ctx, input }) => ({ n: input.n, auth: ctx.auth })),
    double: t.procedure.input(z.object({ n: z.number() })).mutation(({ input }) => input.n * 2),
    refuse: t.procedure.mutation(() => {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'observers cannot run' });
    }),
    count: t.procedure.input(z.object({ to: z.number(), lastEventId: z.string().optional() })).subscription(async function* ({ input }) {
      for (let i = input.lastEventId ? Number(input.lastEventId) + 1 : 0; i < input.to; i++) yield tracked(String(i), { i });
    }),
  });
  const server = createServer(createHTTPHandler({ router, basePath: '/trpc/', createContext: ({ req }) => ({ auth: req.headers.authorization }) }));
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/trpc`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test('queries and mutations carry the bearer and return the data', async () => {
    const client = trpcHttp(base, () => 'tok');
    expect(await client.query('echo', { n: 3 })).toEqual({ n: 3, auth: 'Bearer tok' });
    expect(await client.mutation('double', { n: 21 })).toBe(42);
  });

  test('refusals become ApiError with the tRPC code and HTTP status', async () => {
    const error = await trpcHttp(base, () => 'tok').mutation('refuse', undefined).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'FORBIDDEN', httpStatus: 403, message: 'observers cannot run' });
  });

  test('subscriptions yield tracked events in order, resume after lastEventId, and end', async () => {
    const client = trpcHttp(base, () => 'tok');
    const all = [];
    for await (const event of client.subscribe<{ i: number }>('count', { to: 3 })) all.push(event);
    expect(all).toEqual([{ id: '0', data: { i: 0 } }, { id: '1', data: { i: 1 } }, { id: '2', data: { i: 2 } }]);
    const resumed = [];
    for await (const event of client.subscribe<{ i: number }>('count', { to: 3, lastEventId: '1' })) resumed.push(event.data.i);
    expect(resumed).toEqual([2]);
  });
});

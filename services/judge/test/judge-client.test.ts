/**
 * The SDK's judge client (`@duet/sdk/run`) against the real judge service: submit, follow events,
 * resume after a dropped stream, wait, and the closed set of error codes.
 */
import { describe, expect, it } from 'vitest';
import { DuetError, type RunEvent, createJudgeClient } from '@duet/sdk/run';
import { SECRET, sleepBundle, startServer } from './server-support.js';

describe('createJudgeClient', () => {
  it('submits, streams each test then done, and waits for the same result', async () => {
    const { url } = await startServer();
    const client = createJudgeClient({ baseUrl: url, secret: SECRET });
    const { id } = await client.submit(sleepBundle([0.05, 0.05, 0]));
    const seen: RunEvent[] = [];
    for await (const event of client.events(id)) seen.push(event);
    expect(seen.map((e) => e.type)).toEqual(['test', 'test', 'test', 'done']);
    expect(seen.slice(0, 3).map((e) => (e.type === 'test' ? e.index : -1))).toEqual([0, 1, 2]);
    const done = seen[3];
    expect(done?.type === 'done' && done.result.verdict).toBe('AC');
    // A finished run replays to late readers; wait() returns the same result.
    const waited = await client.wait(id);
    expect(waited.verdict).toBe('AC');
    expect(waited.tests.map((t) => t.name)).toEqual(['t0', 't1', 't2']);
    expect((await client.get(id)).status).toBe('done');
  });

  it('resumes after the last event it saw (Last-Event-ID) without duplicates', async () => {
    const { url } = await startServer();
    const client = createJudgeClient({ baseUrl: url, secret: SECRET });
    const { id } = await client.submit(sleepBundle([0, 0, 0, 0]));
    await client.wait(id);
    const resumed: RunEvent[] = [];
    for await (const event of client.events(id, { lastEventId: '1' })) resumed.push(event);
    expect(resumed.map((e) => (e.type === 'test' ? e.index : 'done'))).toEqual([2, 3, 'done']);
  });

  it('run() streams events to onEvent and returns the result', async () => {
    const { url } = await startServer();
    const client = createJudgeClient({ baseUrl: url, secret: SECRET });
    const events: string[] = [];
    const result = await client.run(sleepBundle([0, 0]), { onEvent: (e) => events.push(e.type) });
    expect(result.verdict).toBe('AC');
    expect(events).toEqual(['test', 'test', 'done']);
  });

  it('maps API errors to DuetError codes: wrong secret, invalid bundle, unknown run, full queue, unreachable judge', async () => {
    const { url } = await startServer({ concurrency: 1, queueLimit: 0 });
    const wrong = createJudgeClient({ baseUrl: url, secret: 'not-the-secret-at-all' });
    await expect(wrong.get('x')).rejects.toMatchObject({ name: 'DuetError', code: 'UNAUTHORIZED', status: 401 });

    const client = createJudgeClient({ baseUrl: url, secret: SECRET });
    const invalid = { ...sleepBundle([0]), limits: { time_ms: 0, memory_mb: 64, output_kb: 64 } };
    await expect(client.submit(invalid)).rejects.toMatchObject({ code: 'BUNDLE_INVALID', message: expect.stringMatching(/^limits\.time_ms/) });
    await expect(client.get('no-such-run')).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const running = await client.submit(sleepBundle([1]));
    const full = await client.submit(sleepBundle([0])).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(full).toBeInstanceOf(DuetError);
    expect(full).toMatchObject({ code: 'QUEUE_FULL', status: 503 });
    expect((full as DuetError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await client.wait(running.id);

    const closedPort = createJudgeClient({ baseUrl: 'http://127.0.0.1:9', secret: SECRET });
    await expect(closedPort.get('x')).rejects.toMatchObject({ code: 'NETWORK' });
  });
});

import type { RunResult, TestResult } from '@duet/sdk/judge';
import { describe, expect, it } from 'vitest';
import type { RunView } from '@duet/sdk/run';
import { AUTH, postRun, readEvents, sleepBundle, startServer, submit, waitForRun } from './server-support.js';

const parse = <T>(data: string): T => JSON.parse(data) as T;

describe('judge API: server-sent events', () => {
  it('streams each test as it finishes, in order, then done, then closes', async () => {
    const { url } = await startServer();
    const id = await submit(url, sleepBundle([0.4, 0.4, 0.4]));
    const { status, contentType, events } = await readEvents(url, id);
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/event-stream/);
    expect(events.map((e) => [e.event, e.id])).toEqual([
      ['test', '0'],
      ['test', '1'],
      ['test', '2'],
      ['done', undefined],
    ]);
    const tests = events.slice(0, 3).map((e) => parse<TestResult>(e.data));
    expect(tests.map((t) => [t.name, t.verdict])).toEqual([
      ['t0', 'AC'],
      ['t1', 'AC'],
      ['t2', 'AC'],
    ]);
    const done = parse<RunResult>(events[3]!.data);
    expect(done).toMatchObject({ verdict: 'AC', passed: 3, total: 3 });
    expect(done.tests).toEqual(tests);
    // Live delivery: the first test arrives well before the run is done (each test sleeps 0.4 s).
    expect(events[3]!.at - events[0]!.at).toBeGreaterThan(500);
  });

  it('replays everything to a subscriber that arrives after the run finished', async () => {
    const { url } = await startServer();
    const response = await postRun(url, sleepBundle([0, 0]), '?wait=1');
    const view = (await response.json()) as RunView;
    const first = await readEvents(url, view.id);
    const second = await readEvents(url, view.id);
    for (const { events } of [first, second]) {
      expect(events.map((e) => e.event)).toEqual(['test', 'test', 'done']);
      expect(parse<RunResult>(events[2]!.data)).toEqual(view.result);
      expect(events.slice(0, 2).map((e) => parse<TestResult>(e.data))).toEqual(view.tests);
    }
  });

  it('replays the tests so far to a subscriber joining mid-run, without gaps or duplicates', async () => {
    const { url } = await startServer();
    const id = await submit(url, sleepBundle([0, 0, 1, 0]));
    await waitForRun(url, id, (v) => v.tests.length >= 2 && v.status === 'running');
    const { events } = await readEvents(url, id);
    expect(events.map((e) => e.id ?? e.event)).toEqual(['0', '1', '2', '3', 'done']);
    expect(events.slice(0, 4).map((e) => parse<TestResult>(e.data).name)).toEqual(['t0', 't1', 't2', 't3']);
  });

  it('resumes after Last-Event-ID', async () => {
    const { url } = await startServer();
    const view = (await (await postRun(url, sleepBundle([0, 0, 0]), '?wait=1')).json()) as RunView;
    const { events } = await readEvents(url, view.id, { 'last-event-id': '0' });
    expect(events.map((e) => e.id ?? e.event)).toEqual(['1', '2', 'done']);
  });

  it('gives several concurrent subscribers the same stream', async () => {
    const { url } = await startServer();
    const id = await submit(url, sleepBundle([0.2, 0.2]));
    const streams = await Promise.all([readEvents(url, id), readEvents(url, id), readEvents(url, id)]);
    const shapes = streams.map((s) => s.events.map((e) => `${e.event}:${e.data}`));
    expect(shapes[0]).toHaveLength(3);
    expect(shapes[1]).toEqual(shapes[0]);
    expect(shapes[2]).toEqual(shapes[0]);
  });

  it('requires auth and a known run', async () => {
    const { url } = await startServer();
    const id = await submit(url, sleepBundle([0]));
    expect((await fetch(`${url}/v1/runs/${id}/events`)).status).toBe(401);
    expect((await fetch(`${url}/v1/runs/${id}x/events`, { headers: AUTH })).status).toBe(404);
    await waitForRun(url, id, (v) => v.status === 'done');
  });
});

import { describe, expect, it } from 'vitest';
import type { RunView } from '@duet/sdk/run';
import { getRun, postRun, readEvents, sleepBundle, startServer, submit, waitForRun } from './server-support.js';

describe('judge API: queue', () => {
  it('answers 503 QUEUE_FULL with Retry-After when the queue is full, and accepts again once it drains', async () => {
    const { url } = await startServer({ concurrency: 1, queueLimit: 1 });
    const running = await submit(url, sleepBundle([2.5]));
    await waitForRun(url, running, (v) => v.status === 'running');
    const queued = await submit(url, sleepBundle([0]));
    const view = (await getRun(url, queued)).body;
    expect(view).toMatchObject({ status: 'queued', queue_position: 0, tests: [] });

    const rejected = await postRun(url, sleepBundle([0]));
    expect(rejected.status).toBe(503);
    expect(Number(rejected.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await rejected.json()).toMatchObject({ error: { code: 'QUEUE_FULL', message: expect.stringContaining('1 running, 1 queued') } });
    const health = (await (await fetch(`${url}/healthz`)).json()) as { queue: object };
    expect(health.queue).toMatchObject({ queued: 1, running: 1 });

    expect((await waitForRun(url, running, (v) => v.status === 'done')).result?.verdict).toBe('AC');
    expect((await waitForRun(url, queued, (v) => v.status === 'done')).result?.verdict).toBe('AC');
    expect((await postRun(url, sleepBundle([0]), '?wait=1')).status).toBe(200);
  });

  it('judges up to `concurrency` runs at once', async () => {
    const { url } = await startServer({ concurrency: 2, queueLimit: 4 });
    const ids = await Promise.all([1, 2, 3].map(() => submit(url, sleepBundle([1]))));
    await waitForRun(url, ids[0]!, (v) => v.status === 'running');
    await waitForRun(url, ids[1]!, (v) => v.status === 'running');
    expect((await getRun(url, ids[2]!)).body.status).toBe('queued');
    const views = await Promise.all(ids.map((id) => waitForRun(url, id, (v) => v.status === 'done')));
    // The third run started only after one of the first two finished.
    const firstFinish = Math.min(...views.slice(0, 2).map((v) => Date.parse(v.finished_at!)));
    expect(Date.parse(views[2]!.started_at!)).toBeGreaterThanOrEqual(firstFinish);
  });

  it('forgets finished results after resultTtlMs', async () => {
    const { url } = await startServer({ resultTtlMs: 400 });
    const view = (await (await postRun(url, sleepBundle([0]), '?wait=1')).json()) as RunView;
    expect((await getRun(url, view.id)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect((await getRun(url, view.id)).status).toBe(404);
  });

  it('keeps at most maxResults finished results, evicting the oldest', async () => {
    const { url } = await startServer({ maxResults: 2, concurrency: 1 });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(((await (await postRun(url, sleepBundle([0]), '?wait=1')).json()) as RunView).id);
    expect((await getRun(url, ids[0]!)).status).toBe(404);
    expect((await getRun(url, ids[1]!)).status).toBe(200);
    expect((await getRun(url, ids[2]!)).status).toBe(200);
  });
});

describe('judge API: shutdown', () => {
  it('drains: refuses new runs, lets running runs finish, ends waiting runs as IE and closes streams', async () => {
    const { app, url } = await startServer({ concurrency: 1, shutdownGraceMs: 20_000 });
    const running = await submit(url, sleepBundle([1]));
    await waitForRun(url, running, (v) => v.status === 'running');
    const waiting = await submit(url, sleepBundle([0]));
    const runningEvents = readEvents(url, running);
    const waitingEvents = readEvents(url, waiting);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const closed = app.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const refused = await postRun(url, sleepBundle([0]));
    expect(refused.status).toBe(503);
    expect(await refused.json()).toMatchObject({ error: { code: 'SHUTTING_DOWN' } });

    const [finished, failed] = await Promise.all([runningEvents, waitingEvents]);
    await closed;
    expect(JSON.parse(finished.events.at(-1)!.data)).toMatchObject({ verdict: 'AC', passed: 1 });
    expect(JSON.parse(failed.events.at(-1)!.data)).toMatchObject({ verdict: 'IE', internal_error: 'the judge shut down before the run started' });
  });

  it('aborts runs still going when the grace period ends', async () => {
    const { app, url } = await startServer({ concurrency: 1, shutdownGraceMs: 200 });
    const id = await submit(url, sleepBundle([1.8, 1.8]));
    await waitForRun(url, id, (v) => v.status === 'running');
    const events = readEvents(url, id);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    await app.close();
    expect(performance.now() - started).toBeLessThan(3_000);
    const done = JSON.parse((await events).events.at(-1)!.data) as { verdict: string; internal_error: string };
    expect(done).toMatchObject({ verdict: 'IE', internal_error: 'the judge shut down during the run' });
  });
});

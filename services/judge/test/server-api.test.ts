import { describe, expect, it } from 'vitest';
import { createSandboxDriver } from '@duet/judge-engine';
import type { RunView } from '@duet/sdk/run';
import { createJudgeServer, JudgeConfigError } from '../src/index.js';
import { AUTH, JSON_AUTH, SECRET, getRun, postRun, sleepBundle, startServer, waitForRun } from './server-support.js';

describe('judge API: authentication', () => {
  it('answers 401 on every /v1 route without the right bearer token, before reading the body', async () => {
    const { url } = await startServer();
    const attempts: Array<[string, RequestInit]> = [
      ['/v1/runs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' }],
      ['/v1/runs', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer wrong-secret-0123456789' }, body: '{}' }],
      ['/v1/runs', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Basic ${SECRET}` }, body: '{}' }],
      ['/v1/runs', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${SECRET}x` }, body: '{}' }],
      ['/v1/runs/some-id', { headers: { authorization: `Bearer ${SECRET.slice(0, -1)}` } }],
      ['/v1/runs/some-id/events', {}],
    ];
    for (const [path, init] of attempts) {
      const response = await fetch(`${url}${path}`, init);
      expect(response.status, `${init.method ?? 'GET'} ${path}`).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await response.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('serves /healthz without auth, with sandbox availability and queue depth', async () => {
    const { url } = await startServer({ concurrency: 3, queueLimit: 7 });
    const response = await fetch(`${url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      sandbox: { ok: true },
      queue: { queued: 0, running: 0, finished: 0, concurrency: 3, queue_limit: 7 },
    });
  });

  it('refuses weak secrets and bad limits at construction', () => {
    const driver = createSandboxDriver();
    expect(() => createJudgeServer({ secret: 'short', driver })).toThrow(JudgeConfigError);
    expect(() => createJudgeServer({ secret: SECRET, driver, concurrency: 0 })).toThrow(/concurrency: must be an integer ≥ 1/);
    expect(() => createJudgeServer({ secret: SECRET, driver, queueLimit: 1.5 })).toThrow(/queueLimit/);
  });
});

describe('judge API: request errors', () => {
  it('answers 400 BUNDLE_INVALID naming the field', async () => {
    const { url } = await startServer();
    const bad = async (bundle: unknown): Promise<string> => {
      const response = await postRun(url, bundle);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('BUNDLE_INVALID');
      return body.error.message;
    };
    expect(await bad({ ...sleepBundle([0]), limits: { time_ms: 0, memory_mb: 64, output_kb: 64 } })).toMatch(/^limits\.time_ms: /);
    expect(await bad({ ...sleepBundle([0]), tests: [] })).toMatch(/^tests: .*at least one test/);
    expect(await bad({ ...sleepBundle([0]), tests: [{ name: 'x', input: '' }] })).toBe('tests.0.answer: required for sample runs');
    expect(await bad({ ...sleepBundle([0]), language: 'ruby' })).toMatch(/^language: /);
    expect(await bad([1, 2])).toMatch(/^\(root\): /);
  });

  it('answers 400 INPUT_INVALID for a custom input that does not fit a function problem: the user\'s mistake, not IE', async () => {
    const { url } = await startServer();
    const custom = { ...sleepBundle([0]), kind: 'custom', interface: { type: 'function', entry: 'solve' }, tests: [{ name: 'custom', input: '3 4' }] };
    const response = await postRun(url, custom);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: { code: 'INPUT_INVALID', message: expect.stringMatching(/^tests\.0\.input: this is a function problem: the input must be a JSON array of the arguments/) },
    });
  });

  it('answers 400 BUNDLE_INVALID for malformed or empty JSON, 415 for other media types', async () => {
    const { url } = await startServer();
    const malformed = await fetch(`${url}/v1/runs`, { method: 'POST', headers: JSON_AUTH, body: '{"kind": "sample",' });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { code: 'BUNDLE_INVALID', message: expect.stringContaining('not valid JSON') } });
    const empty = await fetch(`${url}/v1/runs`, { method: 'POST', headers: JSON_AUTH, body: '' });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ error: { code: 'BUNDLE_INVALID' } });
    const text = await fetch(`${url}/v1/runs`, { method: 'POST', headers: { ...AUTH, 'content-type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(415);
    expect(await text.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('answers 413 PAYLOAD_TOO_LARGE over the body limit', async () => {
    const { url } = await startServer({ bodyLimitBytes: 4096 });
    const bundle = sleepBundle([0]);
    bundle.tests[0]!.input = 'x'.repeat(10_000);
    const response = await postRun(url, bundle);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: 'request body over 4096 bytes' } });
  });

  it('answers 404 NOT_FOUND for unknown runs and routes', async () => {
    const { url } = await startServer();
    const run = await getRun(url, 'no-such-run');
    expect(run.status).toBe(404);
    expect(run.body.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('no-such-run') });
    const events = await fetch(`${url}/v1/runs/no-such-run/events`, { headers: AUTH });
    expect(events.status).toBe(404);
    const route = await fetch(`${url}/v2/anything`, { headers: AUTH });
    expect(route.status).toBe(404);
    expect(await route.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('judge API: runs', () => {
  it('queues a run (202 + Location) and serves its result when done', async () => {
    const { url } = await startServer();
    const bundle = sleepBundle([0, 0, 0]);
    bundle.tests[1]!.answer = 'something else\n';
    const response = await postRun(url, bundle);
    expect(response.status).toBe(202);
    const { id, status } = (await response.json()) as { id: string; status: string };
    expect(['queued', 'running']).toContain(status);
    expect(response.headers.get('location')).toBe(`/v1/runs/${id}`);

    const view = await waitForRun(url, id, (v) => v.status === 'done');
    expect(view).toMatchObject({ id, kind: 'sample', total: 3 });
    expect(view.result).toMatchObject({ verdict: 'WA', passed: 2, total: 3 });
    expect(view.tests.map((t) => t.verdict)).toEqual(['AC', 'WA', 'AC']);
    expect(view.tests[1]).toMatchObject({ name: 't1', stdout: 'ok1\n' });
    expect(view.tests[1]!.message).toContain('String tokens mismatch');
    expect(view.result!.tests).toEqual(view.tests);
    expect(Date.parse(view.finished_at!)).toBeGreaterThanOrEqual(Date.parse(view.created_at));
  });

  it('returns the finished result synchronously with ?wait=1', async () => {
    const { url } = await startServer();
    const response = await postRun(url, { ...sleepBundle([0]), code: 'def f(:\n  pass\n' }, '?wait=1');
    expect(response.status).toBe(200);
    const view = (await response.json()) as RunView;
    expect(view.status).toBe('done');
    expect(view.result).toMatchObject({ verdict: 'CE', compile_error: { line: 1 } });
    expect((await getRun(url, view.id)).body).toEqual(view);
  });

  it('judges function problems end to end', async () => {
    const { url } = await startServer();
    const bundle = {
      ...sleepBundle([0]),
      code: 'def add(a, b):\n    return a + b\n',
      interface: { type: 'function', entry: 'add' },
      tests: [
        { name: 'small', input: '[1, 2]', answer: '3' },
        { name: 'float', input: '[0.1, 0.2]', answer: '0.3' },
      ],
      checker: { type: 'default', flags: { float_tolerance: 1e-9 } },
    };
    const response = await postRun(url, bundle, '?wait=1');
    const view = (await response.json()) as RunView;
    expect(view.result).toMatchObject({ verdict: 'AC', passed: 2 });
  });
});

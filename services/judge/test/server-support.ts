/** Fixtures for the HTTP API tests: a real server on port 0 with the real sandbox driver. */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, onTestFinished } from 'vitest';
import { createSandboxDriver } from '@duet/judge-engine';
import type { DuetErrorBody, RunBundle, RunView } from '@duet/sdk/run';
import { createJudgeServer, type JudgeServerOptions } from '../src/index.js';

/** A run view, or an error body for non-200 answers. */
export type RunReply = RunView & Partial<DuetErrorBody>;

export const SECRET = 'test-secret-0123456789abcdef';
export const AUTH = { authorization: `Bearer ${SECRET}` };
export const JSON_AUTH = { ...AUTH, 'content-type': 'application/json' };
// As the service runs (DUET_JUDGE_WARM_SANDBOXES=1): runs take pre-started sandboxes.
const driver = createSandboxDriver({ warmSandboxes: 1 });
// close() hanging is caught by engine-warm-pool.test.ts; here only a loaded CI machine's slowness is allowed for.
afterAll(() => driver.close(), 30_000);

export interface TestServer {
  app: FastifyInstance;
  url: string;
}

/** Starts a judge server on 127.0.0.1:0; it is closed when the test finishes. */
export async function startServer(opts: Partial<JudgeServerOptions> = {}): Promise<TestServer> {
  const app = createJudgeServer({ secret: SECRET, driver, ...opts });
  onTestFinished(async () => {
    await app.close();
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}` };
}

/**
 * A stdio program driven by its input `<seconds> <word>`: sleeps, then prints the word. Sleeping
 * costs no CPU, so tests can make runs slow without hitting the CPU limit.
 */
export const SLEEP_THEN_ECHO = 'import sys, time\nseconds, word = sys.stdin.readline().split()\ntime.sleep(float(seconds))\nprint(word)\n';

export function sleepBundle(seconds: number[], over: Partial<RunBundle> = {}): RunBundle {
  return {
    kind: 'sample',
    language: 'python',
    code: SLEEP_THEN_ECHO,
    interface: { type: 'stdio' },
    tests: seconds.map((s, i) => ({ name: `t${i}`, input: `${s} ok${i}\n`, answer: `ok${i}\n` })),
    limits: { time_ms: 2000, memory_mb: 64, output_kb: 64 },
    checker: { type: 'default' },
    ...over,
  };
}

export async function postRun(url: string, bundle: unknown, query = ''): Promise<Response> {
  return fetch(`${url}/v1/runs${query}`, { method: 'POST', headers: JSON_AUTH, body: JSON.stringify(bundle) });
}

/** Submits and returns the new run's id (asserting 202). */
export async function submit(url: string, bundle: unknown): Promise<string> {
  const response = await postRun(url, bundle);
  const body = (await response.json()) as { id: string };
  if (response.status !== 202) throw new Error(`expected 202, got ${response.status}: ${JSON.stringify(body)}`);
  return body.id;
}

export async function getRun(url: string, id: string): Promise<{ status: number; body: RunReply }> {
  const response = await fetch(`${url}/v1/runs/${id}`, { headers: AUTH });
  return { status: response.status, body: (await response.json()) as RunReply };
}

/** Polls until `predicate` holds for the run view (or throws after `timeoutMs`). */
export async function waitForRun(url: string, id: string, predicate: (view: RunView) => boolean, timeoutMs = 30_000): Promise<RunView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, body } = await getRun(url, id);
    if (status === 200 && predicate(body)) return body;
    if (Date.now() > deadline) throw new Error(`run ${id} never matched; last: ${status} ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface SseEvent {
  event: string;
  id?: string;
  data: string;
  /** ms since the stream was opened, to check live (not batched) delivery. */
  at: number;
}

/** Reads an SSE stream to its end (the server closes it after `done`). */
export async function readEvents(url: string, id: string, headers: Record<string, string> = {}): Promise<{ status: number; contentType: string | null; events: SseEvent[] }> {
  const started = performance.now();
  const response = await fetch(`${url}/v1/runs/${id}/events`, { headers: { ...AUTH, ...headers } });
  const contentType = response.headers.get('content-type');
  if (!response.ok || !response.body) return { status: response.status, contentType, events: [] };
  const events: SseEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let split: number;
    while ((split = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, split);
      buffer = buffer.slice(split + 2);
      const event: SseEvent = { event: 'message', data: '', at: performance.now() - started };
      let hasData = false;
      for (const line of block.split('\n')) {
        if (line.startsWith(':') || line.startsWith('retry:')) continue;
        const colon = line.indexOf(':');
        const field = line.slice(0, colon);
        const value = line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event.event = value;
        else if (field === 'id') event.id = value;
        else if (field === 'data') {
          event.data += (hasData ? '\n' : '') + value;
          hasData = true;
        }
      }
      if (hasData) events.push(event);
    }
  }
  return { status: response.status, contentType, events };
}

/**
 * A small fetch-based client for the judge's HTTP API (`services/judge`): submit a bundle, read a
 * run, follow its events over Server-Sent Events (resuming with Last-Event-ID after a dropped
 * connection), wait for the result. Works wherever `fetch` and web streams exist (Node 22, browsers).
 */
import type { RunResult } from '../judge/verdict.js';
import type { RunBundle } from './bundle.js';
import { DuetError, isDuetErrorCode } from './errors.js';
import type { RunEvent, RunView } from './run-view.js';
import { type SseMessage, sseMessages } from './sse-messages.js';

export interface JudgeClientOptions {
  /** e.g. `http://127.0.0.1:4100` (no trailing `/v1`). */
  baseUrl: string;
  /** The judge's shared secret (sent as `Authorization: Bearer …`). */
  secret: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Reconnections of one event stream before giving up (default 5). */
  maxReconnects?: number;
}

export interface JudgeClient {
  /** Queues a run; resolves with its id once the judge accepted it (202). */
  submit(bundle: RunBundle, options?: { signal?: AbortSignal }): Promise<{ id: string }>;
  get(id: string, options?: { signal?: AbortSignal }): Promise<RunView>;
  /** Each test as it finishes, then `done`; replays what already happened. */
  events(id: string, options?: { signal?: AbortSignal; lastEventId?: string }): AsyncIterable<RunEvent>;
  /** Follows the run's events until it is done and returns the result. */
  wait(id: string, options?: { signal?: AbortSignal; onEvent?: (event: RunEvent) => void }): Promise<RunResult>;
  /** submit + wait. */
  run(bundle: RunBundle, options?: { signal?: AbortSignal; onEvent?: (event: RunEvent) => void }): Promise<RunResult>;
}

export function createJudgeClient(options: JudgeClientOptions): JudgeClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const maxReconnects = options.maxReconnects ?? 5;
  const auth = { authorization: `Bearer ${options.secret}` };

  const request = async (path: string, init: RequestInit): Promise<Response> => {
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, { ...init, headers: { ...auth, ...(init.headers as Record<string, string>) } });
    } catch (error) {
      if (init.signal?.aborted) throw init.signal.reason ?? error;
      throw new DuetError('NETWORK', `cannot reach the judge at ${base}: ${(error as Error).message}`, { cause: error });
    }
    if (!response.ok) throw await errorFrom(response);
    return response;
  };

  const client: JudgeClient = {
    async submit(bundle, opts = {}) {
      const response = await request('/v1/runs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(bundle),
        ...(opts.signal ? { signal: opts.signal } : {}),
      });
      const body = (await response.json()) as { id?: unknown };
      if (typeof body.id !== 'string') throw new DuetError('NETWORK', 'the judge answered a submit without a run id');
      return { id: body.id };
    },

    async get(id, opts = {}) {
      const response = await request(`/v1/runs/${encodeURIComponent(id)}`, { method: 'GET', ...(opts.signal ? { signal: opts.signal } : {}) });
      return (await response.json()) as RunView;
    },

    async *events(id, opts = {}) {
      let lastEventId = opts.lastEventId;
      for (let attempt = 0; ; attempt++) {
        const headers: Record<string, string> = { accept: 'text/event-stream' };
        if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
        let response: Response;
        try {
          response = await request(`/v1/runs/${encodeURIComponent(id)}/events`, { method: 'GET', headers, ...(opts.signal ? { signal: opts.signal } : {}) });
        } catch (error) {
          if (error instanceof DuetError && error.code === 'NETWORK' && attempt < maxReconnects) {
            await pause(Math.min(2000, 100 * 2 ** attempt), opts.signal);
            continue;
          }
          throw error;
        }
        let finished = false;
        for await (const message of sseMessages(response.body, opts.signal)) {
          const event = toRunEvent(message);
          if (!event) continue;
          if (event.type === 'test') lastEventId = String(event.index);
          yield event;
          if (event.type === 'done') {
            finished = true;
            break;
          }
        }
        if (finished) return;
        if (opts.signal?.aborted) throw opts.signal.reason;
        if (attempt >= maxReconnects) throw new DuetError('NETWORK', `the judge's event stream for run ${id} ended before the run was done`);
        await pause(Math.min(2000, 100 * 2 ** attempt), opts.signal);
      }
    },

    async wait(id, opts = {}) {
      for await (const event of client.events(id, opts.signal ? { signal: opts.signal } : {})) {
        opts.onEvent?.(event);
        if (event.type === 'done') return event.result;
      }
      throw new DuetError('NETWORK', `the judge's event stream for run ${id} ended without a result`);
    },

    async run(bundle, opts = {}) {
      const { id } = await client.submit(bundle, opts.signal ? { signal: opts.signal } : {});
      return client.wait(id, opts);
    },
  };
  return client;
}

async function errorFrom(response: Response): Promise<DuetError> {
  const retryAfter = Number(response.headers.get('retry-after'));
  const extra = Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {};
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; id?: unknown } } | undefined)?.error;
  if (error && isDuetErrorCode(error.code) && typeof error.message === 'string') {
    return new DuetError(error.code, error.message, { ...extra, ...(typeof error.id === 'string' ? { id: error.id } : {}) });
  }
  return new DuetError('NETWORK', `the judge answered HTTP ${response.status} without an API error body`, extra);
}

function toRunEvent(message: SseMessage): RunEvent | undefined {
  if (message.event === 'test' && message.id !== undefined) {
    return { type: 'test', index: Number(message.id), result: JSON.parse(message.data) };
  }
  if (message.event === 'done') return { type: 'done', result: JSON.parse(message.data) };
  return undefined;
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

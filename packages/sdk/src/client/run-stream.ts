/**
 * `runs.stream` as an async iterator: tRPC's SSE subscription read with fetch (so the credentials
 * travel in the Authorization header), each tracked event's id remembered, and a dropped
 * connection resumed with `lastEventId` so nothing is missed or repeated.
 */
import { duetErrorFromApi, type ApiErrorData } from '../api/errors.js';
import type { RunEvent } from '../run/run-view.js';
import { DuetError } from '../run/errors.js';
import { sseMessages } from '../run/sse-messages.js';
import type { TrpcHttp } from './trpc-http.js';

export interface RunStreamOptions {
  signal?: AbortSignal;
  /** Resume after this event id (`t<index>`). */
  lastEventId?: string;
  /** Reconnections before giving up (default 5). */
  maxReconnects?: number;
}

export async function* streamRun(http: TrpcHttp, fetchImpl: typeof fetch, runId: string, options: RunStreamOptions = {}): AsyncGenerator<RunEvent> {
  let lastEventId = options.lastEventId;
  const maxReconnects = options.maxReconnects ?? 5;
  for (let attempt = 0; ; attempt++) {
    const { url, headers } = http.subscriptionRequest('runs.stream', { runId, ...(lastEventId ? { lastEventId } : {}) });
    let response: Response | undefined;
    try {
      response = await fetchImpl(url, { headers, ...(options.signal ? { signal: options.signal } : {}) });
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason ?? error;
      if (attempt >= maxReconnects) throw new DuetError('NETWORK', `cannot reach the marketplace to follow run ${runId}: ${(error as Error).message}`);
    }
    if (response && !response.ok) await http.raise(response);
    if (response?.body) {
      for await (const message of sseMessages(response.body, options.signal)) {
        if (message.event === 'serialized-error') {
          const error = JSON.parse(message.data) as { message?: string; data?: Partial<ApiErrorData> & { code?: string } } | null;
          throw duetErrorFromApi(error?.message ?? 'the run stream failed', error?.data, error?.data?.code);
        }
        if (message.event === 'return') return;
        if (message.event !== undefined && message.event !== 'message') continue; // connected, ping
        const event = JSON.parse(message.data) as RunEvent;
        if (message.id) lastEventId = message.id;
        yield event;
        if (event.type === 'done') return;
      }
    }
    if (options.signal?.aborted) throw options.signal.reason;
    if (attempt >= maxReconnects) throw new DuetError('NETWORK', `the stream of run ${runId} ended before the run was done`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 100 * 2 ** attempt)));
  }
}


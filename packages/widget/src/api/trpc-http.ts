/**
 * tRPC v11's HTTP wire protocol without @trpc/client (it would cost a fifth of the size budget):
 * queries are GET with `?input=<json>`, mutations POST a JSON body, subscriptions are SSE streams of
 * `id:`/`data:` messages framed by `connected` and `return` events. No transformer (plain JSON).
 * Subscriptions read the stream with fetch rather than EventSource so they can carry the bearer
 * header (EventSource cannot send headers).
 */

/** A refusal from the API: tRPC's error code, the HTTP status and Duet's closed-set code. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly httpStatus: number,
    readonly duetCode?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface TrpcErrorShape {
  message?: string;
  data?: { code?: string; httpStatus?: number; duetCode?: string };
}

export interface TrpcHttp {
  query<T>(path: string, input: unknown, signal?: AbortSignal): Promise<T>;
  mutation<T>(path: string, input: unknown, signal?: AbortSignal): Promise<T>;
  /** Yields each message's data (and id) until the server sends `return` or the signal aborts. */
  subscribe<T>(path: string, input: unknown, signal?: AbortSignal): AsyncGenerator<{ id?: string; data: T }>;
}

export function trpcHttp(baseUrl: string, bearer: () => string): TrpcHttp {
  const url = (path: string, input?: unknown) =>
    `${baseUrl.replace(/\/$/, '')}/${path}` + (input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`);
  const headers = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${bearer()}`, ...extra });

  async function answer<T>(response: Response): Promise<T> {
    const body = (await response.json().catch(() => ({}))) as { result?: { data: T }; error?: TrpcErrorShape };
    if (response.ok && body.result) return body.result.data;
    throw toApiError(body.error, response.status);
  }

  return {
    async query(path, input, signal) {
      return answer(await fetch(url(path, input), { headers: headers(), ...(signal ? { signal } : {}) }));
    },
    async mutation(path, input, signal) {
      return answer(
        await fetch(url(path), { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify(input), ...(signal ? { signal } : {}) }),
      );
    },
    async *subscribe<T>(path: string, input: unknown, signal?: AbortSignal) {
      const response = await fetch(url(path, input), { headers: headers({ accept: 'text/event-stream' }), ...(signal ? { signal } : {}) });
      if (!response.ok || !response.body) throw toApiError(((await response.json().catch(() => ({}))) as { error?: TrpcErrorShape }).error, response.status);
      for await (const message of sseMessages(response.body)) {
        if (message.event === 'return') return;
        if (message.event === 'serialized-error') throw toApiError(JSON.parse(message.data) as TrpcErrorShape, 500);
        if (message.event !== 'message' || message.data === '') continue; // connected, ping
        yield { ...(message.id ? { id: message.id } : {}), data: JSON.parse(message.data) as T };
      }
    },
  };
}

function toApiError(error: TrpcErrorShape | undefined, status: number): ApiError {
  return new ApiError(error?.message ?? `HTTP ${status}`, error?.data?.code ?? 'INTERNAL_SERVER_ERROR', error?.data?.httpStatus ?? status, error?.data?.duetCode);
}

interface SseMessage {
  event: string;
  id?: string;
  data: string;
}

/** Parses a text/event-stream body (WHATWG SSE framing: blank-line separated fields). */
export async function* sseMessages(body: ReadableStream<Uint8Array>): AsyncGenerator<SseMessage> {
  const reader = body.pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>).getReader();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n?/g, '\n');
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const message: SseMessage = { event: 'message', data: '' };
        const data: string[] = [];
        for (const line of block.split('\n')) {
          const colon = line.indexOf(':');
          if (colon === 0) continue; // comment
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'data') data.push(value);
          else if (field === 'event') message.event = value;
          else if (field === 'id') message.id = value;
        }
        if (!data.length && message.event === 'message') continue;
        message.data = data.join('\n');
        yield message;
      }
    }
  } finally {
    reader.releaseLock();
    void body.cancel().catch(() => {});
  }
}

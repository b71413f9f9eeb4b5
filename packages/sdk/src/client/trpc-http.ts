/**
 * tRPC v11's HTTP wire format, spoken with plain fetch (no transformer, no batching): a query is
 * `GET <base>/trpc/<path>?input=<json>`, a mutation `POST <base>/trpc/<path>` with the input as
 * the JSON body; answers are `{result: {data}}` or `{error: {message, data}}`.
 */
import { duetErrorFromApi, type ApiErrorData } from '../api/errors.js';
import { DuetError } from '../run/errors.js';

export interface TrpcHttpOptions {
  baseUrl: string;
  authorization?: () => string | undefined;
  fetch: typeof fetch;
}

export interface TrpcHttp {
  query<T>(path: string, input: unknown, signal?: AbortSignal): Promise<T>;
  mutation<T>(path: string, input: unknown, signal?: AbortSignal): Promise<T>;
  /** The URL and headers of a subscription (SSE) request. */
  subscriptionRequest(path: string, input: unknown): { url: string; headers: Record<string, string> };
  /** Throws the DuetError an error answer carries. */
  raise(response: Response): Promise<never>;
}

export function createTrpcHttp(options: TrpcHttpOptions): TrpcHttp {
  const base = `${options.baseUrl.replace(/\/+$/, '')}/trpc`;
  const headers = (extra: Record<string, string> = {}): Record<string, string> => {
    const auth = options.authorization?.();
    return { ...(auth ? { authorization: auth } : {}), ...extra };
  };
  const urlFor = (path: string, input: unknown) => `${base}/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`;

  const raise = async (response: Response): Promise<never> => {
    let body: { error?: { message?: string; data?: Partial<ApiErrorData> & { code?: string } } } | undefined;
    try {
      body = (await response.json()) as typeof body;
    } catch {
      body = undefined;
    }
    const error = body?.error;
    if (!error?.message) throw new DuetError(response.status === 404 ? 'NOT_FOUND' : 'NETWORK', `the marketplace answered HTTP ${response.status} without an API error body`);
    const retry = Number(response.headers.get('retry-after'));
    const data = { ...error.data, ...(error.data?.retryAfterSeconds === undefined && retry > 0 ? { retryAfterSeconds: retry } : {}) };
    throw duetErrorFromApi(error.message, data, error.data?.code);
  };

  const call = async <T>(url: string, init: RequestInit): Promise<T> => {
    let response: Response;
    try {
      response = await options.fetch(url, init);
    } catch (error) {
      if (init.signal?.aborted) throw init.signal.reason ?? error;
      throw new DuetError('NETWORK', `cannot reach the marketplace at ${options.baseUrl}: ${(error as Error).message}`, { cause: error });
    }
    if (!response.ok) return raise(response);
    const body = (await response.json()) as { result?: { data?: T } };
    return body.result?.data as T;
  };

  return {
    query: (path, input, signal) => call(urlFor(path, input), { method: 'GET', headers: headers(), ...(signal ? { signal } : {}) }),
    mutation: (path, input, signal) =>
      call(`${base}/${path}`, { method: 'POST', headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify(input ?? null), ...(signal ? { signal } : {}) }),
    subscriptionRequest: (path, input) => ({ url: urlFor(path, input), headers: headers({ accept: 'text/event-stream' }) }),
    raise,
  };
}

/**
 * The typed client of the marketplace API (browser-safe: fetch only). Server side with an org API
 * key: search packs, open rooms, mint participant tokens, run code, follow and await results. In a
 * browser with a participant's room token: read the room, run code, follow results.
 */
import type { PackSearchInput, PackSearchView, PackVersionView } from '../api/packs.js';
import type { ReportShareLinkInput, ReportShareLinkView } from '../api/reports.js';
import type { RoomReport } from '../metrics/report-model.js';
import type { RoomCreateInput, RoomCreateView, RoomTokenInput, RoomTokenView, RoomView } from '../api/rooms.js';
import type { RunCreateInput } from '../api/runs.js';
import type { RunResult } from '../judge/verdict.js';
import { DuetError } from '../run/errors.js';
import type { RunEvent, RunView } from '../run/run-view.js';
import { streamRun, type RunStreamOptions } from './run-stream.js';
import { createTrpcHttp } from './trpc-http.js';

export interface DuetClientOptions {
  /** The marketplace, e.g. `https://market.duet.dev` (no trailing `/trpc`). */
  baseUrl: string;
  /** An org API key (`duet_sk_…`): servers only, never in a browser. */
  apiKey?: string;
  /** A participant's room token: what a browser holds. */
  token?: string;
  /** Defaults to the global fetch. */
  fetch?: typeof fetch;
}

export interface DuetClient {
  packs: {
    search(input?: PackSearchInput, options?: CallOptions): Promise<PackSearchView>;
    /** `@scope/name` or `@scope/name@range` (default latest). */
    get(spec: string, options?: CallOptions): Promise<PackVersionView>;
  };
  rooms: {
    create(input: RoomCreateInput, options?: CallOptions): Promise<RoomCreateView>;
    token(input: RoomTokenInput, options?: CallOptions): Promise<RoomTokenView>;
    get(roomId: string, options?: CallOptions): Promise<RoomView>;
    end(roomId: string, options?: CallOptions): Promise<RoomView>;
  };
  runs: {
    create(input: RunCreateInput, options?: CallOptions): Promise<RunView>;
    get(runId: string, options?: CallOptions): Promise<RunView>;
    /** Each test as it finishes, then `done`; reconnects and resumes by itself. */
    stream(runId: string, options?: RunStreamOptions): AsyncIterable<RunEvent>;
    /** Follows the run until it is done; resolves with its result. */
    wait(runId: string, options?: RunStreamOptions & { onEvent?: (event: RunEvent) => void }): Promise<RunResult>;
  };
  reports: {
    /** A room's report once it has ended (interviewers' notes only for those who may read them). */
    get(roomId: string, options?: CallOptions): Promise<RoomReport>;
    /** A signed link to the report's PDF that expires (`ttlSeconds`, default 7 days). */
    shareLink(input: ReportShareLinkInput, options?: CallOptions): Promise<ReportShareLinkView>;
  };
}

export interface CallOptions {
  signal?: AbortSignal;
}

export function createDuetClient(options: DuetClientOptions): DuetClient {
  if (options.apiKey && options.token) throw new DuetError('BAD_REQUEST', 'createDuetClient: pass apiKey or token, not both');
  const credential = options.apiKey ?? options.token;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const http = createTrpcHttp({ baseUrl: options.baseUrl, fetch: doFetch, authorization: () => (credential ? `Bearer ${credential}` : undefined) });

  return {
    packs: {
      search: (input = {}, o = {}) => http.query('packs.search', input, o.signal),
      get(spec, o = {}) {
        const match = /^@([^/@\s]+)\/([^/@\s]+)(?:@(.+))?$/.exec(spec.trim());
        if (!match) return Promise.reject(new DuetError('BAD_REQUEST', `"${spec}" is not a scoped pack spec such as @acme/basics@^1.2`));
        return http.query('packs.get', { scope: match[1], pack: match[2], ...(match[3] ? { range: match[3] } : {}) }, o.signal);
      },
    },
    rooms: {
      create: (input, o = {}) => http.mutation('rooms.create', input, o.signal),
      token: (input, o = {}) => http.mutation('rooms.token', input, o.signal),
      get: (roomId, o = {}) => http.query('rooms.get', { roomId }, o.signal),
      end: (roomId, o = {}) => http.mutation('rooms.end', { roomId }, o.signal),
    },
    runs: {
      create: (input, o = {}) => http.mutation('runs.create', input, o.signal),
      get: (runId, o = {}) => http.query('runs.get', { runId }, o.signal),
      stream: (runId, o = {}) => streamRun(http, doFetch, runId, o),
      async wait(runId, o = {}) {
        for await (const event of streamRun(http, doFetch, runId, o)) {
          o.onEvent?.(event);
          if (event.type === 'done') return event.result;
        }
        // The stream ended without a result (the server went away between reconnects): ask once.
        const view = await http.query<RunView>('runs.get', { runId }, o.signal);
        if (view.result) return view.result;
        throw new DuetError('NETWORK', `the stream of run ${runId} ended without a result`);
      },
    },
    reports: {
      get: (roomId, o = {}) => http.query('reports.get', { roomId }, o.signal),
      shareLink: (input, o = {}) => http.mutation('reports.shareLink', input, o.signal),
    },
  };
}

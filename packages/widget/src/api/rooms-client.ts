/** The procedures of docs/rooms-api.md the widget calls, with the room token as bearer. */
import { trpcHttp } from './trpc-http.js';
import type { RoomView, RunEvent, RunKind, RunView } from './types.js';

export interface RoomsClient {
  getRoom(roomId: string, signal?: AbortSignal): Promise<RoomView>;
  createRun(input: { roomId: string; kind: RunKind; code: string; stdin?: string }): Promise<RunView>;
  /** The run's events from the start (or after `lastEventId`), ending with `done`. */
  streamRun(runId: string, signal?: AbortSignal, lastEventId?: string): AsyncGenerator<{ id?: string; data: RunEvent }>;
}

/** `api` is the marketplace's base URL; tRPC lives at `<api>/trpc`. */
export function roomsClient(api: string, token: () => string): RoomsClient {
  const trpc = trpcHttp(`${api.replace(/\/$/, '')}/trpc`, token);
  return {
    getRoom: (roomId, signal) => trpc.query('rooms.get', { roomId }, signal),
    createRun: (input) => trpc.mutation('runs.create', input),
    streamRun: (runId, signal, lastEventId) => trpc.subscribe<RunEvent>('runs.stream', lastEventId ? { runId, lastEventId } : { runId }, signal),
  };
}

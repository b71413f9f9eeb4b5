import type { Logger } from '../services.js';

/** A room event as the collaboration service's `events` array holds it (docs/room-protocol.md §2). */
export type RoomEvent = { type: string; at: string } & Record<string, unknown>;

/**
 * Appends events to a room's document and sets its meta through the collaboration service's API
 * (`POST /v1/rooms/:room/events`, bearer COLLAB_SECRET). Without COLLAB_URL it does nothing. Posts
 * go out in the background, one room's in the order they were made (a `run` event always before its
 * `result`); a failure is logged and retried a few times, never thrown: the room's events are a view
 * of what the marketplace stores, not its record, and a slow collaboration service never slows a
 * request. The promise settles when the post is done (tests wait for it; requests do not).
 */
export interface CollabEvents {
  readonly enabled: boolean;
  post(roomId: string, body: { events?: RoomEvent[]; meta?: Record<string, unknown> }): Promise<void>;
  /** Waits for every post made so far. */
  idle(): Promise<void>;
}

const ATTEMPTS = 3;

export function createCollabEvents(config: { url: string; secret: string } | null, log: Logger, fetchImpl: typeof fetch = fetch): CollabEvents {
  if (!config) return { enabled: false, post: async () => {}, idle: async () => {} };
  const chains = new Map<string, Promise<void>>();
  const send = async (roomId: string, body: { events?: RoomEvent[]; meta?: Record<string, unknown> }): Promise<void> => {
    const url = `${config.url}/v1/rooms/${encodeURIComponent(roomId)}/events`;
    for (let attempt = 1; ; attempt++) {
      try {
        const response = await fetchImpl(url, {
          method: 'POST',
          headers: { authorization: `Bearer ${config.secret}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(5000),
        });
        if (response.ok) return;
        const text = await response.text().catch(() => '');
        // 4xx will not get better by retrying.
        if (response.status < 500 || attempt >= ATTEMPTS) {
          log.warn(`collaboration service refused room ${roomId}'s events: HTTP ${response.status} ${text.slice(0, 200)}`);
          return;
        }
      } catch (error) {
        if (attempt >= ATTEMPTS) {
          log.warn(`cannot post room ${roomId}'s events to the collaboration service: ${(error as Error).message}`);
          return;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100 * 4 ** attempt));
    }
  };
  return {
    enabled: true,
    post(roomId, body) {
      const next = (chains.get(roomId) ?? Promise.resolve())
        .then(() => send(roomId, body))
        .catch((error: unknown) => log.warn(`room ${roomId}'s events were not posted: ${(error as Error).message}`));
      chains.set(roomId, next);
      void next.finally(() => chains.get(roomId) === next && chains.delete(roomId));
      return next;
    },
    async idle() {
      await Promise.all([...chains.values()]);
    },
  };
}

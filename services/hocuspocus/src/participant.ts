import type { RoomRole } from '@duet/sdk/room';

/** Who is on a connection: what the auth extension puts in the Hocuspocus context. */
export interface Participant {
  /** The token's subject: stable across a person's tokens. */
  id: string;
  name: string;
  role: RoomRole;
  room: string;
  /** When the current token expires, seconds since the epoch. */
  expiresAt: number;
}

export interface CollabContext {
  participant?: Participant;
}

/** Transactions the service makes itself (joins and leaves). */
export const SERVICE_ORIGIN = Symbol('duet-collab-service');
/** The context of the service's direct connections (events posted by the marketplace). */
export const SERVICE_CONTEXT = Object.freeze({ service: true });

/** Whether a transaction is the service's own: its origin, or one of its direct connections. */
export function isServiceOrigin(origin: unknown): boolean {
  if (origin === SERVICE_ORIGIN) return true;
  const local = origin as { source?: unknown; context?: { service?: unknown } } | null;
  return local?.source === 'local' && local.context?.service === true;
}
/** The author recorded for the service's own changes. */
export const SERVICE_AUTHOR = { id: 'duet', role: 'service' } as const;

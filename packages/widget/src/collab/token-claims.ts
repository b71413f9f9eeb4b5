/**
 * What the widget reads from its room token to shape the UI (role, name, permissions). It does not
 * verify the signature: the collaboration service and the marketplace do, and enforce the same
 * permissions whatever the UI shows.
 */
import type { RoomPermission, RoomRole } from '@duet/sdk/room';

export interface TokenIdentity {
  sub: string;
  name: string;
  role: RoomRole;
  perms: RoomPermission[];
  room: string;
  /** Expiry, ms since the epoch. */
  expiresAt: number;
}

export function readTokenIdentity(token: string): TokenIdentity | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const json = new TextDecoder().decode(Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json) as Record<string, unknown>;
    if (typeof claims.sub !== 'string' || typeof claims.role !== 'string') return null;
    return {
      sub: claims.sub,
      name: typeof claims.name === 'string' ? claims.name : claims.sub,
      role: claims.role as RoomRole,
      perms: Array.isArray(claims.perms) ? (claims.perms as RoomPermission[]) : [],
      room: typeof claims.room === 'string' ? claims.room : '',
      expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : Infinity,
    };
  } catch {
    return null;
  }
}

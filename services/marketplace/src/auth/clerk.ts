import { verifyToken } from '@clerk/backend';
import { DuetError } from '@duet/sdk/run';
import type { ClerkConfig } from '../config/env.js';

export type ClerkVerifier = (token: string) => Promise<{ externalId: string }>;

/**
 * Verifies Clerk session tokens with the instance's PEM public key: no call to Clerk (RS256 family,
 * expiry, not-before and the authorized parties are checked locally). Refusals are UNAUTHORIZED.
 */
export function createClerkVerifier(config: ClerkConfig): ClerkVerifier {
  return async (token) => {
    try {
      const payload = await verifyToken(token, {
        jwtKey: config.jwtKey,
        ...(config.authorizedParties.length ? { authorizedParties: config.authorizedParties } : {}),
      });
      if (typeof payload.sub !== 'string' || payload.sub === '') throw new Error('the token names no user');
      return { externalId: payload.sub };
    } catch (error) {
      const reason = (error as { reason?: string }).reason;
      const message = error instanceof Error ? error.message : String(error);
      throw new DuetError('UNAUTHORIZED', `session token rejected${reason ? ` (${reason})` : ''}: ${message}`, { cause: error });
    }
  };
}

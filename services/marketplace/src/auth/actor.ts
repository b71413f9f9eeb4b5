import type { Identity } from './identity.js';

/** Who did something, as rooms and runs record it: a room token's subject, `apikey:<id>`, or a user id. */
export function actorOf(identity: Identity): string {
  return identity.kind === 'room' ? identity.claims.sub : identity.kind === 'apiKey' ? `apikey:${identity.keyId}` : identity.userId;
}

import type { Identity } from './auth/identity.js';
import type { Services } from './services.js';

/** A request's tRPC context: the services and the caller, resolved on first use (public procedures never pay for it). */
export interface Context {
  services: Services;
  auth(): Promise<Identity | null>;
}

export function contextFor(services: Services, authorization: string | undefined): Context {
  let identity: Promise<Identity | null> | undefined;
  return {
    services,
    auth: () => (identity ??= services.identity.resolve(authorization)),
  };
}

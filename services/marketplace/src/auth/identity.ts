import { decodeProtectedHeader } from 'jose';
import type { ApiKeyScope } from '@duet/sdk/api';
import { ROOM_TOKEN, verifyRoomToken, type RoomTokenClaims } from '@duet/sdk/room';
import { DuetError } from '@duet/sdk/run';
import type { PrismaClient } from '../generated/prisma/client.js';
import { apiKeyMatches, apiKeyPublicId, API_KEY_PREFIX } from './api-keys.js';
import type { ClerkVerifier } from './clerk.js';
import type { RoomTokenSigner } from './room-token-signer.js';

/** Who is calling. */
export type Identity =
  | { kind: 'user'; userId: string; externalId: string; displayName: string | null; dev: boolean }
  | { kind: 'apiKey'; keyId: string; orgId: string; orgSlug: string; scopes: ApiKeyScope[] }
  | { kind: 'room'; claims: RoomTokenClaims };

export type UserIdentity = Extract<Identity, { kind: 'user' }>;

export interface IdentityResolver {
  /** The identity an `Authorization` header proves, or null without one (outside development mode). */
  resolve(authorization: string | undefined): Promise<Identity | null>;
}

export interface IdentityResolverOptions {
  prisma: PrismaClient;
  /** null in development mode. */
  clerk: ClerkVerifier | null;
  signer: RoomTokenSigner;
  /** Development mode: who a request without credentials is. */
  devUser: UserIdentity | null;
}

/** A key's last use is written at most this often. */
const LAST_USED_RESOLUTION_MS = 60_000;
const USER_CACHE_SIZE = 10_000;

/**
 * Bearer credentials, by shape: `duet_sk_…` is an org API key (looked up by its public id, checked
 * against its hash, refused when revoked or expired); a JWT typed `duet-room+jwt` is a room token
 * (checked against our own key); any other JWT is a Clerk session token (checked offline with the
 * instance's key; the person is recorded on first sight).
 */
export function createIdentityResolver(options: IdentityResolverOptions): IdentityResolver {
  const { prisma, clerk, signer, devUser } = options;
  const users = new Map<string, UserIdentity>();

  const userFor = async (externalId: string): Promise<UserIdentity> => {
    const cached = users.get(externalId);
    if (cached) return cached;
    const row = await prisma.user.upsert({ where: { externalId }, create: { externalId }, update: {} });
    const identity: UserIdentity = { kind: 'user', userId: row.id, externalId, displayName: row.displayName, dev: false };
    if (users.size >= USER_CACHE_SIZE) users.clear();
    users.set(externalId, identity);
    return identity;
  };

  const apiKey = async (token: string): Promise<Identity> => {
    const publicId = apiKeyPublicId(token);
    const row = publicId ? await prisma.apiKey.findUnique({ where: { publicId }, include: { org: { select: { slug: true } } } }) : null;
    if (!row || !apiKeyMatches(token, row.hash)) throw new DuetError('UNAUTHORIZED', 'invalid API key');
    if (row.revokedAt) throw new DuetError('UNAUTHORIZED', `API key ${API_KEY_PREFIX}${row.publicId} was revoked`);
    const now = new Date();
    if (row.expiresAt && row.expiresAt <= now) throw new DuetError('UNAUTHORIZED', `API key ${API_KEY_PREFIX}${row.publicId} expired`);
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
      await prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: now } });
    }
    return { kind: 'apiKey', keyId: row.id, orgId: row.orgId, orgSlug: row.org.slug, scopes: row.scopes as ApiKeyScope[] };
  };

  const jwt = async (token: string): Promise<Identity> => {
    let typ: string | undefined;
    try {
      typ = decodeProtectedHeader(token).typ;
    } catch {
      throw new DuetError('UNAUTHORIZED', 'malformed bearer token: expected an API key, a Clerk session token or a room token');
    }
    if (typ === ROOM_TOKEN.type) {
      return { kind: 'room', claims: await verifyRoomToken(token, signer.jwks(), { issuer: signer.issuer }) };
    }
    if (!clerk) {
      throw new DuetError('UNAUTHORIZED', 'Clerk is not configured (development mode): send no Authorization header to act as the local developer, or use an API key');
    }
    return userFor((await clerk(token)).externalId);
  };

  return {
    async resolve(authorization) {
      if (authorization === undefined || authorization.trim() === '') return devUser;
      const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization);
      if (!match?.[1]) throw new DuetError('UNAUTHORIZED', 'expected an Authorization header of the form "Bearer <token>"');
      const token = match[1];
      return token.startsWith(API_KEY_PREFIX) ? apiKey(token) : token.split('.').length === 3 ? jwt(token) : Promise.reject(new DuetError('UNAUTHORIZED', 'unrecognised bearer token: expected an API key (duet_sk_…), a Clerk session token or a room token'));
    },
  };
}

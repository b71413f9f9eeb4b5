import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { DuetError } from '../run/errors.js';
import { ROOM_TOKEN, roomTokenClaimsSchema, type RoomTokenClaims } from './claims.js';

export interface VerifyRoomTokenOptions {
  /** The marketplace's issuer (its public URL); unchecked when absent. */
  issuer?: string;
  /** The room the caller is about: a token for another room is FORBIDDEN. */
  room?: string;
  /** Clock for tests, seconds since the epoch. */
  currentDate?: Date;
  /** Seconds of clock skew tolerated (default 5). */
  clockToleranceSeconds?: number;
}

/**
 * Verifies a room token against the marketplace's published keys (a JWKS document as served at
 * `/.well-known/jwks.json`, or a jose key getter such as `createRemoteJWKSet(url)`). The algorithm,
 * type and audience are pinned. Throws DuetError UNAUTHORIZED (expired, tampered, wrong key,
 * malformed) or FORBIDDEN (a valid token for another room).
 */
export async function verifyRoomToken(
  token: string,
  keys: JSONWebKeySet | JWTVerifyGetKey,
  options: VerifyRoomTokenOptions = {},
): Promise<RoomTokenClaims> {
  const getKey = typeof keys === 'function' ? keys : createLocalJWKSet(keys);
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, getKey, {
      algorithms: [ROOM_TOKEN.algorithm],
      typ: ROOM_TOKEN.type,
      audience: ROOM_TOKEN.audience,
      ...(options.issuer ? { issuer: options.issuer } : {}),
      ...(options.currentDate ? { currentDate: options.currentDate } : {}),
      clockTolerance: options.clockToleranceSeconds ?? 5,
      requiredClaims: ['exp', 'iat', 'sub'],
    }));
  } catch (error) {
    throw new DuetError('UNAUTHORIZED', `room token rejected: ${reasonOf(error)}`, { cause: error });
  }
  const parsed = roomTokenClaimsSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DuetError('UNAUTHORIZED', `room token rejected: claim ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  }
  const claims = parsed.data;
  if (claims.exp - claims.iat > ROOM_TOKEN.maxLifetimeSeconds) {
    throw new DuetError('UNAUTHORIZED', `room token rejected: it lives longer than ${ROOM_TOKEN.maxLifetimeSeconds} s`);
  }
  if (options.room !== undefined && claims.room !== options.room) {
    throw new DuetError('FORBIDDEN', `this room token is for another room (${claims.room}), not ${options.room}`);
  }
  return claims;
}

function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad signature';
  if (error instanceof errors.JOSEAlgNotAllowed) return `algorithm not allowed (expected ${ROOM_TOKEN.algorithm})`;
  if (error instanceof errors.JWKSNoMatchingKey) return 'signed by a key the marketplace does not publish';
  if (error instanceof errors.JWTClaimValidationFailed) return `claim ${error.claim}: ${error.reason === 'check_failed' ? 'unexpected value' : error.reason}`;
  if (error instanceof errors.JOSEError) return error.message;
  return 'malformed token';
}

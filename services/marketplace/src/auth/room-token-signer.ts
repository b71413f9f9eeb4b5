import { randomUUID, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, SignJWT, type JWK } from 'jose';
import { ROLE_PERMISSIONS, ROOM_TOKEN, type RoomPermission, type RoomRole, type RoomTokenClaims } from '@duet/sdk/room';
import { ConfigError } from '../config/config-error.js';

export interface RoomTokenRequest {
  room: string;
  org: string;
  /** The participant's user id. */
  user: string;
  name: string;
  role: RoomRole;
  /** Defaults to the role's permissions (ROLE_PERMISSIONS). */
  permissions?: readonly RoomPermission[];
  /** Default 2 hours, at most ROOM_TOKEN.maxLifetimeSeconds. */
  ttlSeconds?: number;
}

/** Signs room tokens (Ed25519) and publishes the key to verify them (`/.well-known/jwks.json`). */
export interface RoomTokenSigner {
  readonly issuer: string;
  readonly kid: string;
  jwks(): { keys: JWK[] };
  sign(request: RoomTokenRequest): Promise<{ token: string; claims: RoomTokenClaims }>;
}

export const DEFAULT_ROOM_TOKEN_TTL_SECONDS = 2 * 3600;
const DEV_KEY_FILE = 'room-token-key.pem';

/**
 * The signer for `pem` (DUET_ROOM_TOKEN_KEY), or, when it is null, for a development key kept in
 * `<dataDir>/room-token-key.pem` (created once, mode 0600) so tokens outlive a restart.
 */
export async function loadRoomTokenSigner(options: { pem: string | null; dataDir: string; issuer: string }): Promise<{ signer: RoomTokenSigner; generated: boolean }> {
  const { pem, generated } = options.pem ? { pem: options.pem, generated: false } : await devKey(options.dataDir);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (error) {
    throw new ConfigError(`DUET_ROOM_TOKEN_KEY: not a readable private key (${(error as Error).message})`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new ConfigError(`DUET_ROOM_TOKEN_KEY: expected an Ed25519 key, got ${privateKey.asymmetricKeyType ?? 'an unknown type'} (\`openssl genpkey -algorithm ed25519\`)`);
  }
  const jwk = await exportJWK(createPublicKey(privateKey));
  const kid = await calculateJwkThumbprint(jwk);
  const published: JWK = { ...jwk, kid, alg: ROOM_TOKEN.algorithm, use: 'sig' };
  const signer: RoomTokenSigner = {
    issuer: options.issuer,
    kid,
    jwks: () => ({ keys: [published] }),
    async sign(request) {
      const ttl = Math.min(request.ttlSeconds ?? DEFAULT_ROOM_TOKEN_TTL_SECONDS, ROOM_TOKEN.maxLifetimeSeconds);
      const iat = Math.floor(Date.now() / 1000);
      const claims: RoomTokenClaims = {
        iss: options.issuer,
        aud: ROOM_TOKEN.audience,
        sub: request.user,
        room: request.room,
        org: request.org,
        name: request.name,
        role: request.role,
        perms: [...(request.permissions ?? ROLE_PERMISSIONS[request.role])],
        iat,
        exp: iat + ttl,
        jti: randomUUID(),
      };
      const token = await new SignJWT({ ...claims })
        .setProtectedHeader({ alg: ROOM_TOKEN.algorithm, kid, typ: ROOM_TOKEN.type })
        .sign(privateKey);
      return { token, claims };
    },
  };
  return { signer, generated };
}

async function devKey(dataDir: string): Promise<{ pem: string; generated: boolean }> {
  const file = join(dataDir, DEV_KEY_FILE);
  const existing = await readFile(file, 'utf8').catch(() => null);
  if (existing) return { pem: existing, generated: false };
  await mkdir(dataDir, { recursive: true });
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  try {
    await writeFile(file, pem, { flag: 'wx', mode: 0o600 });
    return { pem, generated: true };
  } catch (error) {
    // Another instance sharing the folder wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return { pem: await readFile(file, 'utf8'), generated: false };
    throw error;
  }
}

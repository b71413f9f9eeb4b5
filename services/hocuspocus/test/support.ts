/**
 * Fixtures for the collaboration service's tests: a room-token signer with its JWKS (as the
 * marketplace publishes it), servers on port 0 over a fresh embedded database, and participants
 * (the real @hocuspocus/provider) that wait for what they expect, within bounds.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider } from '@hocuspocus/provider';
import pg from 'pg';
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { onTestFinished } from 'vitest';
import * as Y from 'yjs';
import { ROLE_PERMISSIONS, ROOM_TOKEN, type RoomRole } from '@duet/sdk/room';
import { type CollabServer, type CollabServerOptions, createCollabServer } from '../src/index.js';

export const ISSUER = 'http://marketplace.test';

export interface Signer {
  jwks: { keys: JWK[] };
  token(claims: { room: string; sub?: string; name?: string; role?: RoomRole; perms?: string[]; ttlSeconds?: number; iat?: number }): Promise<string>;
}

export async function roomSigner(): Promise<Signer> {
  const keys = await generateKeyPair('Ed25519', { extractable: true });
  const jwk = await exportJWK(keys.publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return {
    jwks: { keys: [{ ...jwk, kid, alg: ROOM_TOKEN.algorithm, use: 'sig' }] },
    async token({ room, sub = 'user-1', name = 'Ada', role = 'candidate', perms, ttlSeconds = 600, iat = Math.floor(Date.now() / 1000) }) {
      return new SignJWT({ room, org: 'org-1', name, role, perms: perms ?? [...ROLE_PERMISSIONS[role]] })
        .setProtectedHeader({ alg: ROOM_TOKEN.algorithm, kid, typ: ROOM_TOKEN.type })
        .setIssuer(ISSUER)
        .setAudience(ROOM_TOKEN.audience)
        .setSubject(sub)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ttlSeconds)
        .setJti(crypto.randomUUID())
        .sign(keys.privateKey);
    },
  };
}

export const POSTGRES = process.env.DUET_TEST_POSTGRES ?? 'postgresql://postgres@127.0.0.1:5432';

/** A fresh PostgreSQL database on the machine's server, dropped when the test finishes. */
export async function freshDatabase(): Promise<string> {
  const name = `collab_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: `${POSTGRES}/test` });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  onTestFinished(async () => {
    const drop = new pg.Client({ connectionString: `${POSTGRES}/test` });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await drop.end();
  });
  return `${POSTGRES}/${name}`;
}

export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'duet-collab-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A collaboration server on 127.0.0.1:0 over a fresh PostgreSQL database (or `over`'s), closed
 * when the test finishes. `embedded: true` uses PGlite in a temp folder instead, as without
 * DATABASE_URL.
 */
export async function startCollab(signer: Signer, over: Partial<CollabServerOptions> & { embedded?: boolean } = {}): Promise<{ collab: CollabServer; url: string; dataDir: string }> {
  const { embedded, ...rest } = over;
  const dataDir = rest.dataDir ?? tempDataDir();
  if (!embedded && rest.databaseUrl === undefined) rest.databaseUrl = await freshDatabase();
  over = rest;
  const collab = await createCollabServer({ port: 0, host: '127.0.0.1', jwksUrl: 'http://unused.test/jwks', issuer: ISSUER, dataDir, keys: signer.jwks, secret: 'collab-test-secret-0123456789', ...over });
  const port = await collab.listen();
  onTestFinished(() => collab.close());
  return { collab, url: `ws://127.0.0.1:${port}`, dataDir };
}

export interface Participant {
  provider: HocuspocusProvider;
  doc: Y.Doc;
  code: Y.Text;
  /** Resolves once the first sync is done (or rejects with the refusal's reason). */
  ready: Promise<void>;
  /** The reason of the first authentication failure, if any. */
  refusal: Promise<string>;
  /** The first close event. */
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves once the server has acknowledged every local change. */
  acknowledged(): Promise<void>;
}

export function joinRoom(url: string, name: string, token: string | (() => Promise<string>)): Participant {
  const doc = new Y.Doc();
  let refused!: (reason: string) => void;
  const refusal = new Promise<string>((resolve) => (refused = resolve));
  let onClose!: (event: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClose = resolve));
  const provider = new HocuspocusProvider({
    url,
    name,
    document: doc,
    token,
    onAuthenticationFailed: ({ reason }) => refused(reason),
    onClose: ({ event }) => onClose({ code: event.code, reason: event.reason }),
  });
  onTestFinished(() => provider.destroy());
  const ready = new Promise<void>((resolve, reject) => {
    provider.on('synced', () => resolve());
    void refusal.then((reason) => reject(new Error(`refused: ${reason}`)));
  });
  ready.catch(() => {});
  return {
    provider,
    doc,
    code: doc.getText('code'),
    ready,
    refusal,
    closed,
    acknowledged: () => until(() => !provider.hasUnsyncedChanges, 10_000, 'the server never acknowledged the changes'),
  };
}

/** Polls `condition` every 10 ms; rejects after `ms` naming what was awaited. */
export async function until(condition: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

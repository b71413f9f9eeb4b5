/**
 * Signed, expiring links to a report's PDF: `/reports/<roomId>/pdf?exp=<unix s>&notes=<0|1>&sig=<HMAC>`.
 * The HMAC (SHA-256) covers the room, the expiry and whether the notes are included, so none of them
 * can be changed; a link is refused once `exp` is past. The key comes from DUET_REPORT_LINK_SECRET,
 * or in development from a key kept in the data folder (created once, mode 0600).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { REPORT_LINK_MAX_TTL_SECONDS } from '@duet/sdk/api';
import { ConfigError } from '../config/config-error.js';

export const SHARE_LINK_PATH = '/reports/:roomId/pdf';
export const DEFAULT_LINK_TTL_SECONDS = 7 * 24 * 3600;
const DEV_SECRET_FILE = 'report-link-secret';

export type ShareLinkRefusal = 'LINK_INVALID' | 'LINK_EXPIRED';

export class ShareLinkError extends Error {
  override name = 'ShareLinkError';
  constructor(
    readonly code: ShareLinkRefusal,
    message: string,
  ) {
    super(message);
  }
  /** 403 for a link that was never ours (or was edited), 410 for one that was and expired. */
  get status(): number {
    return this.code === 'LINK_EXPIRED' ? 410 : 403;
  }
}

export interface ShareLinkSigner {
  create(roomId: string, options?: { ttlSeconds?: number; notes?: boolean; now?: number }): { path: string; expiresAt: Date };
  verify(roomId: string, query: Record<string, unknown>, now?: number): { notes: boolean; expiresAt: Date };
}

export function createShareLinkSigner(secret: string): ShareLinkSigner {
  const mac = (roomId: string, exp: number, notes: boolean) => createHmac('sha256', secret).update(`duet-report-link.v1\n${roomId}\n${exp}\n${notes ? 1 : 0}`).digest('base64url');
  return {
    create(roomId, options = {}) {
      const ttl = Math.min(Math.max(1, Math.floor(options.ttlSeconds ?? DEFAULT_LINK_TTL_SECONDS)), REPORT_LINK_MAX_TTL_SECONDS);
      const exp = Math.floor((options.now ?? Date.now()) / 1000) + ttl;
      const notes = options.notes ?? false;
      const path = `/reports/${encodeURIComponent(roomId)}/pdf?exp=${exp}&notes=${notes ? 1 : 0}&sig=${mac(roomId, exp, notes)}`;
      return { path, expiresAt: new Date(exp * 1000) };
    },
    verify(roomId, query, now = Date.now()) {
      const { exp, notes, sig } = query;
      if (typeof exp !== 'string' || !/^\d{1,12}$/.test(exp) || (notes !== '0' && notes !== '1') || typeof sig !== 'string') {
        throw new ShareLinkError('LINK_INVALID', 'this report link is incomplete: it needs exp, notes and sig');
      }
      const expected = Buffer.from(mac(roomId, Number(exp), notes === '1'));
      const given = Buffer.from(sig);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new ShareLinkError('LINK_INVALID', 'this report link was not issued by this marketplace, or was altered');
      if (Number(exp) * 1000 <= now) throw new ShareLinkError('LINK_EXPIRED', `this report link expired at ${new Date(Number(exp) * 1000).toISOString()}: ask for a new one`);
      return { notes: notes === '1', expiresAt: new Date(Number(exp) * 1000) };
    },
  };
}

/** DUET_REPORT_LINK_SECRET (required in production), else a development secret in the data folder. */
export async function loadShareLinkSecret(options: { env: Record<string, string | undefined>; dataDir: string; production: boolean }): Promise<string> {
  const configured = options.env.DUET_REPORT_LINK_SECRET?.trim();
  if (configured) {
    if (configured.length < 32) throw new ConfigError('DUET_REPORT_LINK_SECRET: use at least 32 characters (e.g. `openssl rand -base64 32`)');
    return configured;
  }
  if (options.production) throw new ConfigError('DUET_REPORT_LINK_SECRET is required when NODE_ENV=production: it signs report share links (`openssl rand -base64 32`)');
  const file = join(options.dataDir, DEV_SECRET_FILE);
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const secret = randomBytes(32).toString('base64url');
    await mkdir(options.dataDir, { recursive: true });
    await writeFile(file, secret, { mode: 0o600, flag: 'wx' }).catch(async () => undefined);
    return (await readFile(file, 'utf8')).trim();
  }
}

import { isIP } from 'node:net';
import { DuetError } from '@duet/sdk/run';

/** Loopback, private, link-local and unspecified addresses (IPv4 and IPv6 literals). */
const INTERNAL = [/^127\./, /^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^169\.254\./, /^0\./, /^::1?$/, /^f[cd][0-9a-f]{2}:/i, /^fe80:/i, /^::ffff:(127|10|192\.168|169\.254)\./i];

/**
 * In production, webhook endpoints must be public: no `localhost`, no internal address literal
 * (a first guard against using webhooks to reach the marketplace's own network; names that resolve
 * to internal addresses need an egress proxy or firewall as well). Development allows anything.
 */
export function checkEndpointUrl(url: string, production: boolean): void {
  if (!production) return;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:') throw new DuetError('BAD_REQUEST', `url: webhook endpoints must use https (got ${parsed.protocol})`);
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || (isIP(host) && INTERNAL.some((pattern) => pattern.test(host)))) {
    throw new DuetError('BAD_REQUEST', `url: ${host} is not a public address`);
  }
}

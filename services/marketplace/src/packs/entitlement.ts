import { DuetError } from '@duet/sdk/run';
import type { Pack, PrismaClient } from '../generated/prisma/client.js';

type PackAccessFields = Pick<Pack, 'id' | 'orgId' | 'access' | 'scope' | 'name'>;

/**
 * Whether an org may use a pack's problems (rooms, runs): any org for a free pack; for a paid one,
 * the author's own org, or an org holding an entitlement that is neither revoked nor expired
 * (grants today; billing records purchases and subscriptions the same way).
 */
export async function isEntitled(prisma: PrismaClient, orgId: string, pack: PackAccessFields, now = new Date()): Promise<boolean> {
  if (pack.access === 'FREE' || pack.orgId === orgId) return true;
  const active = await prisma.entitlement.count({
    where: { orgId, packId: pack.id, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
  });
  return active > 0;
}

/** PAYMENT_REQUIRED (402) naming the pack when the org is not entitled to it. */
export async function requireEntitlement(prisma: PrismaClient, orgId: string, pack: PackAccessFields): Promise<void> {
  if (!(await isEntitled(prisma, orgId, pack))) {
    throw new DuetError('PAYMENT_REQUIRED', `@${pack.scope}/${pack.name} is a paid pack and this org holds no entitlement to it`);
  }
}

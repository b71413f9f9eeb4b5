import type { ApiKeyScope, MemberRole } from '@duet/sdk/api';
import { DuetError } from '@duet/sdk/run';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Identity } from './identity.js';

const RANK: Record<MemberRole, number> = { member: 0, admin: 1, owner: 2 };

export interface OrgAccess {
  org: { id: string; slug: string; name: string; createdAt: Date };
  /** The person's role; null for API keys. */
  role: MemberRole | null;
}

export interface OrgRequirement {
  /** People need at least this role (default member). */
  role?: MemberRole;
  /** API keys need this scope (`any`: any key of the org); without it, keys are refused (people only). */
  scope?: ApiKeyScope | 'any';
  /** What the caller is trying to do, for refusals ("manage API keys"). */
  action: string;
}

/**
 * The org by slug, if the caller may act in it: a person who is a member with the role, or an API
 * key of that org with the scope. NOT_FOUND for a missing org; FORBIDDEN otherwise.
 */
export async function requireOrg(prisma: PrismaClient, identity: Identity, slug: string, need: OrgRequirement): Promise<OrgAccess> {
  const org = await prisma.org.findUnique({ where: { slug } });
  if (!org) throw new DuetError('NOT_FOUND', `no org "${slug}"`);
  if (identity.kind === 'room') throw new DuetError('FORBIDDEN', `a room token cannot ${need.action}`);
  if (identity.kind === 'apiKey') {
    if (identity.orgId !== org.id) throw new DuetError('FORBIDDEN', `this API key belongs to another org, not "${slug}"`);
    if (!need.scope) throw new DuetError('FORBIDDEN', `only people can ${need.action}: API keys cannot`);
    if (need.scope !== 'any' && !identity.scopes.includes(need.scope)) throw new DuetError('FORBIDDEN', `this API key lacks the "${need.scope}" scope needed to ${need.action}`);
    return { org, role: null };
  }
  const member = await prisma.member.findUnique({ where: { orgId_userId: { orgId: org.id, userId: identity.userId } } });
  if (!member) throw new DuetError('FORBIDDEN', `you are not a member of org "${slug}"`);
  const role = member.role.toLowerCase() as MemberRole;
  const needed = need.role ?? 'member';
  if (RANK[role] < RANK[needed]) throw new DuetError('FORBIDDEN', `to ${need.action} you need the ${needed} role in org "${slug}" (you are ${role})`);
  return { org, role };
}

/** People only (creating orgs, listing one's own). */
export function requireUser(identity: Identity, action: string): Extract<Identity, { kind: 'user' }> {
  if (identity.kind !== 'user') throw new DuetError('FORBIDDEN', `only people can ${action}: ${identity.kind === 'apiKey' ? 'API keys' : 'room tokens'} cannot`);
  return identity;
}

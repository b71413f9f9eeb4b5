import { z } from 'zod';
import { orgSlugSchema } from './names.js';

export const MEMBER_ROLES = ['owner', 'admin', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/**
 * What an org API key may do. `packs:read`: download the org's own packs in full (hidden tests,
 * submissions); `packs:publish`: publish, deprecate and tag the org's packs; `rooms:write`: create
 * rooms and mint participant tokens; `runs:write`: create runs; `webhooks:write`: manage webhook
 * endpoints. Members and API keys are managed by people (owners and admins), never by keys.
 */
export const API_KEY_SCOPES = ['packs:read', 'packs:publish', 'rooms:write', 'runs:write', 'webhooks:write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

const isoDate = z.string().describe('ISO 8601 date-time');

export const orgInput = z.object({ org: orgSlugSchema });

export const orgCreateInput = z.object({
  slug: orgSlugSchema,
  name: z.string().trim().min(1).max(100),
});

export const orgView = z.object({
  slug: z.string(),
  name: z.string(),
  createdAt: isoDate,
  /** The caller's role, for people; null for API keys. */
  role: z.enum(MEMBER_ROLES).nullable(),
});
export type OrgView = z.infer<typeof orgView>;

export const orgListView = z.object({ orgs: z.array(orgView) });

export const memberView = z.object({
  userId: z.string(),
  displayName: z.string().nullable(),
  role: z.enum(MEMBER_ROLES),
  since: isoDate,
});
export type MemberView = z.infer<typeof memberView>;

export const memberListView = z.object({ members: z.array(memberView) });

export const memberAddInput = orgInput.extend({
  /** The person's user id: their Clerk user id (`user_…`). */
  userId: z.string().min(1).max(200),
  role: z.enum(MEMBER_ROLES).default('member'),
});

export const memberRemoveInput = orgInput.extend({ userId: z.string().min(1).max(200) });

export const apiKeyCreateInput = orgInput.extend({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).max(API_KEY_SCOPES.length),
  /** Days until it stops working; never when absent. */
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

export const apiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  /** The key's visible start (`duet_sk_abcd1234ef56`), to recognise it in lists and logs. */
  prefix: z.string(),
  scopes: z.array(z.enum(API_KEY_SCOPES)),
  createdAt: isoDate,
  expiresAt: isoDate.nullable(),
  lastUsedAt: isoDate.nullable(),
  revokedAt: isoDate.nullable(),
});
export type ApiKeyView = z.infer<typeof apiKeyView>;

/** The key itself is in this answer only: the marketplace keeps its hash. */
export const apiKeyCreatedView = apiKeyView.extend({ key: z.string() });
export const apiKeyListView = z.object({ keys: z.array(apiKeyView) });
export const apiKeyRevokeInput = orgInput.extend({ id: z.string().min(1).max(100) });

export const whoamiView = z.object({
  kind: z.enum(['user', 'apiKey']),
  /** Development mode (no Clerk keys): everyone without credentials is the local developer. */
  dev: z.boolean(),
  user: z.object({ id: z.string(), displayName: z.string().nullable() }).nullable(),
  /** API keys: the org they belong to and their scopes. */
  org: z.string().nullable(),
  scopes: z.array(z.enum(API_KEY_SCOPES)).nullable(),
});
export type WhoamiView = z.infer<typeof whoamiView>;

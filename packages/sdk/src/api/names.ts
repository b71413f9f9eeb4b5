import { z } from 'zod';
import { PACK_NAME_PATTERN, SEMVER_PATTERN } from '../pack/pack-yaml.js';

/** An org's slug, which is also the scope of its packs (`acme` owns `@acme/*`). */
export const ORG_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,38}$/;
export const orgSlugSchema = z.string().regex(ORG_SLUG_PATTERN, 'expected an org slug: lowercase letters, digits and dashes, at most 39');
/** A pack's name without its scope (`basics` in `@acme/basics`). */
export const packBaseNameSchema = z.string().max(214).regex(/^[a-z0-9][a-z0-9._-]*$/, 'expected a pack name: lowercase letters, digits, dots, dashes and underscores');
export const packNameSchema = z.string().max(256).regex(PACK_NAME_PATTERN, 'expected a scoped pack name, e.g. @acme/basics');
export const versionSchema = z.string().max(256).regex(SEMVER_PATTERN, 'expected a semver version, e.g. 1.2.0');
/** A dist-tag: not a valid semver range (so `1.x` or `v1` cannot be tags). */
export const distTagSchema = z.string().min(1).max(64).regex(/^[a-z][a-z0-9._-]*$/, 'expected a dist-tag such as latest, next or beta');
/** What a consumer pins: a version, a semver range (`^1.2`, `1.x`, `>=1 <2`) or a dist-tag; default `latest`. */
export const versionRangeSchema = z.string().min(1).max(256);

/** A pack in a REST path: `{scope}/{pack}` (the scope without its `@`). */
export const packRefSchema = z.object({ scope: orgSlugSchema, pack: packBaseNameSchema });
export type PackRef = z.infer<typeof packRefSchema>;

export function formatPackName(ref: PackRef): string {
  return `@${ref.scope}/${ref.pack}`;
}

export interface PackSpec extends PackRef {
  name: string;
  /** The range or tag after the second `@`, or `latest`. */
  range: string;
}

/**
 * Splits `@acme/basics@^1.2` into scope, pack and range (npm's spelling; the range defaults to
 * `latest`). Returns null when the text is not a scoped pack spec.
 */
export function parsePackSpec(spec: string): PackSpec | null {
  const match = /^@([^/@\s]+)\/([^/@\s]+)(?:@(.+))?$/.exec(spec.trim());
  if (!match) return null;
  const [, scope = '', pack = '', range] = match;
  const ref = packRefSchema.safeParse({ scope, pack });
  if (!ref.success) return null;
  return { ...ref.data, name: formatPackName(ref.data), range: range?.trim() || 'latest' };
}

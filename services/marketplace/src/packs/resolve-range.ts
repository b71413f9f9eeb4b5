import pickManifest from 'npm-pick-manifest';
import semver from 'semver';
import { DuetError } from '@duet/sdk/run';

export interface VersionEntry {
  version: string;
  deprecated: string | null;
}

/**
 * The version a range, exact version or dist-tag picks, as npm picks it (npm-pick-manifest): the
 * `latest` tag when it satisfies the range, else the highest satisfying version, preferring ones
 * that are not deprecated; prereleases only when the range names one. Null when nothing matches.
 */
export function resolveRange(name: string, versions: readonly VersionEntry[], distTags: Record<string, string>, range: string): string | null {
  const wanted = range.trim();
  if (!semver.validRange(wanted) && !/^[a-z][a-z0-9._-]*$/.test(wanted)) {
    throw new DuetError('BAD_REQUEST', `range: "${range}" is not a version, a semver range or a dist-tag`);
  }
  const packument = {
    name,
    'dist-tags': distTags,
    versions: Object.fromEntries(versions.map((v) => [v.version, { name, version: v.version, ...(v.deprecated ? { deprecated: v.deprecated } : {}) }])),
  };
  try {
    const picked = pickManifest(packument, wanted, {}) as { version?: string } | undefined | null;
    return picked?.version ?? null;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ETARGET' || code === 'ENOVERSIONS') return null;
    throw new DuetError('BAD_REQUEST', `range: "${range}": ${(error as Error).message}`);
  }
}

/** Newest first, semver order. */
export function sortVersionsDescending<T extends { version: string }>(versions: readonly T[]): T[] {
  return [...versions].sort((a, b) => semver.rcompare(a.version, b.version));
}

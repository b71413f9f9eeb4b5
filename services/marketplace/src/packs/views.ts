import {
  DIFFICULTIES,
  formatPackName,
  type PackSummaryView,
  type PackVersionView,
  type ProblemPublicView,
} from '@duet/sdk/api';
import type { PackManifest } from '@duet/sdk/pack';
import type { Pack, PackVersion, Problem } from '../generated/prisma/client.js';

type Difficulty = (typeof DIFFICULTIES)[number];

export function priceOf(price: PackManifest['price']): PackVersionView['price'] {
  return price === 0 ? null : { amount: Math.round(price.amount * 100), currency: price.currency };
}

export function difficultyOf(text: string | null): Difficulty | null {
  return DIFFICULTIES.includes(text as Difficulty) ? (text as Difficulty) : null;
}

export function packSummary(pack: Pick<Pack, 'scope' | 'name' | 'title' | 'description' | 'latestVersion' | 'tags' | 'difficulties' | 'problemCount' | 'priceAmount' | 'priceCurrency' | 'updatedAt'>): PackSummaryView {
  return {
    name: formatPackName({ scope: pack.scope, pack: pack.name }),
    title: pack.title,
    description: pack.description,
    latest: pack.latestVersion,
    tags: pack.tags,
    difficulties: pack.difficulties.map(difficultyOf).filter((d): d is Difficulty => d !== null),
    problemCount: pack.problemCount,
    price: pack.priceAmount === null || pack.priceCurrency === null ? null : { amount: pack.priceAmount, currency: pack.priceCurrency },
    updatedAt: pack.updatedAt.toISOString(),
  };
}

export function packVersionView(pack: Pick<Pack, 'scope' | 'name'>, version: PackVersion & { problems: Problem[] }, distTags: Record<string, string>): PackVersionView {
  const manifest = version.manifest as unknown as PackManifest;
  return {
    name: formatPackName({ scope: pack.scope, pack: pack.name }),
    version: version.version,
    title: manifest.title,
    description: manifest.description,
    license: manifest.license ?? null,
    authors: manifest.authors,
    price: priceOf(manifest.price),
    runtime: manifest.runtime,
    integrity: version.integrity,
    publishedAt: version.publishedAt.toISOString(),
    deprecated: version.deprecated,
    distTags,
    problems: version.problems.map((p) => ({
      id: p.slug,
      title: p.title,
      difficulty: difficultyOf(p.difficulty),
      tags: p.tags,
      interface: p.interfaceType === 'function' ? 'function' : 'stdio',
    })),
  };
}

/** The stored public view (built at publish from the pack; never holds hidden data). */
export function problemView(problem: Problem): ProblemPublicView {
  return problem.publicView as unknown as ProblemPublicView;
}

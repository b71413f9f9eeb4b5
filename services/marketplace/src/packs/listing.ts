import { DIFFICULTIES } from '@duet/sdk/api';
import type { PackManifest } from '@duet/sdk/pack';
import type { Prisma } from '../generated/prisma/client.js';
import { priceOf } from './views.js';

/** Search reads statements up to this many characters in all (a tsvector holds at most 1 MiB). */
const MAX_STATEMENT_TEXT = 400_000;

/**
 * Copies what search shows and filters on from a version into its pack row: title, description,
 * price, the union of its problems' tags and difficulties, their titles and statements. Called in
 * the transaction that points `latest` at the version.
 */
export async function refreshListing(tx: Prisma.TransactionClient, packId: string, versionId: string): Promise<void> {
  const version = await tx.packVersion.findUniqueOrThrow({ where: { id: versionId }, include: { problems: { orderBy: { position: 'asc' } } } });
  const manifest = version.manifest as unknown as PackManifest;
  const problems = version.problems;
  const tags = [...new Set(problems.flatMap((p) => p.tags))].sort();
  const difficulties = DIFFICULTIES.filter((d) => problems.some((p) => p.difficulty === d));
  const searchText = problems.map((p) => `${p.title} ${p.tags.join(' ')}`).join('\n');
  const statementText = problems.map((p) => p.statement).join('\n\n').slice(0, MAX_STATEMENT_TEXT);
  const price = priceOf(manifest.price);
  await tx.pack.update({
    where: { id: packId },
    data: {
      latestVersion: version.version,
      title: manifest.title,
      description: manifest.description,
      tags,
      difficulties: [...difficulties],
      problemCount: problems.length,
      searchText,
      statementText,
      access: price ? 'PAID' : 'FREE',
      priceAmount: price?.amount ?? null,
      priceCurrency: price?.currency ?? null,
    },
  });
}

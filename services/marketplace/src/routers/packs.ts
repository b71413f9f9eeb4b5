import semver from 'semver';
import {
  distTagRemoveInput,
  distTagSetInput,
  distTagsView,
  formatPackName,
  packDeprecateInput,
  packDeprecateView,
  packGetInput,
  packProblemInput,
  packProblemView,
  packRefSchema,
  packSearchInput,
  packSearchView,
  packVersionsView,
  packVersionView,
} from '@duet/sdk/api';
import { DuetError } from '@duet/sdk/run';
import { requireOrg } from '../auth/access.js';
import { refreshListing } from '../packs/listing.js';
import { findPack, findPackVersion } from '../packs/pack-lookup.js';
import { sortVersionsDescending } from '../packs/resolve-range.js';
import { cachedSearch } from '../packs/search.js';
import { packVersionView as versionView, problemView } from '../packs/views.js';
import { authedProcedure, publicProcedure, router } from '../trpc.js';

const PACK = '/packs/{scope}/{pack}';

export const packsRouter = router({
  search: publicProcedure
    .meta({ openapi: { method: 'GET', path: '/packs', protect: false, tags: ['packs'], summary: 'Search packs (full text, tags, difficulty)' } })
    .input(packSearchInput)
    .output(packSearchView)
    .query(async ({ ctx, input }) => (await cachedSearch(ctx.services, input).answer).view),

  get: publicProcedure
    .meta({ openapi: { method: 'GET', path: PACK, protect: false, tags: ['packs'], summary: 'A pack version by range or dist-tag (npm rules; default latest)' } })
    .input(packGetInput)
    .output(packVersionView)
    .query(async ({ ctx, input }) => {
      const { pack, distTags, version } = await findPackVersion(ctx.services.prisma, input, input.range);
      return versionView(pack, version, distTags);
    }),

  versions: publicProcedure
    .meta({ openapi: { method: 'GET', path: `${PACK}/versions`, protect: false, tags: ['packs'], summary: 'Every version of a pack, newest first, and its dist-tags' } })
    .input(packRefSchema)
    .output(packVersionsView)
    .query(async ({ ctx, input }) => {
      const { pack, distTags } = await findPack(ctx.services.prisma, input);
      const versions = await ctx.services.prisma.packVersion.findMany({
        where: { packId: pack.id },
        select: { version: true, integrity: true, tarballSize: true, publishedAt: true, deprecated: true },
      });
      return {
        name: formatPackName(input),
        distTags,
        versions: sortVersionsDescending(versions).map((v) => ({
          version: v.version,
          integrity: v.integrity,
          size: v.tarballSize,
          publishedAt: v.publishedAt.toISOString(),
          deprecated: v.deprecated,
        })),
      };
    }),

  problem: publicProcedure
    .meta({ openapi: { method: 'GET', path: `${PACK}/problems/{problem}`, protect: false, tags: ['packs'], summary: "A problem's public view: statement, samples, limits, interface, starter code" } })
    .input(packProblemInput)
    .output(packProblemView)
    .query(async ({ ctx, input }) => {
      const { version } = await findPackVersion(ctx.services.prisma, input, input.range);
      const problem = version.problems.find((p) => p.slug === input.problem);
      if (!problem) throw new DuetError('NOT_FOUND', `${formatPackName(input)}@${version.version} has no problem "${input.problem}"`);
      return { ...problemView(problem), pack: formatPackName(input), version: version.version };
    }),

  deprecate: authedProcedure
    .meta({ openapi: { method: 'POST', path: `${PACK}/deprecate`, tags: ['packs'], summary: 'Deprecate the versions in a range (an empty message lifts it)' } })
    .input(packDeprecateInput)
    .output(packDeprecateView)
    .mutation(async ({ ctx, input }) => {
      const name = formatPackName(input);
      await requireOrg(ctx.services.prisma, ctx.identity, input.scope, { scope: 'packs:publish', action: `deprecate ${name}` });
      const { pack, distTags } = await findPack(ctx.services.prisma, input);
      const all = await ctx.services.prisma.packVersion.findMany({ where: { packId: pack.id }, select: { id: true, version: true } });
      const tagged = distTags[input.range];
      if (!tagged && !semver.validRange(input.range)) throw new DuetError('BAD_REQUEST', `range: "${input.range}" is not a version, a semver range or a dist-tag`);
      const matching = all.filter((v) => (tagged ? v.version === tagged : semver.satisfies(v.version, input.range, { includePrerelease: true })));
      if (matching.length === 0) throw new DuetError('NOT_FOUND', `no version of ${name} matches "${input.range}"`);
      const message = input.message.trim() === '' ? null : input.message.trim();
      await ctx.services.prisma.packVersion.updateMany({ where: { id: { in: matching.map((v) => v.id) } }, data: { deprecated: message } });
      return { name, versions: sortVersionsDescending(matching).map((v) => v.version), deprecated: message };
    }),

  setDistTag: authedProcedure
    .meta({ openapi: { method: 'PUT', path: `${PACK}/dist-tags/{tag}`, tags: ['packs'], summary: 'Point a dist-tag at a version' } })
    .input(distTagSetInput)
    .output(distTagsView)
    .mutation(async ({ ctx, input }) => {
      const name = formatPackName(input);
      const { prisma } = ctx.services;
      await requireOrg(prisma, ctx.identity, input.scope, { scope: 'packs:publish', action: `tag ${name}` });
      const { pack } = await findPack(prisma, input);
      const version = await prisma.packVersion.findUnique({ where: { packId_version: { packId: pack.id, version: input.version } } });
      if (!version) throw new DuetError('NOT_FOUND', `${name}@${input.version} is not published`);
      await prisma.$transaction(async (tx) => {
        await tx.distTag.upsert({
          where: { packId_tag: { packId: pack.id, tag: input.tag } },
          create: { packId: pack.id, tag: input.tag, versionId: version.id },
          update: { versionId: version.id },
        });
        if (input.tag === 'latest') await refreshListing(tx, pack.id, version.id);
      });
      if (input.tag === 'latest') ctx.services.searchCache.clear();
      return { name, distTags: (await findPack(prisma, input)).distTags };
    }),

  removeDistTag: authedProcedure
    .meta({ openapi: { method: 'DELETE', path: `${PACK}/dist-tags/{tag}`, tags: ['packs'], summary: 'Remove a dist-tag (never latest)' } })
    .input(distTagRemoveInput)
    .output(distTagsView)
    .mutation(async ({ ctx, input }) => {
      const name = formatPackName(input);
      const { prisma } = ctx.services;
      await requireOrg(prisma, ctx.identity, input.scope, { scope: 'packs:publish', action: `untag ${name}` });
      if (input.tag === 'latest') throw new DuetError('BAD_REQUEST', 'tag: latest cannot be removed, only moved (setDistTag)');
      const { pack } = await findPack(prisma, input);
      const { count } = await prisma.distTag.deleteMany({ where: { packId: pack.id, tag: input.tag } });
      if (count === 0) throw new DuetError('NOT_FOUND', `${name} has no dist-tag "${input.tag}"`);
      return { name, distTags: (await findPack(prisma, input)).distTags };
    }),
});

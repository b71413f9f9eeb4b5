import { z } from 'zod';
import { COMPLEXITY_CLASSES } from '../judge/complexity/classes.js';
import { interfaceSchema } from '../pack/duet-yaml.js';
import { distTagSchema, packRefSchema, versionRangeSchema, versionSchema } from './names.js';

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
const isoDate = z.string().describe('ISO 8601 date-time');

/** `null` for free packs. `amount` is in the currency's minor unit (cents). */
export const priceView = z.object({ amount: z.number().int(), currency: z.string() }).nullable();

export const packSearchInput = z.object({
  /** Words to look for in titles, descriptions, tags and statements (web-search syntax: "quoted phrases", -excluded, or). */
  q: z.string().trim().max(200).optional(),
  /** Packs having every one of these tags. */
  tags: z.array(z.string().min(1).max(50)).max(10).optional(),
  /** Packs with at least one problem of this difficulty. */
  difficulty: z.enum(DIFFICULTIES).optional(),
  limit: z.number().int().min(1).max(100).default(20),
  offset: z.number().int().min(0).max(10_000).default(0),
});
export type PackSearchInput = z.input<typeof packSearchInput>;

export const packSummaryView = z.object({
  name: z.string(),
  title: z.string(),
  description: z.string(),
  /** The version `latest` points at. */
  latest: z.string(),
  tags: z.array(z.string()),
  difficulties: z.array(z.enum(DIFFICULTIES)),
  problemCount: z.number().int(),
  price: priceView,
  updatedAt: isoDate,
});
export type PackSummaryView = z.infer<typeof packSummaryView>;

export const packSearchView = z.object({
  total: z.number().int(),
  items: z.array(packSummaryView),
  /** The offset of the next page, or null on the last one. */
  nextOffset: z.number().int().nullable(),
});
export type PackSearchView = z.infer<typeof packSearchView>;

/** A pack version by range (`^1.2`, `1.x`, an exact version or a dist-tag; default `latest`), resolved as npm does. */
export const packGetInput = packRefSchema.extend({ range: versionRangeSchema.default('latest') });
export const packProblemInput = packGetInput.extend({ problem: z.string().min(1).max(100) });

const authorView = z.union([z.string(), z.object({ name: z.string(), email: z.string().optional(), url: z.string().optional() })]);

export const problemSummaryView = z.object({
  id: z.string(),
  title: z.string(),
  difficulty: z.enum(DIFFICULTIES).nullable(),
  tags: z.array(z.string()),
  interface: z.enum(['stdio', 'function']),
});

export const packVersionView = z.object({
  name: z.string(),
  version: z.string(),
  title: z.string(),
  description: z.string(),
  license: z.string().nullable(),
  authors: z.array(authorView),
  price: priceView,
  runtime: z.object({ image: z.string(), language: z.string(), version: z.string() }),
  /** `sha512-<base64>` of the tarball. */
  integrity: z.string(),
  publishedAt: isoDate,
  /** The deprecation message, or null. */
  deprecated: z.string().nullable(),
  distTags: z.record(z.string(), z.string()),
  problems: z.array(problemSummaryView),
});
export type PackVersionView = z.infer<typeof packVersionView>;

const sampleView = z.object({ name: z.string(), input: z.string(), answer: z.string() });

/** What anyone may see of a problem: never hidden tests, submissions, validators or generators. */
export const problemPublicView = z.object({
  id: z.string(),
  title: z.string(),
  /** The statement's source (Markdown, or LaTeX for Kattis imports); `statementFormat` says which. */
  statement: z.string(),
  statementFormat: z.enum(['markdown', 'latex', 'none']),
  difficulty: z.enum(DIFFICULTIES).nullable(),
  tags: z.array(z.string()),
  interface: interfaceSchema,
  limits: z.object({ timeMs: z.number().int(), memoryMb: z.number().int(), outputKb: z.number().int() }),
  samples: z.array(sampleView),
  starter: z.object({ python: z.string().optional() }),
  complexity: z.object({ expectedTime: z.enum(COMPLEXITY_CLASSES).nullable(), expectedSpace: z.enum(COMPLEXITY_CLASSES).nullable() }).nullable(),
  checker: z.enum(['default', 'exact', 'custom']),
});
export type ProblemPublicView = z.infer<typeof problemPublicView>;

export const packProblemView = problemPublicView.extend({ pack: z.string(), version: z.string() });
export type PackProblemView = z.infer<typeof packProblemView>;

export const packVersionsView = z.object({
  name: z.string(),
  distTags: z.record(z.string(), z.string()),
  /** Newest first (semver order). */
  versions: z.array(
    z.object({
      version: z.string(),
      integrity: z.string(),
      size: z.number().int(),
      publishedAt: isoDate,
      deprecated: z.string().nullable(),
    }),
  ),
});
export type PackVersionsView = z.infer<typeof packVersionsView>;

/** npm deprecate: every version in `range` gets the message; an empty message lifts the deprecation. */
export const packDeprecateInput = packRefSchema.extend({ range: versionRangeSchema, message: z.string().max(1000) });
export const packDeprecateView = z.object({ name: z.string(), versions: z.array(z.string()), deprecated: z.string().nullable() });

export const distTagSetInput = packRefSchema.extend({ tag: distTagSchema, version: versionSchema });
export const distTagRemoveInput = packRefSchema.extend({ tag: distTagSchema });
export const distTagsView = z.object({ name: z.string(), distTags: z.record(z.string(), z.string()) });

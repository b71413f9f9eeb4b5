/**
 * `reports.*` of the marketplace API (issue 10): inputs and outputs. The report itself is
 * `RoomReport` from `@duet/sdk/metrics`.
 */
import { z } from 'zod';

export const REPORT_LINK_MAX_TTL_SECONDS = 30 * 24 * 3600;

const roomId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'a room id ([A-Za-z0-9_-], at most 100)');

export const reportGetInput = z.object({ roomId });
export type ReportGetInput = z.infer<typeof reportGetInput>;

export const reportShareLinkInput = z.object({
  roomId,
  /** Default 7 days. */
  ttlSeconds: z.number().int().min(60).max(REPORT_LINK_MAX_TTL_SECONDS).optional(),
  /** Include the interviewers' notes (only callers who may read them). */
  includeNotes: z.boolean().optional(),
});
export type ReportShareLinkInput = z.infer<typeof reportShareLinkInput>;

export const reportShareLinkView = z.object({ url: z.string().url(), expiresAt: z.string().describe('ISO 8601 date-time') });
export type ReportShareLinkView = z.infer<typeof reportShareLinkView>;

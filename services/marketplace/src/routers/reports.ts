/**
 * `reports`: a room's report (issue 10). `get` returns the stored report (without the
 * interviewers' notes for an observer); `shareLink` signs an expiring link to its PDF. Candidates
 * are refused (see reports/report-access.ts for every rule).
 */
import { reportGetInput, reportShareLinkInput, reportShareLinkView } from '@duet/sdk/api';
import { withoutNotes } from '@duet/sdk/metrics';
import { DuetError } from '@duet/sdk/run';
import { reportServiceOf } from '../reports/registry.js';
import { requireReportAccess, requireRoomTokenAccess } from '../reports/report-access.js';
import { authedProcedure, router } from '../trpc.js';

export const reportsRouter = router({
  get: authedProcedure.input(reportGetInput).query(async ({ ctx, input }) => {
    if (ctx.identity.kind === 'room') requireRoomTokenAccess(ctx.identity.claims, input.roomId);
    const service = await reportServiceOf(ctx.services);
    const stored = await service.stored(input.roomId);
    if (!stored) throw new DuetError('NOT_FOUND', `room ${input.roomId} has no report yet (reports are built when the room ends)`);
    const access = await requireReportAccess(ctx.services.prisma, ctx.identity, stored);
    return access.notes ? stored.report : withoutNotes(stored.report);
  }),

  shareLink: authedProcedure
    .input(reportShareLinkInput)
    .output(reportShareLinkView)
    .mutation(async ({ ctx, input }) => {
      if (ctx.identity.kind === 'room') requireRoomTokenAccess(ctx.identity.claims, input.roomId, 'share this report');
      const service = await reportServiceOf(ctx.services);
      const stored = await service.stored(input.roomId);
      if (!stored) throw new DuetError('NOT_FOUND', `room ${input.roomId} has no report yet`);
      const access = await requireReportAccess(ctx.services.prisma, ctx.identity, stored, 'share this report');
      if (input.includeNotes && !access.notes) throw new DuetError('FORBIDDEN', "you cannot share the interviewers' notes: you cannot read them");
      const link = service.links.create(input.roomId, { ...(input.ttlSeconds ? { ttlSeconds: input.ttlSeconds } : {}), notes: input.includeNotes ?? false });
      return { url: `${ctx.services.config.publicUrl}${link.path}`, expiresAt: link.expiresAt.toISOString() };
    }),
});

import { publishJobInput, publishJobView } from '@duet/sdk/api';
import { DuetError } from '@duet/sdk/run';
import { requireOrg } from '../auth/access.js';
import { publishJobView as jobView } from '../publish/job-view.js';
import { authedProcedure, router } from '../trpc.js';

/** Publish jobs: the upload itself is `POST /api/v1/publishes` with the tarball as the body (see http/publish-route.ts). */
export const publishesRouter = router({
  get: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/publishes/{id}', tags: ['publishes'], summary: 'A publish job: state, progress, judging report, error' } })
    .input(publishJobInput)
    .output(publishJobView)
    .query(async ({ ctx, input }) => {
      const { prisma } = ctx.services;
      const job = await prisma.publishJob.findUnique({ where: { id: input.id }, include: { org: { select: { slug: true } } } });
      if (!job) throw new DuetError('NOT_FOUND', `no publish job ${input.id}`);
      await requireOrg(prisma, ctx.identity, job.org.slug, { scope: 'packs:publish', action: `read the publish jobs of org "${job.org.slug}"` });
      return jobView(job);
    }),
});

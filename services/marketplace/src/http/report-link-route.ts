/**
 * GET /reports/:roomId/pdf?exp&notes&sig: a report's PDF through a signed share link, no
 * credentials. An altered or foreign link is 403 LINK_INVALID, an expired one 410 LINK_EXPIRED.
 */
import type { FastifyInstance } from 'fastify';
import { withoutNotes } from '@duet/sdk/metrics';
import { DuetError } from '@duet/sdk/run';
import { reportServiceOf } from '../reports/registry.js';
import { SHARE_LINK_PATH, ShareLinkError } from '../reports/share-link.js';
import type { Services } from '../services.js';
import { sendApiError } from './errors.js';

export async function reportLinkRoute(app: FastifyInstance, services: Services): Promise<void> {
  app.get<{ Params: { roomId: string }; Querystring: Record<string, string> }>(SHARE_LINK_PATH, async (request, reply) => {
    const { roomId } = request.params;
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(roomId)) return sendApiError(reply, new DuetError('BAD_REQUEST', 'not a room id'));
    const service = await reportServiceOf(services);
    let notes: boolean;
    try {
      notes = service.links.verify(roomId, request.query).notes;
    } catch (error) {
      if (!(error instanceof ShareLinkError)) throw error;
      return reply.code(error.status).header('cache-control', 'no-store').send({ message: error.message, code: error.code, data: { code: error.code, httpStatus: error.status } });
    }
    const stored = await service.stored(roomId);
    if (!stored) return sendApiError(reply, new DuetError('NOT_FOUND', `room ${roomId} has no report`));
    const pdf = await service.renderPdf(notes ? stored.report : withoutNotes(stored.report));
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="duet-report-${roomId}.pdf"`)
      .header('cache-control', 'private, no-store')
      .header('x-robots-tag', 'noindex')
      .send(pdf);
  });
}

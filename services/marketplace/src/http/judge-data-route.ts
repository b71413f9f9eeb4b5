import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { DuetError, isDuetError, JUDGE_DATA_PATH, PROBLEM_DATA_MEDIA_TYPE } from '@duet/sdk/run';
import { DIGEST_PATTERN } from '../blobs/blob-store.js';
import type { Services } from '../services.js';
import { sendApiError } from './errors.js';

/**
 * `GET /internal/v1/judge-data/<sha256>` for judge workers (bearer DUET_WORKER_SECRET): a
 * problem's judge data, hidden tests included, by digest, for workers to cache. Only digests that
 * a published problem names are served; without a queue configured the route is not there.
 */
export async function judgeDataRoute(app: FastifyInstance, services: Services): Promise<void> {
  const secret = services.config.queue?.workerSecret;
  if (!secret) return;
  const expected = createHash('sha256').update(secret).digest();
  app.setErrorHandler((error: Error, _request, reply) => {
    if (isDuetError(error)) return sendApiError(reply, error);
    services.log.error({ err: error }, 'judge data request failed');
    return sendApiError(reply, new DuetError('INTERNAL', 'internal error'));
  });
  app.get<{ Params: { digest: string } }>(`${JUDGE_DATA_PATH}/:digest`, async (request, reply) => {
    const presented = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1] ?? '';
    if (!timingSafeEqual(createHash('sha256').update(presented).digest(), expected)) throw new DuetError('UNAUTHORIZED', 'judge data is for judge workers: send "Authorization: Bearer <DUET_WORKER_SECRET>"');
    const { digest } = request.params;
    if (!DIGEST_PATTERN.test(digest)) throw new DuetError('BAD_REQUEST', `not a sha256 digest: ${digest}`);
    const used = await services.prisma.problem.findFirst({ where: { judgeDataDigest: digest }, select: { id: true } });
    const bytes = used ? await services.blobs.get(digest) : null;
    if (!bytes) throw new DuetError('NOT_FOUND', `no judge data ${digest}`);
    return reply.type(PROBLEM_DATA_MEDIA_TYPE).header('cache-control', 'private, max-age=31536000, immutable').send(bytes);
  });
}

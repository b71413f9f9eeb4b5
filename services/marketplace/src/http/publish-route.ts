import type { FastifyInstance } from 'fastify';
import { formatBytes } from '@duet/sdk/pack';
import { DuetError, isDuetError } from '@duet/sdk/run';
import type { Identity } from '../auth/identity.js';
import { receiveUpload } from '../publish/receive-upload.js';
import type { Services } from '../services.js';
import { sendApiError } from './errors.js';

export const TARBALL_CONTENT_TYPES = ['application/gzip', 'application/x-gzip', 'application/octet-stream'];

/**
 * `POST /api/v1/publishes[?tag=T]` with the gzipped tarball as the body: 202 and the publish job
 * (poll `GET /api/v1/publishes/{id}`), or the refusal (400 PACK_INVALID naming every issue, 401,
 * 403, 409 for a version that exists, 413 naming the cap, 415).
 */
export async function publishRoute(app: FastifyInstance, services: Services): Promise<void> {
  const maxBytes = services.config.publish.limits.maxBytes;
  app.addContentTypeParser(TARBALL_CONTENT_TYPES, { parseAs: 'buffer', bodyLimit: maxBytes }, (_request, body, done) => done(null, body));
  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    if (error.statusCode === 413) return sendApiError(reply, new DuetError('PAYLOAD_TOO_LARGE', `tarball over the ${formatBytes(maxBytes)} cap`));
    if (isDuetError(error)) return sendApiError(reply, error);
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return sendApiError(reply, new DuetError('BAD_REQUEST', error.message));
    services.log.error({ err: error }, 'publish upload failed');
    return sendApiError(reply, new DuetError('INTERNAL', 'internal error'));
  });
  const identities = new WeakMap<object, Identity>();
  app.post<{ Querystring: { tag?: string } }>('/api/v1/publishes', {
    // Credentials are checked before a byte of the body is read.
    onRequest: async (request) => {
      const identity = await services.identity.resolve(request.headers.authorization);
      if (!identity) throw new DuetError('UNAUTHORIZED', 'sign in: send "Authorization: Bearer <token>" with an org API key (duet-pack login) or a Clerk session token');
      identities.set(request, identity);
    },
  }, async (request, reply) => {
    const identity = identities.get(request)!;
    if (!Buffer.isBuffer(request.body)) {
      throw new DuetError('UNSUPPORTED_MEDIA_TYPE', `send the pack tarball as the body with Content-Type: ${TARBALL_CONTENT_TYPES[0]}`);
    }
    const job = await receiveUpload(services, identity, request.body, { tag: request.query.tag });
    return reply.code(202).header('location', `/api/v1/publishes/${job.id}`).send(job);
  });
}

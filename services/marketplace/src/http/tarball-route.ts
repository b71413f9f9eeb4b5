import type { FastifyInstance } from 'fastify';
import { formatPackName, packRefSchema, versionSchema } from '@duet/sdk/api';
import { DuetError, isDuetError } from '@duet/sdk/run';
import { requireOrg } from '../auth/access.js';
import type { Services } from '../services.js';
import { sendApiError } from './errors.js';

/**
 * `GET /api/v1/packs/{scope}/{pack}/versions/{version}/tarball`: the whole pack (hidden tests,
 * submissions, validators), for its authors only: members of the owning org, or its API keys with
 * `packs:read`. The answer carries the integrity to check.
 */
export async function tarballRoute(app: FastifyInstance, services: Services): Promise<void> {
  app.setErrorHandler((error: Error, _request, reply) => {
    if (isDuetError(error)) return sendApiError(reply, error);
    services.log.error({ err: error }, 'tarball download failed');
    return sendApiError(reply, new DuetError('INTERNAL', 'internal error'));
  });
  app.get<{ Params: { scope: string; pack: string; version: string } }>('/api/v1/packs/:scope/:pack/versions/:version/tarball', async (request, reply) => {
    const ref = packRefSchema.safeParse(request.params);
    const version = versionSchema.safeParse(request.params.version);
    if (!ref.success || !version.success) throw new DuetError('BAD_REQUEST', `not a pack version: ${request.params.scope}/${request.params.pack}@${request.params.version}`);
    const name = formatPackName(ref.data);
    const identity = await services.identity.resolve(request.headers.authorization);
    if (!identity) throw new DuetError('UNAUTHORIZED', `sign in to download ${name}: only its authors may`);
    await requireOrg(services.prisma, identity, ref.data.scope, { scope: 'packs:read', action: `download the full content of ${name}` });
    const row = await services.prisma.packVersion.findFirst({ where: { version: version.data, pack: { scope: ref.data.scope, name: ref.data.pack } } });
    if (!row) throw new DuetError('NOT_FOUND', `${name}@${version.data} is not published`);
    const bytes = await services.blobs.get(row.tarballDigest);
    if (!bytes) throw new DuetError('INTERNAL', `the tarball of ${name}@${version.data} is missing from the blob store`);
    return reply
      .type('application/gzip')
      .header('x-duet-integrity', row.integrity)
      .header('content-disposition', `attachment; filename="${ref.data.scope}-${ref.data.pack}-${version.data}.tgz"`)
      .send(bytes);
  });
}

import { z } from 'zod';
import { generateOpenApiDocument, type OpenAPIObject } from 'trpc-to-openapi';
import { publishJobView } from '@duet/sdk/api';
import { appRouter } from '../root.js';
import { TARBALL_CONTENT_TYPES } from './publish-route.js';

export const OPENAPI_PATH = '/openapi.json';
export const REST_BASE_PATH = '/api/v1';

const binary = { type: 'string', format: 'binary' } as const;
const errorBody = z.object({
  message: z.string(),
  code: z.string(),
  data: z.object({ duetCode: z.string(), httpStatus: z.number().int(), issues: z.array(z.object({ file: z.string().optional(), field: z.string().optional(), message: z.string() })).optional() }),
});
const error = (description: string) => ({ description, content: { 'application/json': { schema: errorBody } } });

/**
 * The OpenAPI 3.1 document of the REST surface: every tRPC procedure with `meta.openapi`, plus the
 * two routes that carry tarballs (the publish upload and the authors' download), which JSON tRPC
 * cannot.
 */
export function openApiDocument(publicUrl: string, version: string): OpenAPIObject {
  return generateOpenApiDocument(appRouter, {
    title: 'Duet marketplace',
    description: 'Packs, orgs, API keys, publishing, rooms, runs and webhooks. Authenticate with "Authorization: Bearer <token>": an org API key, a Clerk session token, or a room token (rooms and runs of that room).',
    version,
    baseUrl: `${publicUrl}${REST_BASE_PATH}`,
    paths: {
      '/publishes': {
        post: {
          operationId: 'publishes-upload',
          summary: 'Publish a pack: the body is its gzipped tarball (duet-pack publish makes it); poll the job it answers with',
          tags: ['publishes'],
          security: [{ Authorization: [] }],
          requestParams: { query: z.object({ tag: z.string().optional().describe('dist-tag for the new version (default latest)') }) },
          requestBody: { required: true, content: Object.fromEntries(TARBALL_CONTENT_TYPES.map((type) => [type, { schema: binary }])) },
          responses: {
            '202': { description: 'accepted: the publish job, now judging the pack', content: { 'application/json': { schema: publishJobView } } },
            '400': error('not a valid pack (data.issues names every file and field)'),
            '401': error('no or bad credentials'),
            '403': error('not allowed to publish into this scope'),
            '409': error('this version is already published'),
            '413': error('over the tarball size or file-count cap'),
            '415': error('not a gzipped tarball body'),
          },
        },
      },
      '/runs/{runId}/events': {
        get: {
          operationId: 'runs-events',
          summary: "A run's events as Server-Sent Events: `event: test` (id t<index>, data: the test's result) per test, then `event: done` (data: the run's result); resume with Last-Event-ID",
          tags: ['runs'],
          security: [{ Authorization: [] }],
          requestParams: { path: z.object({ runId: z.string() }), header: z.object({ 'last-event-id': z.string().optional() }) },
          responses: {
            '200': { description: 'the event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } },
            '401': error('no or bad credentials'),
            '404': error('no such run (or another room\'s, for a room token)'),
          },
        },
      },
      '/packs/{scope}/{pack}/versions/{version}/tarball': {
        get: {
          operationId: 'packs-tarball',
          summary: "Download a version's full tarball (its authors only)",
          tags: ['packs'],
          security: [{ Authorization: [] }],
          requestParams: { path: z.object({ scope: z.string(), pack: z.string(), version: z.string() }) },
          responses: {
            '200': { description: 'the tarball; header x-duet-integrity holds its sha512 integrity', content: { 'application/gzip': { schema: binary } } },
            '401': error('no or bad credentials'),
            '403': error('not one of the pack\'s authors'),
            '404': error('no such version'),
          },
        },
      },
    },
  });
}

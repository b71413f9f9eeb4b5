import { whoamiView } from '@duet/sdk/api';
import { DuetError } from '@duet/sdk/run';
import { z } from 'zod';
import { authedProcedure, router } from '../trpc.js';

export const authRouter = router({
  whoami: authedProcedure
    .meta({ openapi: { method: 'GET', path: '/whoami', tags: ['auth'], summary: 'Who the credentials belong to (duet-pack login checks a key with it)' } })
    .input(z.object({}))
    .output(whoamiView)
    .query(async ({ ctx }) => {
      const identity = ctx.identity;
      if (identity.kind === 'room') throw new DuetError('FORBIDDEN', 'a room token has no account: it names a room participant');
      if (identity.kind === 'apiKey') return { kind: 'apiKey', dev: ctx.services.config.clerk === null, user: null, org: identity.orgSlug, scopes: identity.scopes };
      return { kind: 'user', dev: identity.dev, user: { id: identity.externalId, displayName: identity.displayName }, org: null, scopes: null };
    }),
});

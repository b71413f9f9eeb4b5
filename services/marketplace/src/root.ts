import { router } from './trpc.js';
import { authRouter } from './routers/auth.js';
import { orgsRouter } from './routers/orgs.js';
import { packsRouter } from './routers/packs.js';
import { publishesRouter } from './routers/publishes.js';
import { reportsRouter } from './routers/reports.js';

export const appRouter = router({
  auth: authRouter,
  orgs: orgsRouter,
  packs: packsRouter,
  publishes: publishesRouter,
  reports: reportsRouter,
});

export type AppRouter = typeof appRouter;

import { router } from './trpc.js';
import { authRouter } from './routers/auth.js';
import { orgsRouter } from './routers/orgs.js';
import { packsRouter } from './routers/packs.js';
import { publishesRouter } from './routers/publishes.js';
import { reportsRouter } from './routers/reports.js';
import { roomsRouter } from './routers/rooms.js';
import { runsRouter } from './routers/runs.js';
import { webhooksRouter } from './routers/webhooks.js';

export const appRouter = router({
  auth: authRouter,
  orgs: orgsRouter,
  packs: packsRouter,
  publishes: publishesRouter,
  reports: reportsRouter,
  rooms: roomsRouter,
  runs: runsRouter,
  webhooks: webhooksRouter,
});

export type AppRouter = typeof appRouter;

#!/usr/bin/env node
/**
 * `duet-marketplace`: the marketplace service, configured from the environment (README
 * "Marketplace" lists every variable). A bad variable stops it with one message naming it (exit 2).
 * SIGTERM/SIGINT: stop listening, fail in-flight publishes, close the database.
 */
import { ConfigError, createMarketplace, readConfig } from './index.js';

async function main(): Promise<void> {
  const config = readConfig(process.env);
  const marketplace = await createMarketplace(config);
  const log = marketplace.app.log;
  if (!config.clerk) {
    const banner = [
      '',
      '************************************************************************',
      '*  DEVELOPMENT MODE: CLERK_JWT_KEY is not set.                          *',
      '*  Every request without credentials acts as the local developer       *',
      '*  (dev:local). Never expose this instance; set CLERK_JWT_KEY (and      *',
      '*  NODE_ENV=production) for real users.                                 *',
      '************************************************************************',
      '',
    ].join('\n');
    process.stderr.write(banner);
    log.warn('development mode: requests without credentials act as the local developer (dev:local)');
  }
  if (marketplace.generatedRoomTokenKey) log.warn(`development room-token key created in ${config.dataDir}; set DUET_ROOM_TOKEN_KEY in production`);
  const { config: cfg } = marketplace.services;
  log.info(`runs: ${cfg.queue ? `BullMQ queue ${cfg.queue.prefix}:duet-runs for duet-judge workers` : `embedded judge (${cfg.runs.concurrency} at once)`}; room events: ${cfg.collab ? cfg.collab.url : 'off (COLLAB_URL unset)'}`);
  log.info(`database: ${marketplace.services.db.kind}${marketplace.services.db.applied.length ? ` (applied ${marketplace.services.db.applied.join(', ')})` : ''}; blobs: ${marketplace.services.blobs.kind}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    marketplace.close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  const url = await marketplace.listen();
  log.info(`duet-marketplace listening on ${url} (REST ${url}/api/v1, tRPC ${url}/trpc, OpenAPI ${url}/openapi.json)`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`duet-marketplace: ${error.message}\n`);
    process.exit(2);
  }
  const code = (error as { code?: string }).code;
  if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
    process.stderr.write(`duet-marketplace: cannot listen: ${(error as Error).message}\n`);
    process.exit(1);
  }
  process.stderr.write(`duet-marketplace: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

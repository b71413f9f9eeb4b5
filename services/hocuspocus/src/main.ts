#!/usr/bin/env node
/** `duet-collab`: the collaboration service, configured from the environment (see the README). */
import { CollabConfigError, createCollabServer, readCollabConfig } from './index.js';

async function main(): Promise<void> {
  const config = readCollabConfig(process.env);
  const collab = await createCollabServer(config);
  const port = await collab.listen();
  process.stdout.write(`duet-collab: listening on ws://${config.host}:${port} (${config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`}${config.redisUrl ? ', rooms shared through Redis' : ''})\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    collab.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  if (error instanceof CollabConfigError) {
    process.stderr.write(`duet-collab: ${error.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`duet-collab: failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});

/** Programmatic API of duet-pack (the CLI itself is bin.ts → cli.ts). */
export { runCli } from './cli.js';
export { EXIT_CODES, ExitError, type ExitCode } from './exit-error.js';
export type { CliIo } from './io.js';
export { resolveTimeLimit, type TimeLimitResolution } from '@duet/sdk/pack';
export { formatTable, type TableColumn } from './table.js';

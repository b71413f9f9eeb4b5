import { CommanderError } from 'commander';
import { commandContext } from './context.js';
import { toExitError } from './errors-to-exit.js';
import { EXIT_CODES, type ExitCode } from './exit-error.js';
import { processIo, type CliIo } from './io.js';
import { buildProgram } from './program.js';

/**
 * Runs `duet-pack` with `argv` (the user's arguments, without `node` and the script) and returns
 * the exit code. This is the only place errors become exit codes and `duet-pack: <message>` lines.
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<ExitCode> {
  const context = commandContext(io);
  const result: { code: ExitCode } = { code: EXIT_CODES.ok };
  try {
    await buildProgram(context, result).parseAsync([...argv], { from: 'user' });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed help, the version, or the usage error.
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.invalidInput;
    }
    const exit = toExitError(error);
    io.stderr.write(`duet-pack: ${exit.message}\n`);
    return exit.code;
  }
}

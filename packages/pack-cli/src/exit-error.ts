/**
 * The CLI's one exit path: commands throw `ExitError`, `runCli` turns it into an exit code and a
 * `duet-pack: <message>` line, and nothing else prints a stack trace.
 */
export const EXIT_CODES = {
  /** Everything passed. */
  ok: 0,
  /** A check failed: a submission did not meet its expectation, or a run's verdict is not AC. */
  checkFailed: 1,
  /** Bad usage, a missing file, or an invalid pack or input. */
  invalidInput: 2,
  /** The judge or sandbox is unavailable, or duet-pack itself failed. */
  internal: 3,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

export class ExitError extends Error {
  override readonly name = 'ExitError';
  constructor(
    readonly code: ExitCode,
    message: string,
  ) {
    super(message);
  }
}

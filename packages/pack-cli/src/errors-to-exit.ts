import { EXIT_CODES, ExitError } from './exit-error.js';

/**
 * Maps anything a command throws to an `ExitError`: pack validation issues and missing files are
 * the user's to fix (exit 2); anything else is ours (exit 3).
 */
export function toExitError(error: unknown): ExitError {
  if (error instanceof ExitError) return error;
  // Its message says what was invalid (the pack, or a problem folder) and lists every issue.
  if (isPackValidationError(error)) return new ExitError(EXIT_CODES.invalidInput, error.message);
  // The run contract's input errors (a custom input that does not fit, an invalid probe) are the user's.
  if (isDuetError(error) && ['INPUT_INVALID', 'BUNDLE_INVALID', 'PROBE_INVALID'].includes(error.code)) {
    return new ExitError(EXIT_CODES.invalidInput, error.message);
  }
  // Other pack errors (directory not empty, id conflict on import) are the user's to fix too.
  if (error instanceof Error && error.name === 'PackError') return new ExitError(EXIT_CODES.invalidInput, error.message);
  const fsError = error as NodeJS.ErrnoException | undefined;
  if (fsError && typeof fsError === 'object' && typeof fsError.code === 'string') {
    const where = fsError.path ?? 'file';
    if (fsError.code === 'ENOENT') return new ExitError(EXIT_CODES.invalidInput, `no such file or directory: ${where}`);
    if (fsError.code === 'ENOTDIR') return new ExitError(EXIT_CODES.invalidInput, `not a directory: ${where}`);
    if (fsError.code === 'EISDIR') return new ExitError(EXIT_CODES.invalidInput, `is a directory, expected a file: ${where}`);
    if (fsError.code === 'EACCES') return new ExitError(EXIT_CODES.invalidInput, `permission denied: ${where}`);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ExitError(EXIT_CODES.internal, `internal error: ${message}`);
}

/** Duck-typed so this module does not load the SDK (DuetError lives in @duet/sdk/run). */
function isDuetError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && error.name === 'DuetError' && typeof (error as { code?: unknown }).code === 'string';
}

/** Duck-typed so this module does not load the SDK (PackValidationError lives in @duet/sdk/pack). */
function isPackValidationError(error: unknown): error is Error {
  return (
    error instanceof Error &&
    error.name === 'PackValidationError' &&
    typeof (error as { format?: unknown }).format === 'function'
  );
}

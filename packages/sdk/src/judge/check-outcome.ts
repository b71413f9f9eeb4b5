/** What an output checker decides about one test's output. `message` explains a rejection. */
export interface CheckOutcome {
  ok: boolean;
  message?: string;
}

/** Judge-side faults found while checking (a broken answer file, bad flags): never the user's fault. */
export type CheckerErrorCode = 'ANSWER_INVALID' | 'FLAGS_INVALID';

export class CheckerError extends Error {
  readonly code: CheckerErrorCode;
  constructor(code: CheckerErrorCode, message: string) {
    super(message);
    this.name = 'CheckerError';
    this.code = code;
  }
}

/** Shortens a value for a message so a 10 MB token cannot make a 10 MB verdict. */
export function clip(text: string, max = 120): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

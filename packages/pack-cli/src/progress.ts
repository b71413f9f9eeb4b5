import type { CliIo } from './io.js';

/** A one-line status on stderr ("judging accepted/sol.py 7/20"), shown only on a terminal. */
export interface Progress {
  update(text: string): void;
  /** Clears the status line so the next output starts on a clean line. */
  clear(): void;
}

const CLEAR_LINE = '\r\x1b[2K';

export function createProgress(io: CliIo): Progress {
  if (!io.stderr.isTTY) return { update() {}, clear() {} };
  let shown = false;
  return {
    update(text) {
      io.stderr.write(CLEAR_LINE + text);
      shown = true;
    },
    clear() {
      if (shown) io.stderr.write(CLEAR_LINE);
      shown = false;
    },
  };
}

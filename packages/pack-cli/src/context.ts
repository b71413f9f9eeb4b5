import { resolve } from 'node:path';
import type { CliIo } from './io.js';

/** What every command receives besides its own arguments. */
export interface CommandContext {
  io: CliIo;
  /** Resolves a user-given path against the CLI's working directory. */
  path(userPath: string): string;
  out(text: string): void;
  /** Environment variables (the io's, else the process's). */
  env: Record<string, string | undefined>;
}

export function commandContext(io: CliIo): CommandContext {
  const cwd = io.cwd ?? process.cwd();
  return {
    io,
    path: (userPath) => resolve(cwd, userPath),
    out: (text) => void io.stdout.write(text),
    env: io.env ?? process.env,
  };
}

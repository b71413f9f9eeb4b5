/** Where the CLI writes. `process` satisfies it; tests pass string collectors. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** Directory relative paths are resolved against (default: process.cwd()). */
  cwd?: string;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
}

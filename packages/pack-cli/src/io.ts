/** Where the CLI reads and writes. `process` satisfies it; tests pass string collectors. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  /** Directory relative paths are resolved against (default: process.cwd()). */
  cwd?: string;
  /** Environment variables (default: process.env). */
  env?: Record<string, string | undefined>;
  /** What `duet-pack login` reads the API key from (default: standard input). */
  stdin?: { isTTY?: boolean; readAll(): Promise<string> };
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
    stdin: {
      isTTY: process.stdin.isTTY === true,
      async readAll() {
        if (process.stdin.isTTY) return promptHidden('API key (input hidden): ');
        const chunks: Buffer[] = [];
        for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks).toString('utf8');
      },
    },
  };
}

/** One line from the terminal, not echoed (a secret). */
async function promptHidden(question: string): Promise<string> {
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  const output = rl as unknown as { _writeToOutput(text: string): void };
  let asked = false;
  output._writeToOutput = (text) => {
    if (!asked) process.stderr.write(text);
  };
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    asked = true;
  });
}

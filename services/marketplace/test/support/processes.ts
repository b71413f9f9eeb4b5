/** Real processes for the queue tests: `duet-judge worker`s (built bin), started, watched, SIGKILLed, always reaped. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';

export const JUDGE_BIN = fileURLToPath(new URL('../../../judge/bin/duet-judge.js', import.meta.url));

export interface Proc {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** Resolves when the output matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function startProcess(args: string[], env: Record<string, string>, name: string): Proc {
  const child = spawn(process.execPath, args, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer): void => {
    text += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return {
    child,
    output: () => text,
    waitFor(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(text);
          if (match) {
            done();
            resolve(match);
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${name} did not print ${pattern} within ${timeoutMs} ms; it printed:\n${text.slice(-3000)}`));
        }, timeoutMs);
        const onExit = (): void => {
          done();
          reject(new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before printing ${pattern}:\n${text.slice(-3000)}`));
        };
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
        };
        listeners.add(check);
        child.once('exit', onExit);
        check();
      });
    },
    kill(signal = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill(signal);
      });
    },
  };
}

export interface WorkerEnv {
  redisUrl: string;
  prefix: string;
  marketUrl: string;
  secret: string;
  cacheDir: string;
  lockMs?: number;
}

export function startWorker(env: WorkerEnv, name: string): Proc {
  return startProcess([JUDGE_BIN, 'worker'], {
    REDIS_URL: env.redisUrl,
    DUET_QUEUE_PREFIX: env.prefix,
    DUET_MARKET_URL: env.marketUrl,
    DUET_WORKER_SECRET: env.secret,
    DUET_JUDGE_CACHE_DIR: env.cacheDir,
    DUET_JUDGE_LOCK_MS: String(env.lockMs ?? 1500),
    DUET_JUDGE_WARM_SANDBOXES: '0',
  }, name);
}

/** Collaboration services as real processes: started, waited for, SIGKILLed, always reaped. */
import { type ChildProcess, spawn } from 'node:child_process';
import { onTestFinished } from 'vitest';
import type { Signer } from './support.js';
import { ISSUER } from './support.js';

export interface CollabProcess {
  child: ChildProcess;
  url: string;
  port: number;
}

export async function startCollabProcess(signer: Signer, env: Record<string, string>): Promise<CollabProcess> {
  const child = spawn(process.execPath, [new URL('./fixtures/collab-process.mjs', import.meta.url).pathname], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', DUET_TEST_JWKS: JSON.stringify(signer.jwks), DUET_ROOM_ISSUER: ISSUER, DUET_COLLAB_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the collab process did not start: ${stderr}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => reject(new Error(`the collab process exited (${code}): ${stderr}`)));
  });
  return { child, port, url: `ws://127.0.0.1:${port}` };
}

export function kill(processes: CollabProcess): Promise<void> {
  return new Promise((resolve) => {
    processes.child.once('exit', () => resolve());
    processes.child.kill('SIGKILL');
  });
}

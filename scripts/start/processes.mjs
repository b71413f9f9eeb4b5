/**
 * The child processes `npm start` runs: each in its own process group, its output prefixed with
 * its name, and all of them stopped (SIGTERM, then SIGKILL after a grace period) when one exits
 * or when the user presses Ctrl-C, so that nothing is left behind.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const GRACE_MS = 5000;

export class ProcessGroup {
  /** @type {{ name: string, child: import('node:child_process').ChildProcess, exited: Promise<number|null> }[]} */
  #children = [];
  #stopping = false;
  onUnexpectedExit = (/** @type {string} */ _name, /** @type {number|null} */ _code) => {};

  /**
   * Starts `command args` with `env` added to this process's environment; resolves once a line of
   * its output matches `ready`, or `readyUrl` answers 200 (or at once without either), rejects if
   * it exits first.
   * @param {{ name: string, command: string, args: string[], env?: Record<string,string>, ready?: RegExp, readyUrl?: string, cwd?: string, quiet?: boolean }} spec
   */
  start({ name, command, args, env = {}, ready, readyUrl, cwd, quiet = false }) {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
    this.#children.push({ name, child, exited });
    return new Promise((resolve, reject) => {
      let isReady = !ready && !readyUrl;
      const becomeReady = () => {
        if (isReady) return;
        isReady = true;
        resolve(undefined);
      };
      const onLine = (/** @type {string} */ line) => {
        if (!quiet || !isReady) process.stdout.write(`${`[${name}]`.padEnd(14)} ${line}\n`);
        if (ready?.test(line)) becomeReady();
      };
      if (readyUrl) void pollUntilUp(readyUrl, () => isReady || child.exitCode !== null || child.signalCode !== null).then((up) => up && becomeReady());
      for (const stream of [child.stdout, child.stderr]) if (stream) createInterface({ input: stream }).on('line', onLine);
      if (isReady) resolve(undefined);
      void exited.then((code) => {
        if (!isReady) reject(new Error(`${name} exited (code ${code}) before it was ready`));
        else if (!this.#stopping) this.onUnexpectedExit(name, code);
      });
    });
  }

  /** SIGTERM to every group, SIGKILL to those still running after the grace period. */
  async stopAll() {
    if (this.#stopping) return;
    this.#stopping = true;
    const running = this.#children.filter(({ child }) => child.exitCode === null && child.signalCode === null);
    for (const { child } of [...running].reverse()) signalGroup(child, 'SIGTERM');
    const timer = setTimeout(() => {
      for (const { child } of running) signalGroup(child, 'SIGKILL');
    }, GRACE_MS);
    await Promise.all(running.map(({ exited }) => exited));
    clearTimeout(timer);
  }
}

/** Polls `url` every 200 ms until it answers 200 (true) or `stop()` says to give up (false). */
async function pollUntilUp(/** @type {string} */ url, /** @type {() => boolean} */ stop) {
  while (!stop()) {
    try {
      const response = await fetch(url);
      await response.body?.cancel();
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

function signalGroup(/** @type {import('node:child_process').ChildProcess} */ child, /** @type {NodeJS.Signals} */ signal) {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

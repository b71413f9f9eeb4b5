/**
 * Pre-started sandboxes, so a run does not wait for namespaces, the cgroup join (an RCU grace
 * period: ~10 ms here) and the interpreter's start-up. Each sandbox still serves exactly one run:
 * taking one starts its replacement in the background. Keyed by everything that shapes a sandbox
 * (rootfs, binds, command, env), so a run only ever gets a sandbox started for its own kind.
 */
import type { IdleSandbox } from './spawn-sandbox.js';

export class WarmPool {
  private readonly idle = new Map<string, IdleSandbox[]>();
  private closed = false;

  /** `size`: idle sandboxes kept per key (0 turns the pool off). */
  constructor(readonly size: number) {}

  /** A live pre-started sandbox for `key`, else a new one from `start`; then refills the key. */
  take(key: string, start: () => IdleSandbox): IdleSandbox {
    const list = this.idle.get(key) ?? [];
    let found: IdleSandbox | undefined;
    while (!found && list.length > 0) {
      const candidate = list.shift()!;
      if (candidate.isAlive()) found = candidate;
      else void candidate.dispose();
    }
    const sandbox = found ?? start();
    if (this.size > 0 && !this.closed) setImmediate(() => this.fill(key, list, start));
    this.idle.set(key, list);
    return sandbox;
  }

  /**
   * Kills every idle sandbox and resolves once they and their cgroups are gone (cgroups outlive a
   * process that exits without this: call it before exiting). Later takes start on demand only.
   */
  async close(): Promise<void> {
    this.closed = true;
    const disposing = [...this.idle.values()].flatMap((list) => list.splice(0).map((sandbox) => sandbox.dispose()));
    await Promise.all(disposing);
  }

  private fill(key: string, list: IdleSandbox[], start: () => IdleSandbox): void {
    try {
      while (!this.closed && list.filter((s) => s.isAlive()).length < this.size) list.push(start());
    } catch {
      // Could not pre-start (cgroups busy, out of pids): runs start their own sandbox instead.
    }
  }
}

import type { RunBundle, RunResult, TestResult } from '@duet/sdk/run';
import type { Logger } from '../services.js';

/** Judges bundles with the sandbox engine in this process (the embedded default). */
export interface RunEngine {
  judge(bundle: RunBundle, onTest: (result: TestResult, index: number) => void): Promise<RunResult>;
  close(): Promise<void>;
}

/**
 * The driver starts on the first run, with `warmSandboxes` pre-started sandboxes per kind of run
 * (one per run slot). Its sandboxes take boxes from the host's uid pool, which every judge process
 * on the host shares through the box locks in the judge's state folder (the publish judge too).
 */
export function createRunEngine(log: Logger, warmSandboxes = 1): RunEngine {
  let started: Promise<{ judge: RunEngine['judge']; close(): Promise<void> }> | undefined;
  const start = async () => {
    const engine = await import('@duet/judge-engine');
    const driver = engine.createSandboxDriver({ warmSandboxes });
    const available = await engine.sandboxAvailable(driver);
    if (!available.ok) {
      await driver.close();
      throw new Error(`the judge's sandbox is unavailable: ${available.reason ?? 'unknown reason'}`);
    }
    return {
      judge: (bundle: RunBundle, onTest: (result: TestResult, index: number) => void) =>
        engine.judgeBundle(bundle, { driver, onTest, onIncident: (incident) => log.error({ incident }, 'judge incident') }),
      close: () => driver.close(),
    };
  };
  return {
    async judge(bundle, onTest) {
      if (!started) {
        started = start();
        started.catch(() => (started = undefined));
      }
      return (await started).judge(bundle, onTest);
    },
    async close() {
      const running = await started?.catch(() => undefined);
      await running?.close();
    },
  };
}

import type { PackJudge } from '@duet/sdk/pack';
import type { PublishJudge } from './publisher.js';

/** The default publish judge: the sandbox engine in this process, started on the first publish. */
export function enginePublishJudge(): PublishJudge {
  let started: Promise<{ judge: PackJudge; close(): Promise<void> }> | undefined;
  const start = async () => {
    const engine = await import('@duet/judge-engine');
    const available = await engine.sandboxAvailable();
    if (!available.ok) throw new Error(`the judge's sandbox is unavailable: ${available.reason ?? 'unknown reason'}`);
    const driver = engine.createSandboxDriver();
    return { judge: engine.createEngineJudge(driver), close: () => driver.close() };
  };
  return {
    async judge() {
      if (!started) {
        started = start();
        // A failed start (no sandbox) is retried by the next publish.
        started.catch(() => (started = undefined));
      }
      return (await started).judge;
    },
    async close() {
      const running = await started?.catch(() => undefined);
      await running?.close();
    },
  };
}

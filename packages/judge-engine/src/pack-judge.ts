import type { PackJudge } from '@duet/sdk/pack';
import { probeComplexity } from './complexity/probe-complexity.js';
import { judgeBundle } from './judge-bundle.js';
import type { SandboxDriver } from './sandbox/driver.js';

/** The engine as a `PackJudge` (`@duet/sdk/pack`): what `duet-pack test` and the marketplace's publish checks call. */
export function createEngineJudge(driver: SandboxDriver): PackJudge {
  return {
    judge(bundle, options = {}) {
      const { onTest, stopOnFirstFailure = false } = options;
      return judgeBundle(bundle, onTest ? { driver, onTest, stopOnFirstFailure } : { driver, stopOnFirstFailure });
    },
    probe(input) {
      return probeComplexity(input, { driver });
    },
  };
}

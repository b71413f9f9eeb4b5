// Public entry of `@duet/judge-engine`: the sandbox driver, judging a run bundle (tests, then the
// complexity probe for submit runs), and the probe on its own. The run contract itself (bundle,
// probe spec, errors) is `@duet/sdk/run`.
export { createSandboxDriver, sandboxAvailable, type SandboxDriver, type SandboxDriverOptions } from './sandbox/driver.js';
export { judgeBundle, type JudgeOptions } from './judge-bundle.js';
export { createEngineJudge } from './pack-judge.js';
export { judgeTests, type JudgeTestsOptions } from './judge/judge-tests.js';
export { coarseFigure, type Incident, type IncidentReporter } from './judge/hidden-results.js';
export { probeComplexity, classifyPoints, type ProbeInput, type ProbeOptions, MIN_SIZES } from './complexity/probe-complexity.js';
export { classify, type Classified } from './complexity/classify.js';
export type { ProbePoint, ProbeStop } from './complexity/probe-protocol.js';

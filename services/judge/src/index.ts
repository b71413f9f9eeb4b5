// Public entry of `@duet/judge`: the sandbox driver and the judging engine.
export { createSandboxDriver, sandboxAvailable, type SandboxDriver, type SandboxDriverOptions } from './sandbox/driver.js';
export { judgeBundle, type JudgeOptions } from './engine/judge-bundle.js';
export { parseRunBundle, BundleError, type RunBundle } from './bundle.js';
// The HTTP API (helper C).
export * from './server/index.js';
// Complexity probe (issue 3).
export * from './complexity/index.js';

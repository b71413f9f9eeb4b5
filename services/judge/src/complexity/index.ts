export { probeComplexity, type ProbeInput, type ProbeOptions, MIN_SIZES } from './probe-complexity.js';
export { type ProbeSpec, parseProbeSpec, DEFAULT_BUDGET_MS } from './probe-spec.js';
export { COMPLEXITY_PROBE_ERROR_CODES, ComplexityProbeError, type ComplexityProbeErrorCode } from './errors.js';
export { classify, type Classified } from './classify.js';
export type { ProbePoint, ProbeStop } from './probe-protocol.js';

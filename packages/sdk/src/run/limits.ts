/**
 * Defaults and bounds of a run, in one place: the pack loader, the bundle schema, the engine and the
 * CLI all read them from here.
 */

/**
 * Memory limit of a problem that declares none, MiB: the system default the Kattis specification
 * suggests. Where the run's memory cgroup exists it caps resident memory, so the number is what a
 * program really holds, not what it reserves.
 */
export const DEFAULT_MEMORY_MB = 2048;
/** Output limit of a problem that declares none, MiB (Kattis `limits.output`). */
export const DEFAULT_OUTPUT_MB = 8;
export const DEFAULT_OUTPUT_KB = DEFAULT_OUTPUT_MB * 1024;

export const MIN_MEMORY_MB = 16;
export const MAX_MEMORY_MB = 4096;
export const MAX_TIME_MS = 60_000;
export const MAX_OUTPUT_KB = 256 * 1024;
export const MAX_TESTS = 1000;
/** Submission source, all files together. */
export const MAX_CODE_BYTES = 1 << 20;
export const MAX_SOURCE_FILES = 64;

/** Wall-time budget of one complexity analysis, ms. */
export const DEFAULT_PROBE_BUDGET_MS = 5000;
/** `duet-pack test` probes every accepted submission, so it spends less on each. */
export const TEST_PROBE_BUDGET_MS = 2000;
export const MIN_PROBE_BUDGET_MS = 200;
export const MAX_PROBE_BUDGET_MS = 60_000;

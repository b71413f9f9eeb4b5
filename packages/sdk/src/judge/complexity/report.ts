/**
 * What a complexity analysis reports (DESIGN §4 "Complexity probe"): per axis the class, a
 * confidence, the fitted curve and the raw points the widget and the PDF plot; optionally the
 * problem's expected classes and whether the solution met them.
 */
import { type ComplexityClass, compareComplexity } from './classes.js';

export interface ComplexityAxisReport {
  class: ComplexityClass;
  /** In [0, 1]. */
  confidence: number;
  /** value ≈ a·f(n) + b (seconds or bytes); `base` only for O(2^n) (e.g. 1.618 for naive Fibonacci). */
  curve: { class: ComplexityClass; a: number; b: number; base?: number };
}

export interface ComplexityTimePoint {
  n: number;
  /** CPU seconds of one call (the best of the repeats). */
  seconds: number;
  /** Software-counted operations of one call (Python line and call events, plus the comparisons of sorting, heapq and bisect calls); 0 when not counted at this size. */
  ops: number;
}

export interface ComplexitySpacePoint {
  n: number;
  /** Peak auxiliary bytes during the call: allocations (input excluded) plus call-stack depth × frame size. */
  bytes: number;
}

export interface ComplexityReport {
  time: ComplexityAxisReport & { points: ComplexityTimePoint[] };
  space: ComplexityAxisReport & { points: ComplexitySpacePoint[] };
  expected?: { time?: ComplexityClass; space?: ComplexityClass };
  /** Present when `expected` is: slower = the time or the space class is above the expected one. */
  verdict?: 'as_expected' | 'slower_than_expected';
  /** Wall time of the whole analysis, sandbox start included. */
  elapsed_ms: number;
  /** Why sizes stopped growing (budget spent, max_n reached, exponential growth, a failure at some size). */
  stopped?: string;
}

/** as_expected unless a measured class is above its expected class; undefined without expectations. */
export function complexityVerdict(
  measured: { time: ComplexityClass; space: ComplexityClass },
  expected: ComplexityReport['expected'],
): ComplexityReport['verdict'] {
  if (!expected || (expected.time === undefined && expected.space === undefined)) return undefined;
  const slower =
    (expected.time !== undefined && compareComplexity(measured.time, expected.time) > 0) ||
    (expected.space !== undefined && compareComplexity(measured.space, expected.space) > 0);
  return slower ? 'slower_than_expected' : 'as_expected';
}

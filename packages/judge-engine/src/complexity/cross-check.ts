/**
 * The classes come from the instrumented measurements (repeated warm calls in one process,
 * tracemalloc, a profile hook, settrace): precise, but a program can notice them and do less there
 * than it does in a test. So they are checked against the test-sized runs of each size, which a
 * program cannot tell from tests (same fork, frames, modules, fds, limits, interpreter), measured
 * by the kernel (CPU time, peak RSS) with an empty solution's run on the same input subtracted (the
 * fork, the input parsing, the exit).
 *
 * Those runs are coarse (one cold call, milliseconds of noise), so they decide nothing on their own
 * where they agree: an honest program's cold call costs more than its warm one (page faults, GC)
 * by a factor that does not grow much with n. They overrule the instruments only where the
 * program's own cost in a test clearly grows faster than what the instruments saw: a log-log slope
 * at least SLOPE_GAP steeper over the sizes where that cost is well above the noise, and more than
 * RATIO times it at the largest of them. Then the class is fitted on the test-sized runs, and is
 * never below the instruments' class.
 */
import { type ComplexityAxisReport, type ComplexityClass, COMPLEXITY_CLASSES, compareComplexity, complexityRank, fitComplexity } from '@duet/sdk/judge';
import type { Classified } from './classify.js';
import type { ProbePoint } from './probe-protocol.js';

/** CPU a test-sized run must cost beyond the control for its growth to be read (noise: ~1-3 ms). */
const MIN_EXTRA_SECONDS = 0.01;
/** Peak RSS beyond the control that is read as the program's own (noise: allocator arenas, pages). */
const MIN_EXTRA_BYTES = 8 * 1024 * 1024;
/** How much steeper (log-log) the tests' cost must grow than the instruments' to overrule them. */
const SLOPE_GAP = 0.6;
/**
 * Over at least this many sizes: a cold run's first-touch page faults jump once its buffers pass
 * glibc's mmap threshold (each large list is then mapped, faulted in and unmapped again), which two
 * sizes alone cannot tell from faster growth (an honest quickselect's test-sized runs cost 1.3× the
 * bench at 114k and 5× at 228k on a loaded VM).
 */
const MIN_SIZES = 3;
/** And by how much it must exceed the instruments' figure at the largest such size. */
const RATIO = 2;

interface Pair {
  n: number;
  /** The program's own cost in a test-sized run (seconds or bytes). */
  test: number;
  /**
   * The same before the machine's slowdown is divided out: what decides whether the size is above
   * the noise. On a busy machine the bench's slowdown at one size can be several times another's,
   * and dividing by it took a quadratic's 50 ms runs below the noise floor at the smaller sizes.
   */
  raw: number;
  /** What the instruments measured at that size. */
  instrument: number;
}

export interface CrossChecked extends Classified {
  /** Which axes the test-sized runs decided (their figures are then the ones to plot). */
  fromTestRuns: { time: boolean; space: boolean };
}

/** The program's own CPU seconds in a test-sized run (beyond the control), per size; undefined without a control. */
export function testRunSeconds(p: ProbePoint): number | undefined {
  const raw = rawTestRunSeconds(p);
  return raw === undefined ? undefined : raw / median(p.slowdown.length ? p.slowdown : [1]);
}

function rawTestRunSeconds(p: ProbePoint): number | undefined {
  if (p.control_seconds === null || p.test_seconds.length === 0) return undefined;
  // The least of the runs: a busy machine only ever adds CPU time (cache misses, a neighbour's core).
  return Math.max(0, Math.min(...p.test_seconds) - p.control_seconds);
}

/** The program's own peak bytes in a test-sized run (beyond the control's RSS); undefined without a control. */
export function testRunBytes(p: ProbePoint): number | undefined {
  if (p.control_kb === null || p.test_kb.length === 0) return undefined;
  return Math.max(0, (Math.min(...p.test_kb) - p.control_kb) * 1024);
}

export function crossChecked(classified: Classified, points: readonly ProbePoint[]): CrossChecked {
  const withControl = points.filter((p) => testRunSeconds(p) !== undefined && testRunBytes(p) !== undefined);
  const time = overrule(
    classified.time,
    withControl.map((p) => ({ n: p.n, test: testRunSeconds(p)!, raw: rawTestRunSeconds(p)!, instrument: Math.min(...p.seconds) })),
    MIN_EXTRA_SECONDS,
    {},
  );
  const space = overrule(
    classified.space,
    withControl.map((p) => ({ n: p.n, test: testRunBytes(p)!, raw: testRunBytes(p)!, instrument: p.bytes })),
    MIN_EXTRA_BYTES,
    { floor: 1024 },
  );
  const fromTestRuns = { time: time !== classified.time, space: space !== classified.space };
  return { ...classified, time, space, basis: fromTestRuns.time ? 'test-runs' : classified.basis, fromTestRuns };
}

/** The instruments' axis, or the test-sized runs' class when they grow clearly faster. */
function overrule(axis: ComplexityAxisReport, pairs: Pair[], minTest: number, fit: { floor?: number }): ComplexityAxisReport {
  const significant = pairs.filter((p) => p.raw >= minTest && p.test > 0).sort((a, b) => a.n - b.n);
  if (new Set(significant.map((p) => p.n)).size < MIN_SIZES) return axis;
  const gap = theilSen(significant, (p) => p.test) - theilSen(significant, (p) => Math.max(p.instrument, 1e-12));
  const largest = significant[significant.length - 1]!;
  if (gap < SLOPE_GAP || largest.test < RATIO * largest.instrument) return axis;
  const classes = COMPLEXITY_CLASSES.filter((c) => compareComplexity(c, axis.class) >= 0);
  const tested = fitComplexity(significant.map((p) => ({ n: p.n, value: p.test })), { aggregate: 'min', classes, ...fit });
  const cls: ComplexityClass = complexityRank(tested.class) > complexityRank(axis.class) ? tested.class : nextClass(axis.class);
  return { class: cls, confidence: round(Math.min(axis.confidence, tested.confidence) / 2), curve: { ...tested.curve, class: cls } };
}

/** The tests' cost grows clearly faster than the instruments' class: at least the next class up. */
function nextClass(cls: ComplexityClass): ComplexityClass {
  return COMPLEXITY_CLASSES[Math.min(COMPLEXITY_CLASSES.length - 1, complexityRank(cls) + 1)]!;
}

/** Median of the pairwise log-log slopes (robust to one noisy size). */
function theilSen(pairs: readonly Pair[], value: (p: Pair) => number): number {
  const slopes: number[] = [];
  for (let i = 0; i < pairs.length; i++) {
    for (let j = i + 1; j < pairs.length; j++) {
      const a = pairs[i]!, b = pairs[j]!;
      if (a.n !== b.n) slopes.push(Math.log(value(b) / value(a)) / Math.log(b.n / a.n));
    }
  }
  return median(slopes);
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * The space axis of classify() on peak bytes recorded from real probes (tracemalloc is exact, so
 * these are what the probe measures every time): CPython's small-int cache must not turn an O(n)
 * table into O(n log n), and a real log factor of space must still be seen.
 */
import { describe, expect, it } from 'vitest';
import { type ProbePoint, classify } from '../src/index.js';

/** Points with the given peak bytes and a plain linear time (the time axis is not under test). */
function points(bytes: ReadonlyArray<[number, number]>): ProbePoint[] {
  return bytes.map(([n, b]) => ({ n, seconds: [n * 1e-7, n * 1.02e-7, n * 0.99e-7], slowdown: [1, 1, 1], batch: 1, bytes: b, depth: 1, ops: 10 * n, wall_ms: 1 }));
}

describe('classify: space', () => {
  it('a DP row whose counts outgrow the small-int cache and level off is O(n) (coin change, bottom up)', () => {
    const recorded: Array<[number, number]> = [
      [8, 1640], [16, 1640], [32, 1766], [64, 2278], [128, 3302], [256, 5382], [512, 9478], [1024, 17670],
      [2048, 34054], [4096, 66822], [8192, 140726], [16384, 345494], [32768, 738710], [65536, 1516950], [131072, 3098006],
    ];
    expect(classify(points(recorded)).space.class).toBe('O(n)');
    expect(classify(points([...recorded, [262144, 6235542]])).space.class).toBe('O(n)');
  });

  it('two DP rows whose values are still passing 256 are O(n), not O(n log n) (LCS, two rows)', () => {
    const recorded: Array<[number, number]> = [[8, 1726], [16, 1740], [32, 1996], [64, 2508], [128, 3532], [256, 5612], [512, 16088], [1024, 46104]];
    expect(classify(points(recorded)).space.class).toBe('O(n)');
    expect(classify(points(recorded.slice(0, -1))).space.class).toBe('O(n)');
  });

  it('keeping every pass of a merge sort is O(n log n), even with 150 bytes per element of constant', () => {
    const recorded: Array<[number, number]> = [
      [8, 3952], [16, 5544], [32, 8800], [64, 15512], [128, 29392], [256, 58408], [512, 118080], [1024, 242648],
      [2048, 501552], [4096, 1030696], [8192, 2123936], [16384, 4382232], [32768, 9044176], [65536, 18661384],
    ];
    expect(classify(points(recorded)).space.class).toBe('O(n log n)');
    expect(classify(points(recorded.slice(0, -3))).space.class).toBe('O(n log n)');
  });

  it('a plain list of n references is O(n) and nothing but allocator dust is O(1)', () => {
    const sizes = [16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192];
    expect(classify(points(sizes.map((n) => [n, 56 + 8 * n + (n % 7)]))).space.class).toBe('O(n)');
    expect(classify(points(sizes.map((n) => [n, 600 + (n % 5) * 40]))).space.class).toBe('O(1)');
  });
});

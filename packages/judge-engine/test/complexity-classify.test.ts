/**
 * classify() on measurements recorded from real probes. Space: peak bytes (tracemalloc is exact, so
 * these are what the probe measures every time): CPython's small-int cache must not turn an O(n)
 * table into O(n log n), and a real log factor of space must still be seen. Time: tiny C calls,
 * where only the seconds speak: steps (int sizes, caches) are O(1), steady growth is O(log n).
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

/** Best CPU ns per call at n = 8, 16, 32, …, recorded from the probe; the operation count is flat (all C). */
function tinyCall(nanos: string): ProbePoint[] {
  return nanos.split(' ').map((t, i) => {
    const s = Number(t) * 1e-9;
    return { n: 8 * 2 ** i, seconds: [s * 1.03, s, s * 1.05], slowdown: [1, 1, 1], batch: 4096, bytes: 0, depth: 1, ops: 3, wall_ms: 1 };
  });
}

describe('classify: O(1) or O(log n) for calls that run in C', () => {
  it('bisect keeps growing at every doubling: O(log n), in each of three recorded runs', () => {
    for (const run of [
      '145 147 154 162 170 166 205 210 217 219 226 236 212 248 263 277',
      '145 149 154 161 167 178 198 215 211 231 225 237 243 248 260 279',
      '144 148 154 163 171 177 205 220 220 236 241 235 240 247 261 271',
    ]) expect(classify(tinyCall(run)).time.class).toBe('O(log n)');
  });

  it('an index or a bit trick moves in steps (the small-int cache, a second int digit) and outliers: O(1)', () => {
    for (const run of [
      '110 110 139 110 109 109 171 137 136 137 135 134 136 135 135 135 136',
      '107 104 111 103 101 109 129 133 132 133 134 139 136 138 142 136 137',
      '108 109 109 109 109 109 118 117 116 118 117 118 117 117 118 117 117 118 118 117 120 119 119 118 121 116 122 137 140 137 136 202 136 207 135 144 136 134 136 134 138 137 137 136 209 136 135 135 136 137',
      '99 105 109 108 107 105 115 116 115 116 114 115 118 113 115 118 118 116 115 117 117 114 116 123 123 121 128 146 141 141 135 145 136 143 134 134 134 139 135 133 133 129 133 133 134 134 147 144 131 136',
    ]) expect(classify(tinyCall(run)).time.class).toBe('O(1)');
  });
});

describe('classify: work hidden in C builtins', () => {
  it('prepending to a string (a linear memcpy per Python-level operation) is O(n^2), not O(n log n)', () => {
    // [n, best seconds, operations] from a probe on a slow VM that called it O(n log n) once in three.
    const recorded: Array<[number, number, number | null]> = [
      [8, 4.56e-6, 37], [16, 5.39e-6, 53], [32, 6.98e-6, 85], [64, 1.159e-5, 149], [128, 2.15e-5, 277],
      [256, 5.405e-5, 533], [512, 8.79e-5, 1045], [1024, 1.8197e-4, 2069], [2048, 4.4645e-4, 4126],
      [4096, 9.1078e-4, 8231], [8192, 2.23708e-3, 16450], [16384, 6.39258e-3, 32888], [32768, 2.143709e-2, 65755],
      [65536, 7.922343e-2, null],
    ];
    const probe: ProbePoint[] = recorded.map(([n, s, ops]) => ({
      n, seconds: [s, s * 1.02, s * 1.04], slowdown: [1, 1, 1], batch: 1, bytes: 60 * n, depth: 1, ops, wall_ms: 1,
    }));
    expect(classify(probe).time.class).toBe('O(n^2)');
  });
});

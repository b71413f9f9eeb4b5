/**
 * The complexity probe end to end in the real bwrap sandbox, on solutions of the labeled corpus
 * (test/fixtures/complexity-corpus): the classes it reports, the judge integration, and clear
 * errors for broken generators and solutions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DuetError, type RunBundle } from '@duet/sdk/run';
import { judgeBundle, probeComplexity } from '../src/index.js';
import { driver } from './engine-support.js';

const CORPUS = join(import.meta.dirname, 'fixtures/complexity-corpus');

interface CorpusProblem {
  interface: RunBundle['interface'];
  generator: string;
  max_n?: number;
}

function problem(name: string): CorpusProblem {
  const duet = parse(readFileSync(join(CORPUS, name, 'duet.yaml'), 'utf8')) as {
    interface: { type: 'stdio' } | { type: 'function'; entry: string };
    complexity: { generator: string; max_n?: number };
  };
  return {
    interface: duet.interface.type === 'function' ? { type: 'function', entry: duet.interface.entry } : { type: 'stdio' },
    generator: readFileSync(join(CORPUS, name, duet.complexity.generator), 'utf8'),
    ...(duet.complexity.max_n !== undefined ? { max_n: duet.complexity.max_n } : {}),
  };
}

const solution = (path: string): string => readFileSync(join(CORPUS, path), 'utf8');

async function probe(path: string, extra: Partial<CorpusProblem> & { budget_ms?: number } = {}) {
  const p = { ...problem(path.split('/')[0]!), ...extra };
  return probeComplexity(
    {
      code: solution(path),
      interface: p.interface,
      probe: { generator: p.generator, ...(p.max_n !== undefined ? { max_n: p.max_n } : {}), ...(extra.budget_ms ? { budget_ms: extra.budget_ms } : {}) },
    },
    { driver },
  );
}

// Classes come from timing a real sandboxed run; on a shared CI machine (the other test files judge
// in parallel) one analysis can be disturbed, so a class assertion gets two more tries.
describe('probeComplexity on labeled corpus solutions', { retry: 2 }, () => {
  const cases: Array<[string, string, string, number?]> = [
    ['fast-power/solutions/squaring.py', 'O(log n)', 'O(1)'],
    ['fibonacci/solutions/iterative.py', 'O(n)', 'O(1)'],
    ['sort-numbers/solutions/builtin_sorted.py', 'O(n log n)', 'O(n)'],
    // 8 extra bytes per element per level next to ~240 of constant: the log factor shows only past
    // n ~ 16k, which the default budget, shared with the test-sized runs, does not reach on a busy CI machine.
    ['sort-numbers/solutions/merge_levels.py', 'O(n log n)', 'O(n log n)', 8000],
    ['contains-duplicate/solutions/seen_list.py', 'O(n^2)', 'O(n)'],
    // A log factor comes from the modelled comparisons of sorting, heapq and bisect, never from the
    // memory hierarchy: a set grown from n items is O(n), however its time per item grows.
    ['dedupe-keep-order/solutions/seen_set.py', 'O(n)', 'O(n)'],
    ['pair-sum-sorted/solutions/bisect_each.py', 'O(n log n)', 'O(1)'],
    ['kth-largest/solutions/nlargest.py', 'O(n log n)', 'O(n)'],
    ['fibonacci/solutions/naive_recursive.py', 'O(2^n)', 'O(n)'],
    ['fibonacci/solutions/memo_recursive.py', 'O(n)', 'O(n)'],
    ['binary-search/solutions/recursive.py', 'O(log n)', 'O(log n)'],
    ['lcs-length/solutions/full_table.py', 'O(n^2)', 'O(n^2)'],
    ['lcs-length/solutions/two_rows.py', 'O(n^2)', 'O(n)'],
    ['matrix-multiply/solutions/triple_loop.py', 'O(n^3)', 'O(n^2)'],
    ['sum-lines/solutions/read_all.py', 'O(n)', 'O(n)'],
  ];
  for (const [path, time, space, budget_ms] of cases) {
    it(`${path}: time ${time}, space ${space}`, async () => {
      const report = await probe(path, budget_ms ? { budget_ms } : {});
      expect({ time: report.time.class, space: report.space.class }).toEqual({ time, space });
      expect(report.time.points.length).toBeGreaterThanOrEqual(3);
      expect(report.time.confidence).toBeGreaterThan(0);
      expect(report.time.confidence).toBeLessThanOrEqual(1);
      expect(report.space.points.map((p) => p.n)).toEqual(report.time.points.map((p) => p.n));
      for (const p of report.time.points) expect(p.seconds).toBeGreaterThan(0);
      expect(report.elapsed_ms).toBeLessThan(15_000 + (budget_ms ?? 0));
      expect(report.expected).toBeUndefined();
      expect(report.verdict).toBeUndefined();
    });
  }

  it('the operation count holds the comparisons of a sort done in C (n log2 n), not only its Python lines', async () => {
    const report = await probe('sort-numbers/solutions/builtin_sorted.py');
    const counted = report.time.points.filter((p) => p.ops > 0 && p.n >= 1000);
    expect(counted.length).toBeGreaterThan(0);
    for (const p of counted) expect(p.ops).toBeGreaterThanOrEqual(p.n * Math.log2(p.n) * 0.9);
  });

  it('sizes grow geometrically, are no powers of two, stop at max_n, and the budget is respected', async () => {
    const started = performance.now();
    const report = await probe('fibonacci/solutions/iterative.py', { max_n: 1000, budget_ms: 3000 });
    const sizes = report.time.points.map((p) => p.n);
    expect(sizes.at(-1)).toBe(1000);
    expect(sizes.length).toBeGreaterThanOrEqual(7);
    for (const [i, n] of sizes.entries()) {
      expect(n & (n - 1), `n = ${n}`).not.toBe(0);
      if (i > 0 && i < sizes.length - 1) expect(n / sizes[i - 1]!).toBeGreaterThan(1.5);
      if (i > 0 && i < sizes.length - 1) expect(n / sizes[i - 1]!).toBeLessThan(2.7);
    }
    expect(report.stopped).toMatch(/max_n/);
    expect(performance.now() - started).toBeLessThan(12_000);
  });

  it('exponential growth switches to unit steps, so O(2^n) gets enough points', async () => {
    const report = await probe('hanoi-moves/solutions/naive_recursive.py', { budget_ms: 3000 });
    const sizes = report.time.points.map((p) => p.n);
    // The first doubling explodes, so the sizes in between are filled in and n then grows by one
    // (points are reported sorted by n).
    const [first = 0, second = 0] = sizes;
    expect(second).toBe(first + 1);
    expect(sizes.length).toBeGreaterThanOrEqual(6);
    expect(sizes.slice(0, 6)).toEqual([0, 1, 2, 3, 4, 5].map((i) => first + i));
    expect(report.time.class).toBe('O(2^n)');
  });
});

describe('judgeBundle with a complexity probe', { retry: 2 }, () => {
  const p = problem('two-sum');
  const bundle = (code: string, kind: RunBundle['kind'] = 'submit'): RunBundle => ({
    kind,
    language: 'python',
    code,
    interface: p.interface,
    tests: [{ name: 'one', input: '[[2, 7, 11, 15], 9]', answer: '[0, 1]' }],
    limits: { time_ms: 2000, memory_mb: 256, output_kb: 1024 },
    checker: { type: 'default' },
    complexity: { generator: p.generator, max_n: 65536, expected_time: 'O(n)', expected_space: 'O(n)', budget_ms: 4000 },
  });

  it('submit runs include the classes, the expected classes and a verdict', async () => {
    const fast = await judgeBundle(bundle(solution('two-sum/solutions/hash_map.py')), { driver });
    expect(fast.verdict).toBe('AC');
    expect(fast.complexity).toMatchObject({ time: { class: 'O(n)' }, space: { class: 'O(n)' }, expected: { time: 'O(n)', space: 'O(n)' }, verdict: 'as_expected' });
    const slow = await judgeBundle(bundle(solution('two-sum/solutions/brute_force.py')), { driver });
    expect(slow.verdict).toBe('AC');
    expect(slow.complexity).toMatchObject({ time: { class: 'O(n^2)' }, expected: { time: 'O(n)' }, verdict: 'slower_than_expected' });
  });

  it('sample runs and compile errors get no analysis', async () => {
    const sample = await judgeBundle(bundle(solution('two-sum/solutions/hash_map.py'), 'sample'), { driver });
    expect(sample.complexity).toBeUndefined();
    const ce = await judgeBundle(bundle('def two_sum(:\n'), { driver });
    expect(ce.verdict).toBe('CE');
    expect(ce.complexity).toBeUndefined();
  });

  it('a broken generator is reported as the problem author’s error, next to a normal verdict', async () => {
    const b = bundle(solution('two-sum/solutions/hash_map.py'));
    b.complexity = { generator: 'def generate(n, rng):\n    return [list(range(n)), n +\n' };
    const result = await judgeBundle(b, { driver });
    expect(result.verdict).toBe('AC');
    expect(result.complexity).toBeUndefined();
    // A submit run says which part failed in fixed words (the generator's own text stays out).
    expect(result.complexity_error).toBe("the problem's complexity generator failed");
  });
});

describe('probe errors', () => {
  const p = problem('two-sum');
  const run = (code: string, generator: string) =>
    probeComplexity({ code, interface: p.interface, probe: { generator, budget_ms: 2000 } }, { driver }).then(
      () => {
        throw new Error('expected the probe to fail');
      },
      (error: unknown) => error as DuetError,
    );
  const ok = solution('two-sum/solutions/hash_map.py');

  it('generator with a syntax error', async () => {
    const error = await run(ok, 'def generate(n, rng)\n    return []\n');
    expect(error).toBeInstanceOf(DuetError);
    expect(error.code).toBe('GENERATOR_ERROR');
    expect(error.message).toMatch(/generators\/probe\.py: .*line 1/);
  });

  it('generator without generate(), raising, or returning the wrong type', async () => {
    expect(await run(ok, 'def make(n, rng):\n    return []\n')).toMatchObject({ code: 'GENERATOR_ERROR', message: expect.stringMatching(/defines no function generate\(n, rng\)/) });
    expect(await run(ok, 'def generate(n, rng):\n    raise ValueError("bad n")\n')).toMatchObject({ code: 'GENERATOR_ERROR', message: expect.stringMatching(/generate\(\d+, rng\) raised ValueError: bad n/) });
    expect(await run(ok, 'def generate(n, rng):\n    return "text"\n')).toMatchObject({ code: 'GENERATOR_ERROR', message: expect.stringMatching(/must return the list of positional arguments for two_sum\(\)/) });
  });

  it('a solution that fails at the first sizes, or does not compile', async () => {
    const gen = p.generator;
    const raising = await run('def two_sum(nums, target):\n    raise KeyError("nope")\n', gen);
    expect(raising.code).toBe('SOLUTION_ERROR');
    expect(raising.message).toMatch(/KeyError/);
    expect((await run('def two_sum(:\n', gen)).code).toBe('COMPILE_ERROR');
  });

  it('a malformed probe spec is the caller’s mistake', async () => {
    await expect(probeComplexity({ code: ok, interface: p.interface, probe: { generator: '' } }, { driver })).rejects.toMatchObject({ code: 'PROBE_INVALID' });
    await expect(
      probeComplexity({ code: ok, interface: p.interface, probe: { generator: p.generator, expected_time: 'fast' } }, { driver }),
    ).rejects.toMatchObject({ code: 'PROBE_INVALID', message: expect.stringMatching(/expected_time/) });
  });
});

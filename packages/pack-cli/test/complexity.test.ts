/**
 * `duet-pack complexity` and the complexity parts of `run` through the real bwrap sandbox: a lone
 * problem folder (problem.yaml, duet.yaml, generator, nothing else) with an O(n) and an O(n^2)
 * solution, the errors an author can make, and `run --json` on a problem with a probe.
 * Generous timeouts: each analysis spends its budget (~5 s) on two shared cores.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir, writeTree } from './helpers.js';

const LONE_PROBLEM: Record<string, string> = {
  'problem/problem.yaml': 'problem_format_version: legacy\nname: Count smaller\nlimits:\n  memory: 256\n',
  'problem/duet.yaml': [
    'interface: {type: function, entry: count_pairs, params: [{name: nums, type: "list[int]"}], returns: int}',
    'complexity: {generator: generators/probe.py, max_n: 65536}',
    '',
  ].join('\n'),
  'problem/generators/probe.py': [
    'def generate(n, rng):',
    '    return [[rng.randint(0, 1000) for _ in range(n)]]',
    '',
  ].join('\n'),
  // One pass with O(1) state vs a double loop over the pairs.
  'linear.py': [
    'def count_pairs(nums):',
    '    total = 0',
    '    for x in nums:',
    '        total += x & 7',
    '    return total',
    '',
  ].join('\n'),
  'quadratic.py': [
    'def count_pairs(nums):',
    '    total = 0',
    '    for i in range(len(nums)):',
    '        a = nums[i]',
    '        for j in range(i + 1, len(nums)):',
    '            if a < nums[j]:',
    '                total += 1',
    '    return total',
    '',
  ].join('\n'),
};

interface ComplexityJson {
  time: { class: string; confidence: number; points: Array<{ n: number; seconds: number; ops: number }> };
  space: { class: string; confidence: number; points: Array<{ n: number; bytes: number }> };
  expected?: { time?: string; space?: string };
  verdict?: string;
}

async function loneProblem(): Promise<string> {
  const root = await tempDir();
  await writeTree(root, LONE_PROBLEM);
  return root;
}

function parseReport(stdout: string): ComplexityJson {
  const report = JSON.parse(stdout) as ComplexityJson;
  for (const axis of [report.time, report.space]) {
    expect(axis.confidence).toBeGreaterThanOrEqual(0);
    expect(axis.confidence).toBeLessThanOrEqual(1);
    expect(axis.points.length).toBeGreaterThanOrEqual(3);
  }
  for (const p of report.time.points) {
    expect(p).toEqual({ n: expect.any(Number), seconds: expect.any(Number), ops: expect.any(Number) });
    expect(p.seconds).toBeGreaterThan(0);
  }
  for (const p of report.space.points) expect(p).toEqual({ n: expect.any(Number), bytes: expect.any(Number) });
  return report;
}

describe('duet-pack complexity', { timeout: 120_000 }, () => {
  it('classifies an O(n) and an O(n^2) solution on a folder with only problem.yaml, duet.yaml and the generator', async () => {
    const root = await loneProblem();

    const linear = await cli(['complexity', 'problem', 'linear.py', '--json'], root);
    expect(linear.code, linear.stderr).toBe(0);
    const linearReport = parseReport(linear.stdout);
    expect(linearReport.time.class).toBe('O(n)');
    expect(linearReport.space.class).toBe('O(1)');
    // No expected classes declared: no verdict either.
    expect(linearReport.verdict).toBeUndefined();

    const quadratic = await cli(['complexity', 'problem', 'quadratic.py', '--json'], root);
    expect(quadratic.code, quadratic.stderr).toBe(0);
    const quadraticReport = parseReport(quadratic.stdout);
    expect(quadraticReport.time.class).toBe('O(n^2)');
    expect(quadraticReport.space.class).toBe('O(1)');
    // A quadratic loop cannot reach the sizes a linear one does in the same budget.
    const largest = (r: ComplexityJson) => Math.max(...r.time.points.map((p) => p.n));
    expect(largest(quadraticReport)).toBeLessThan(largest(linearReport));
  });

  it('prints a summary, the verdict against duet.yaml and a text plot; exit 1 when slower than expected', async () => {
    const root = await loneProblem();
    await writeFile(
      join(root, 'problem/duet.yaml'),
      LONE_PROBLEM['problem/duet.yaml']!.replace('max_n: 65536', 'max_n: 65536, expected_time: "O(n)", expected_space: "O(1)"'),
    );
    const run = await cli(['complexity', 'problem', 'quadratic.py', '--budget', '3'], root);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^time: {2}O\(n\^2\) \(confidence [01]\.\d\d\), expected O\(n\)$/m);
    expect(run.stdout).toMatch(/^space: O\(1\) \(confidence [01]\.\d\d\), expected O\(1\)$/m);
    expect(run.stdout).toMatch(/^verdict: slower than expected$/m);
    expect(run.stdout).toMatch(/^analysis: \d+\.\d s, \d+ sizes, n = \d+…\d+/m);
    expect(run.stdout).toContain('seconds vs n (log-log; * measured, . fitted O(n^2))');
    // The plot: ten rows of `label |cells`, then the n axis.
    const plotRows = run.stdout.split('\n').filter((line) => /^\s*[\d.e-]* \|/.test(line));
    expect(plotRows.length).toBeGreaterThanOrEqual(20); // time and space plots
    expect(run.stdout).toMatch(/\+-{50}/);
  });

  it('exit 2 naming the file or field: no generator declared, generator missing, solution missing, bad budget', async () => {
    const root = await loneProblem();

    const noSolution = await cli(['complexity', 'problem', 'nope.py'], root);
    expect(noSolution.code).toBe(2);
    expect(noSolution.stderr).toMatch(/cannot read solution file .*nope\.py: no such file/);

    const badBudget = await cli(['complexity', 'problem', 'linear.py', '--budget', 'soon'], root);
    expect(badBudget.code).toBe(2);
    expect(badBudget.stderr).toContain('--budget: expected seconds of analysis');

    await rm(join(root, 'problem/generators'), { recursive: true });
    const missing = await cli(['complexity', 'problem', 'linear.py'], root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('duet.yaml: complexity.generator:');
    expect(missing.stderr).toContain('generators/probe.py does not exist');
    expect(missing.stderr).not.toMatch(/\n\s+at /); // no stack trace

    await writeFile(join(root, 'problem/duet.yaml'), 'interface: {type: function, entry: count_pairs, returns: int}\n');
    const undeclared = await cli(['complexity', 'problem', 'linear.py'], root);
    expect(undeclared.code).toBe(2);
    expect(undeclared.stderr).toMatch(/duet\.yaml: complexity\.generator: missing/);
  });

  it('a generator that raises is the author\'s to fix (exit 2, naming the generator)', async () => {
    const root = await loneProblem();
    await writeFile(join(root, 'problem/generators/probe.py'), 'def generate(n, rng):\n    raise ValueError("no inputs today")\n');
    const run = await cli(['complexity', 'problem', 'linear.py'], root);
    expect(run.code, run.stdout).toBe(2);
    expect(run.stderr).toContain('generators/probe.py');
    expect(run.stderr).toContain('no inputs today');
  });
});

describe('duet-pack run --json on a problem with a probe', { timeout: 180_000 }, () => {
  it('a submit run includes the complexity with expected classes and a verdict', async () => {
    const root = await tempDir();
    expect((await cli(['init', 'pack', '--name', '@test/complexity'], root)).code).toBe(0);
    // The scaffolded max-subarray declares complexity: O(n) time, O(1) space, generators/probe.py.
    const solution = 'pack/problems/max-subarray/submissions/accepted/kadane.py';
    const run = await cli(['run', 'pack', 'max-subarray', solution, '--json'], root);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { verdict: string; complexity?: ComplexityJson };
    expect(result.verdict).toBe('AC');
    expect(result.complexity).toBeDefined();
    const complexity = result.complexity!;
    expect(complexity.expected).toEqual({ time: 'O(n)', space: 'O(1)' });
    expect(complexity.time.class).toBe('O(n)');
    expect(complexity.space.class).toBe('O(1)');
    expect(complexity.verdict).toBe('as_expected');
    expect(complexity.time.points.length).toBeGreaterThanOrEqual(3);

    // Sample runs are for feedback while coding: no probe.
    const samples = await cli(['run', 'pack', 'max-subarray', solution, '--samples', '--json'], root);
    expect(samples.code, samples.stderr).toBe(0);
    expect(JSON.parse(samples.stdout)).not.toHaveProperty('complexity');
  });

  it('a quadratic submission is reported slower than expected, whatever its verdict', async () => {
    const root = await tempDir();
    expect((await cli(['init', 'pack', '--name', '@test/complexity'], root)).code).toBe(0);
    const quadratic = 'pack/problems/max-subarray/submissions/time_limit_exceeded/quadratic.py';
    const run = await cli(['run', 'pack', 'max-subarray', quadratic, '--json'], root);
    const result = JSON.parse(run.stdout) as { verdict: string; complexity?: ComplexityJson };
    expect(result.verdict).toBe('TLE');
    expect(result.complexity?.time.class).toBe('O(n^2)');
    expect(result.complexity?.verdict).toBe('slower_than_expected');
    // The text report says so too.
    const text = await cli(['run', 'pack', 'max-subarray', quadratic], root);
    expect(text.stdout).toMatch(/^complexity:\n {2}time: {2}O\(n\^2\) .*expected O\(n\)$/m);
    expect(text.stdout).toMatch(/^ {2}verdict: slower than expected$/m);
  });
});

describe('duet-pack test with a probe', { timeout: 180_000 }, () => {
  it('probes accepted submissions that got AC, checks the expected classes; --no-complexity skips it', async () => {
    const root = await tempDir();
    expect((await cli(['init', 'pack', '--name', '@test/complexity'], root)).code).toBe(0);
    await rm(join(root, 'pack/problems/max-subarray/submissions/time_limit_exceeded'), { recursive: true });
    type Report = {
      ok: boolean;
      problems: Array<{
        complexity?: { expected_time?: string; expected_space?: string; budget_ms: number };
        submissions: Array<{ name: string; status: string; complexity?: { status: string; time?: string; space?: string; verdict?: string } }>;
      }>;
    };

    const run = await cli(['test', 'pack', '--json'], root);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const problem = (JSON.parse(run.stdout) as Report).problems[0]!;
    expect(problem.complexity).toEqual({ expected_time: 'O(n)', expected_space: 'O(1)', budget_ms: 2000 });
    const kadane = problem.submissions.find((s) => s.name === 'accepted/kadane.py');
    expect(kadane?.complexity).toMatchObject({ status: 'ok', time: 'O(n)', space: 'O(1)', verdict: 'as_expected' });
    // Only accepted submissions are probed: a wrong answer's classes say nothing.
    expect(problem.submissions.find((s) => s.name.startsWith('wrong_answer/'))?.complexity).toBeUndefined();

    const skipped = await cli(['test', 'pack', '--json', '--no-complexity'], root);
    expect(skipped.code, skipped.stdout + skipped.stderr).toBe(0);
    const plain = (JSON.parse(skipped.stdout) as Report).problems[0]!;
    expect(plain.complexity).toBeUndefined();
    expect(plain.submissions.every((s) => s.complexity === undefined)).toBe(true);
  });
});

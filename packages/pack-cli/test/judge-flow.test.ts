/**
 * End-to-end flows through the real bwrap sandbox: `test` on scaffolded and imported packs, `run`
 * in its three modes. Generous timeouts: two shared cores, other test suites running alongside.
 */
import { copyFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir, writeTree } from './helpers.js';
import { KATTIS_RANGE_PROBLEM } from './kattis-fixture.js';

const PROBLEM = 'max-subarray';
const SUBMISSIONS = `pack/problems/${PROBLEM}/submissions`;

/** A scaffolded pack in a temp folder; `fast` drops the (seconds-long) TLE submission. */
async function scaffoldedPack({ fast }: { fast: boolean }): Promise<string> {
  const root = await tempDir();
  const init = await cli(['init', 'pack', '--name', '@test/flow'], root);
  expect(init.code, init.stderr).toBe(0);
  if (fast) await rm(join(root, SUBMISSIONS, 'time_limit_exceeded'), { recursive: true });
  return root;
}

interface TestReport {
  ok: boolean;
  problems: Array<{
    id: string;
    ok: boolean;
    time_limit_ms: number;
    time_limit_source: string;
    time_limit_from?: { submission: string; test: string; cpu_ms: number };
    submissions: Array<{ name: string; expected: string; got?: string; status: string; passed?: number; total?: number; note?: string }>;
  }>;
}

describe('duet-pack test', { timeout: 180_000 }, () => {
  it('init → validate → test passes: every submission gets the verdict its folder promises', async () => {
    const root = await scaffoldedPack({ fast: false });
    expect((await cli(['validate', 'pack'], root)).code).toBe(0);

    const run = await cli(['test', 'pack'], root);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`${PROBLEM}: 6 tests, time limit 1000 ms (declared)`);
    // The scaffold declares a complexity probe: accepted submissions also show their time / space classes.
    expect(run.stdout).toMatch(/^accepted\/kadane\.py\s+AC\s+AC\s+6\/6\s+\d+\s+[\d.]+\s+O\(n\)\s+O\(1\)\s+ok\s*$/m);
    expect(run.stdout).toMatch(/^wrong_answer\/never_negative\.py\s+WA\s+WA\s.*\sok\b/m);
    expect(run.stdout).toMatch(/^time_limit_exceeded\/quadratic\.py\s+TLE\s+TLE\s.*\sok\b/m);
    expect(run.stdout).toMatch(/^PASS: 1 problem, 3 submissions: 3 ok, 0 mismatched, 0 skipped \(\d+\.\d s\)$/m);
    // stderr is not a TTY here: no progress noise.
    expect(run.stderr).toBe('');
  });

  it('a wrong_answer submission that actually passes is a mismatch (exit 1)', async () => {
    const root = await scaffoldedPack({ fast: true });
    await copyFile(join(root, SUBMISSIONS, 'accepted/kadane.py'), join(root, SUBMISSIONS, 'wrong_answer/actually_right.py'));

    const text = await cli(['test', 'pack'], root);
    expect(text.code, text.stdout + text.stderr).toBe(1);
    expect(text.stdout).toMatch(/^wrong_answer\/actually_right\.py\s+WA\s+AC\s+6\/6\s.*MISMATCH/m);
    expect(text.stdout).toMatch(/^wrong_answer\/never_negative\.py\s+WA\s+WA\s.*\sok\b/m);
    expect(text.stdout).toMatch(/^FAIL: 1 problem, 3 submissions: 2 ok, 1 mismatched/m);

    const json = await cli(['test', 'pack', '--problem', PROBLEM, '--json'], root);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as TestReport;
    expect(report.ok).toBe(false);
    const rows = report.problems[0]?.submissions ?? [];
    expect(rows.find((s) => s.name === 'wrong_answer/actually_right.py')).toMatchObject({ expected: 'WA', got: 'AC', status: 'mismatch' });
    // The expected failure stops at its first failing test (stopOnFirstFailure) and names it.
    const wa = rows.find((s) => s.name === 'wrong_answer/never_negative.py');
    expect(wa).toMatchObject({ expected: 'WA', got: 'WA', status: 'ok' });
    expect(wa?.note).toMatch(/^first failure: secret\/02-all-negative WA/);
  });

  it('imports a Kattis problem with a Python output validator, then test passes with a computed time limit', async () => {
    const root = await scaffoldedPack({ fast: true });
    await writeTree(join(root, 'kattis/pickanumber'), KATTIS_RANGE_PROBLEM);

    const imported = await cli(['import-kattis', 'kattis/pickanumber', 'pack', '--id', 'pick'], root);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("Imported problem 'pick' into problems/pick/ and added it to pack.yaml");
    expect(imported.stdout).toContain('1 sample, 3 secret');
    expect(imported.stdout).toContain('custom output validator (python');
    expect((await cli(['validate', 'pack'], root)).code).toBe(0);

    const run = await cli(['test', 'pack', '--problem', 'pick', '--json'], root);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const problem = (JSON.parse(run.stdout) as TestReport).problems[0];
    expect(problem?.id).toBe('pick');
    // Kattis way: slowest accepted test's cpu time × time_multiplier (5), ms precision, ≥ 100 ms.
    expect(problem?.time_limit_source).toBe('computed');
    const from = problem?.time_limit_from;
    expect(from?.submission).toMatch(/^accepted\/(lowest|highest)\.py$/);
    expect(problem?.time_limit_ms).toBe(Math.max(1, Math.ceil(((from?.cpu_ms ?? NaN) * 5) / 1000)) * 1000);
    const byName = new Map(problem?.submissions.map((s) => [s.name, s]));
    expect(byName.get('accepted/lowest.py')).toMatchObject({ got: 'AC', status: 'ok', passed: 4, total: 4 });
    expect(byName.get('accepted/highest.py')).toMatchObject({ got: 'AC', status: 'ok' });
    expect(byName.get('wrong_answer/one_past.py')).toMatchObject({ expected: 'WA', got: 'WA', status: 'ok' });
    // The validator's judgemessage.txt reaches the author.
    expect(byName.get('wrong_answer/one_past.py')?.note).toMatch(/outside \[/);
    expect(byName.get('accepted/lowest.cpp')).toMatchObject({ status: 'skipped' });
  });
});

describe('duet-pack run', { timeout: 120_000 }, () => {
  it('--json judges the hidden tests and prints the documented shape (exit 0 on AC)', async () => {
    const root = await scaffoldedPack({ fast: true });
    const run = await cli(['run', 'pack', PROBLEM, `${SUBMISSIONS}/accepted/kadane.py`, '--json'], root);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as { verdict: string; time_limit_ms: number; tests: Array<Record<string, unknown>> };
    expect(result.verdict).toBe('AC');
    expect(result.time_limit_ms).toBe(1000);
    // Hidden tests: ordinals, not the author's test names; coarse figures; nothing of the output.
    expect(result.tests.map((t) => t.name)).toEqual(['test 1', 'test 2', 'test 3', 'test 4']);
    for (const test of result.tests) {
      expect(test).toMatchObject({ verdict: 'AC', cpu_ms: expect.any(Number), wall_ms: expect.any(Number), memory_kb: expect.any(Number), coarse: true });
      expect([125, 250, 500, 1000]).toContain(test.cpu_ms);
      expect(test).not.toHaveProperty('stdout');
      expect(test).not.toHaveProperty('diff');
    }
  });

  it('--samples on a wrong solution shows output and a diff, exit 1', async () => {
    const root = await scaffoldedPack({ fast: true });
    await writeFile(join(root, 'wrong.py'), 'def max_subarray(nums):\n    print("debug", len(nums))\n    return sum(nums)\n');
    const run = await cli(['run', 'pack', PROBLEM, 'wrong.py', '--samples', '--json'], root);
    expect(run.code, run.stdout + run.stderr).toBe(1);
    const result = JSON.parse(run.stdout) as { verdict: string; tests: Array<{ name: string; verdict: string; stdout?: string; diff?: string }> };
    expect(result.verdict).toBe('WA');
    const first = result.tests[0];
    expect(first?.name).toBe('sample/1');
    expect(first?.verdict).toBe('WA');
    expect(first?.stdout).toContain('debug 9');
    expect(first?.diff).toBeTruthy();
  });

  it('--stdin runs once on the given input and shows stdout and stderr', async () => {
    const root = await scaffoldedPack({ fast: true });
    await writeFile(
      join(root, 'echo.py'),
      'import sys\ndef max_subarray(nums):\n    print("got", nums)\n    print("to stderr", file=sys.stderr)\n    return max(nums)\n',
    );
    await writeFile(join(root, 'input.json'), '[[3, -1, 4]]\n');
    const run = await cli(['run', 'pack', PROBLEM, 'echo.py', '--stdin', 'input.json'], root);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('--- custom: stdout ---\ngot [3, -1, 4]\n');
    expect(run.stdout).toContain('--- custom: stderr ---\nto stderr\n');
    expect(run.stdout).toMatch(/verdict: AC \(1\/1 tests, time limit 1000 ms\)/);
  });

  it('--stdin that is not a JSON array of arguments for a function problem is a usage error (exit 2), not a judge error', async () => {
    const root = await scaffoldedPack({ fast: true });
    await writeFile(join(root, 'input.txt'), '3 -1 4\n');
    const run = await cli(['run', 'pack', PROBLEM, `${SUBMISSIONS}/accepted/kadane.py`, '--stdin', 'input.txt'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^duet-pack: --stdin input\.txt: this is a function problem: the input must be a JSON array of the arguments, e\.g\. /);
  });

  it('shows progress on stderr only when stderr is a terminal, and clears it', async () => {
    const root = await scaffoldedPack({ fast: true });
    const solution = `${SUBMISSIONS}/accepted/kadane.py`;
    const tty = await cli(['run', 'pack', PROBLEM, solution, '--json'], root, { tty: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toContain(`judging ${solution} 4/4`);
    expect(tty.stderr.endsWith('\r\x1b[2K')).toBe(true);
    expect(JSON.parse(tty.stdout)).toMatchObject({ verdict: 'AC' });
  });

  it('a syntax error is reported as CE with its line, exit 1', async () => {
    const root = await scaffoldedPack({ fast: true });
    await writeFile(join(root, 'broken.py'), 'def max_subarray(nums):\n    return (\n');
    const run = await cli(['run', 'pack', PROBLEM, 'broken.py', '--samples'], root);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/compile error at line \d+/);
    expect(run.stdout).toMatch(/verdict: CE/);
  });
});

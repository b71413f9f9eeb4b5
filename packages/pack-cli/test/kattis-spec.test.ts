/**
 * Kattis problems written to the published spec (legacy, 2023-07, 2025-09), one per feature,
 * imported with `duet-pack import-kattis` and judged through the real sandbox with `duet-pack test`
 * and `duet-pack run`. Generous timeouts: two shared cores, other suites running alongside.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir, writeTree } from './helpers.js';
import {
  contestArchiveProblem,
  EXPECTATIONS_YAML,
  expectationsProblem,
  multiFileProblem,
  refusedTypeProblems,
  samplesOnlyProblem,
  unknownKeyProblem,
} from './kattis-spec-judging.js';
import {
  constantsProblem,
  declaredLimitProblem,
  includeProblem,
  namesProblem,
  thirdProblem,
  timingProblem,
  type Tree,
} from './kattis-spec-problems.js';

interface Row {
  name: string;
  expected: string;
  got?: string;
  status: string;
  note?: string;
  passed?: number;
  total?: number;
  judged_time_limit_ms?: number;
}
interface ProblemReport {
  ok: boolean;
  tests: number;
  time_limit_ms: number;
  time_limit_source: string;
  time_limit_from?: { cpu_ms: number };
  submissions: Row[];
}

/** A pack (the scaffold's problem without its slow TLE submission) in a temp folder. */
async function emptyPack(): Promise<string> {
  const root = await tempDir();
  expect((await cli(['init', 'pack', '--name', '@test/kattis'], root)).code).toBe(0);
  await rm(join(root, 'pack/problems/max-subarray/submissions/time_limit_exceeded'), { recursive: true });
  return root;
}

/** Writes a Kattis package beside the pack and imports it; returns import-kattis's output. */
async function importProblem(root: string, id: string, tree: Tree) {
  await writeTree(join(root, 'kattis', id), tree);
  return cli(['import-kattis', `kattis/${id}`, 'pack', '--id', id], root);
}

async function imported(id: string, tree: Tree): Promise<string> {
  const root = await emptyPack();
  const result = await importProblem(root, id, tree);
  expect(result.code, result.stderr).toBe(0);
  return root;
}

async function testProblem(root: string, id: string): Promise<{ code: number; report: ProblemReport; rows: Map<string, Row>; warnings: unknown[] }> {
  const run = await cli(['test', 'pack', '--problem', id, '--json', '--no-complexity'], root);
  const parsed = JSON.parse(run.stdout) as { problems: ProblemReport[]; warnings: unknown[] };
  const report = parsed.problems[0]!;
  return { code: run.code, report, rows: new Map(report.submissions.map((s) => [s.name, s])), warnings: parsed.warnings };
}

/** `duet-pack run --json` on the hidden tests: test name → verdict. */
/**
 * The verdict of each hidden test of a `duet-pack run`, by test name. A submit run names hidden
 * tests by ordinal only, so the names are the problem's hidden tests in judging order (by path).
 */
async function verdicts(root: string, id: string, file: string, names?: readonly string[]): Promise<Record<string, string>> {
  const run = await cli(['run', 'pack', id, file, '--json'], root);
  const result = JSON.parse(run.stdout) as { tests: Array<{ name: string; verdict: string }> };
  return Object.fromEntries(result.tests.map((t, i) => [names?.[i] ?? t.name, t.verdict]));
}

describe('2023-07 and 2025-09 problems judge as the spec says', { timeout: 240_000 }, () => {
  it('constants are replaced in the output validator, test_group.yaml arguments and example submissions', async () => {
    const root = await imported('cap', constantsProblem());
    const { code, report, rows } = await testProblem(root, 'cap');
    expect(code, JSON.stringify(report, null, 2)).toBe(0);
    // The validator exits with a judge error unless it got "cap 1000": every AC proves both replacements.
    expect(rows.get('accepted/cap.py')).toMatchObject({ got: 'AC', status: 'ok', passed: 3, total: 3 });
    expect(rows.get('wrong_answer/no_cap.py')).toMatchObject({ expected: 'WA', got: 'WA', status: 'ok' });
    expect(rows.get('wrong_answer/no_cap.py')?.note).toMatch(/secret\/02 WA: got 5000 for 5000/);
  });

  it('include/python3/ files are added to every Python submission, overriding include/default/ and the submission\'s own', async () => {
    const root = await imported('add', includeProblem());
    const { code, rows } = await testProblem(root, 'add');
    expect(code).toBe(0);
    expect(rows.get('accepted/add.py')).toMatchObject({ got: 'AC', status: 'ok' });
    expect(rows.get('accepted/own_arith')).toMatchObject({ got: 'AC', status: 'ok' });
    expect(rows.get('wrong_answer/times.py')).toMatchObject({ got: 'WA', status: 'ok' });
    // A user's file gets them too.
    await writeFile(join(root, 'mine.py'), 'import arith\nprint(arith.add(*map(int, input().split())))\n');
    expect(Object.values(await verdicts(root, 'add', 'mine.py'))).toEqual(['AC']);
  });

  it.each(['2023-07', '2025-09'] as const)('%s: output_validator_args per test group, inherited as the spec says', async (version) => {
    const id = `third-${version.slice(0, 4)}`;
    const root = await imported(id, thirdProblem(version));
    const { code, rows } = await testProblem(root, id);
    expect(code).toBe(0);
    expect(rows.get('accepted/precise.py')).toMatchObject({ got: 'AC', status: 'ok' });
    expect(rows.get('wrong_answer/two_decimals.py')).toMatchObject({ got: 'WA', status: 'ok' });
    // Two decimals are 0.01 close: enough where the tolerance is 0.01, not where it is 1e-7.
    const expected =
      version === '2023-07'
        ? { 'secret/loose/01': 'AC', 'secret/loose/deeper/03': 'AC', 'secret/strict/01': 'WA', 'secret/strict/02': 'AC' }
        : { 'secret/loose/01': 'AC', 'secret/strict/01': 'WA', 'secret/strict/02': 'AC', 'secret/strict/big/03': 'WA' };
    await writeFile(join(root, 'two.py'), "n = int(input())\nprint('%.2f' % (n / 3))\n");
    expect(await verdicts(root, id, 'two.py', Object.keys(expected).sort())).toEqual(expected);
  });

  it('limits.time_multipliers and time_resolution compute the limit; time_limit_to_tle stretches it for TLE submissions', async () => {
    const root = await imported('timing', timingProblem());
    const { code, report, rows } = await testProblem(root, 'timing');
    expect(code, JSON.stringify(report, null, 2)).toBe(0);
    expect(report.time_limit_source).toBe('computed');
    // The smallest multiple of time_resolution (0.5 s) at least ac_to_time_limit (3) × the slowest accepted test.
    const cpu = report.time_limit_from?.cpu_ms ?? NaN;
    expect(report.time_limit_ms).toBe(Math.max(1, Math.ceil((cpu * 3) / 500)) * 500);
    expect(rows.get('time_limit_exceeded/spin.py')).toMatchObject({ got: 'TLE', status: 'ok', judged_time_limit_ms: report.time_limit_ms * 2 });

    const declared = await imported('declared', declaredLimitProblem());
    const fixed = await testProblem(declared, 'declared');
    expect(fixed.report).toMatchObject({ ok: true, time_limit_ms: 2500, time_limit_source: 'declared' });
  });

  it('name, credits and source maps load; a multi-file submission runs its __main__.py with its sibling module', async () => {
    const root = await imported('names', namesProblem());
    expect((await testProblem(root, 'names')).code).toBe(0);

    const split = await imported('split', multiFileProblem());
    const { code, rows } = await testProblem(split, 'split');
    expect(code).toBe(0);
    expect(rows.get('accepted/split')).toMatchObject({ got: 'AC', status: 'ok', passed: 2, total: 2 });
    expect(rows.get('run_time_error/missing')).toMatchObject({ expected: 'RE', got: 'RE', status: 'ok' });
    expect(rows.get('run_time_error/missing')?.note).toMatch(/no_such_module_anywhere/);
  });
});

describe('submissions.yaml', { timeout: 240_000 }, () => {
  it('judges each submission by the globs that match it, on the tests each rule names', async () => {
    const root = await imported('sum', expectationsProblem());
    const { code, report, rows } = await testProblem(root, 'sum');
    expect(code, JSON.stringify(report, null, 2)).toBe(0);
    expect(rows.get('accepted/sum.py')).toMatchObject({ expected: 'AC', got: 'AC', status: 'ok' });
    // AC on the sample and the small case, TLE on the large one, under time_limit × time_limit_to_tle (default 1.5).
    expect(rows.get('time_limit_exceeded/quadratic.py')).toMatchObject({
      expected: 'TLE, AC in sample, AC in secret/*-small, TLE in secret/*-large',
      got: 'TLE',
      status: 'ok',
      judged_time_limit_ms: Math.ceil(report.time_limit_ms * 1.5),
    });
    expect(rows.get('wrong_answer/off_by_one.py')).toMatchObject({ expected: 'WA, message "expected"', status: 'ok' });
    expect(rows.get('wrong_answer/crashes_on_large.py')).toMatchObject({ got: 'WA', status: 'ok' });
    expect(rows.get('brute_force/recursive.py')).toMatchObject({ expected: 'RE/TLE', status: 'ok' });
    expect(rows.get('rejected/silent.py')).toMatchObject({ expected: 'RE/TLE/WA', got: 'WA', status: 'ok' });
  });

  it('a requirement a submission breaks is a mismatch that names the rule', async () => {
    const strict = EXPECTATIONS_YAML.replace('wrong_answer:\n  permitted: [AC, WA, RTE]\n', '') + 'accepted:\n  message: no such message\n';
    const root = await imported('sum', expectationsProblem(strict));
    const { code, rows } = await testProblem(root, 'sum');
    expect(code).toBe(1);
    // Without the override, the default wrong_answer/ permits AC and WA only.
    const crashes = rows.get('wrong_answer/crashes_on_large.py');
    expect(crashes?.status).toBe('mismatch');
    expect(crashes?.note).toMatch(/^secret\/02-large got RE, but wrong_answer\/ \(default\) permits only AC\/WA: .*too many/);
    expect(rows.get('accepted/sum.py')).toMatchObject({ status: 'mismatch', note: 'no judge message contains "no such message" (submissions.yaml: accepted)' });
    expect(rows.get('wrong_answer/off_by_one.py')).toMatchObject({ status: 'ok' });
  });
});

describe('import-kattis refuses what Duet cannot judge, and takes contest archives as they are', { timeout: 120_000 }, () => {
  it('each problem type Duet cannot judge is refused with a message naming the type', async () => {
    const root = await emptyPack();
    for (const [label, tree] of Object.entries(refusedTypeProblems())) {
      const id = label.replace(' ', '-');
      const result = await importProblem(root, id, tree);
      expect(result.code, label).toBe(2);
      const type = label.replace('legacy ', '');
      expect(result.stderr, label).toContain(`Duet cannot judge ${type} (`);
    }
  });

  it('an unknown problem.yaml key is an error naming it', async () => {
    const root = await emptyPack();
    const result = await importProblem(root, 'unknown', unknownKeyProblem());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/problem\.yaml:4:1: author: unknown key \(allowed keys: /);
  });

  it('a contest archive problem.yaml (name as a map, an empty validator_flags) imports and judges', async () => {
    const root = await imported('archive', contestArchiveProblem());
    const { code, rows } = await testProblem(root, 'archive');
    expect(code).toBe(0);
    expect(rows.get('wrong_answer/sub.py')).toMatchObject({ got: 'WA', status: 'ok' });
  });

  it('a problem without data/secret imports with a warning, and its samples are judged', async () => {
    const root = await emptyPack();
    const result = await importProblem(root, 'samples', samplesOnlyProblem());
    expect(result.code, result.stderr).toBe(0);
    const warning = 'warning: problems/samples/data/secret: no data/secret folder: the samples are judged in place of hidden tests';
    expect(result.stdout).toContain(warning);
    const validate = await cli(['validate', 'pack'], root);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain(warning);

    const { code, report, warnings } = await testProblem(root, 'samples');
    expect(code).toBe(0);
    expect(report.tests).toBe(2);
    expect(warnings).toEqual([expect.objectContaining({ file: 'problems/samples/data/secret' })]);
    expect(await verdicts(root, 'samples', 'kattis/samples/submissions/accepted/add.py', ['sample/1', 'sample/2'])).toEqual({ 'sample/1': 'AC', 'sample/2': 'AC' });
  });
});

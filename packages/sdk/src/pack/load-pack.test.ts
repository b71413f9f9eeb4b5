import { mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { averageProblem, packYaml, tempDir, twoSumProblem, under, writeTree } from '../../test/pack-fixtures.js';
import { checkerSpecFor, loadPack, loadProblem, PackValidationError, readTestData, validatePack } from './index.js';

async function validPack(): Promise<string> {
  const dir = await tempDir();
  await writeTree(dir, {
    'pack.yaml': packYaml(['two-sum', 'average']),
    ...under('problems/two-sum', twoSumProblem()),
    ...under('problems/average', averageProblem()),
  });
  return dir;
}

/** Load expecting failure; returns the issues without line/column (asserted separately). */
async function issuesOf(dir: string) {
  const result = await validatePack(dir);
  expect(result.ok).toBe(false);
  expect(result.pack).toBeUndefined();
  return result.issues.map(({ line: _l, column: _c, ...rest }) => rest);
}

describe('loadPack on a valid pack', () => {
  test('loads the manifest and the problems in pack.yaml order', async () => {
    const dir = await validPack();
    const pack = await loadPack(dir);
    expect(pack.dir).toBe(path.resolve(dir));
    expect(pack.manifest).toMatchObject({ name: '@acme/basics', version: '1.0.0', price: 0, runtime: { language: 'python' } });
    expect(pack.problems.map((p) => p.id)).toEqual(['two-sum', 'average']);
  });

  test('pairs tests by path, samples first, subfolders as groups', async () => {
    const dir = await validPack();
    const [twoSum] = (await loadPack(dir)).problems;
    expect(twoSum!.tests.map((t) => `${t.group}:${t.name}`)).toEqual([
      'sample:sample/1',
      'secret:secret/01',
      'secret:secret/02-large',
      'secret:secret/group1/01',
    ]);
    expect(twoSum!.tests[3]).toEqual({
      name: 'secret/group1/01',
      group: 'secret',
      inputPath: path.join(dir, 'problems/two-sum/data/secret/group1/01.in'),
      answerPath: path.join(dir, 'problems/two-sum/data/secret/group1/01.ans'),
    });
    expect(await readTestData(twoSum!, 'sample')).toEqual([{ name: 'sample/1', input: '[[2, 7, 11, 15], 9]\n', answer: '[0, 1]\n' }]);
    expect((await readTestData(twoSum!)).map((t) => t.name)).toHaveLength(4);
  });

  test('lists submissions; Python 3 files and folders of .py files are runnable', async () => {
    const [twoSum] = (await loadPack(await validPack())).problems;
    expect(twoSum!.submissions.map(({ name, category, language }) => ({ name, category, language }))).toEqual([
      { name: 'accepted/brute.cpp', category: 'accepted', language: 'unsupported' },
      { name: 'accepted/hash.py', category: 'accepted', language: 'python' },
      { name: 'time_limit_exceeded/multi', category: 'time_limit_exceeded', language: 'python' },
      { name: 'wrong_answer/first_two.py', category: 'wrong_answer', language: 'python' },
    ]);
  });

  test('skips submission folders without a Duet expectation and Python 2 files, as problemtools does', async () => {
    const dir = await validPack();
    await writeTree(dir, {
      'problems/two-sum/submissions/slow_accepted/slow.py': 'pass\n',
      'problems/two-sum/submissions/accepted/py2.py': '#!/usr/bin/env python2\nprint 1\n',
    });
    const [twoSum] = (await loadPack(dir)).problems;
    expect(twoSum!.submissions.map((s) => s.name)).not.toContain('slow_accepted/slow.py');
    expect(twoSum!.submissions.find((s) => s.name === 'accepted/py2.py')?.language).toBe('unsupported');
  });

  test('reads duet.yaml, limits and time limits with the documented defaults', async () => {
    const [twoSum, average] = (await loadPack(await validPack())).problems;
    expect(twoSum!.duet.interface).toEqual({
      type: 'function',
      entry: 'two_sum',
      params: [
        { name: 'nums', type: 'list[int]' },
        { name: 'target', type: 'int' },
      ],
      returns: 'list[int]',
    });
    // Authors write complexity classes loosely; the loader stores the canonical spelling.
    expect(twoSum!.duet.complexity).toEqual({ expected_time: 'O(n log n)', max_n: 1000 });
    expect(twoSum!.statementPath).toMatch(/problem_statement[/\\]problem\.en\.md$/);
    expect(twoSum!.declaredTimeLimitMs).toBe(2500);
    expect(twoSum!.limits).toEqual({ timeMultiplier: 5, timeSafetyMargin: 2, memoryMb: 128, outputKb: 8192 });

    expect(average!.duet).toEqual({ interface: { type: 'stdio' }, checker: 'default', tags: [], starter: {} });
    expect(average!.statementPath).toMatch(/problem\.md$/);
    expect(average!.declaredTimeLimitMs).toBe(1500); // from .timelimit
    expect(average!.limits).toEqual({ timeMultiplier: 3, timeSafetyMargin: 2, memoryMb: 2048, outputKb: 1024 });
  });

  test('checkerSpecFor: default validator flags, exact, custom', async () => {
    const dir = await validPack();
    const [twoSum, average] = (await loadPack(dir)).problems;
    expect(await checkerSpecFor(twoSum!)).toEqual({ type: 'default' });
    expect(await checkerSpecFor(average!)).toEqual({ type: 'default', flags: { float_tolerance: 1e-6, case_sensitive: true } });

    await writeFile(path.join(dir, 'problems/two-sum/duet.yaml'), 'checker: exact\ninterface: {type: stdio}\n');
    await writeTree(dir, { 'problems/two-sum/data/secret/01.in': 'not json, fine for stdio\n' });
    expect(await checkerSpecFor((await loadPack(dir)).problems[0]!)).toEqual({ type: 'exact' });

    // A single-file validator directly in output_validators/.
    await writeTree(dir, {
      'problems/average/problem.yaml': 'validation: custom\nvalidator_flags: eps 0.1\n',
      'problems/average/output_validators/check.py': 'import sys\nsys.exit(42)\n',
    });
    const average2 = (await loadPack(dir)).problems[1]!;
    expect(average2.outputValidator).toEqual({ dir: path.join(dir, 'problems/average/output_validators'), language: 'python', files: ['check.py'] });
    expect(await checkerSpecFor(average2)).toEqual({
      type: 'custom',
      language: 'python',
      files: { 'check.py': 'import sys\nsys.exit(42)\n' },
      args: ['eps', '0.1'],
    });
  });

  test('a C++ validator folder with headers is one C++ program', async () => {
    const dir = await validPack();
    await writeTree(dir, {
      'problems/average/problem.yaml': 'validation: custom\n',
      'problems/average/output_validators/v/validate.cc': '#include "validate.h"\nint main() { return 42; }\n',
      'problems/average/output_validators/v/validate.h': '#pragma once\n',
    });
    const spec = await checkerSpecFor((await loadPack(dir)).problems[1]!);
    expect(spec).toMatchObject({ type: 'custom', language: 'cpp' });
    expect(spec.type === 'custom' && Object.keys(spec.files).sort()).toEqual(['validate.cc', 'validate.h']);
  });
});

describe('invalid packs report every issue at once', () => {
  test('structure mistakes across pack.yaml and problem folders', async () => {
    const dir = await tempDir();
    const broken = twoSumProblem();
    delete broken['data/secret/01.ans']; // .in without .ans
    broken['data/secret/03.in'] = '{"nums": [1]}\n'; // not a JSON array
    broken['data/secret/03.ans'] = 'zero\n'; // not JSON
    broken['data/secret/04.in'] = '[[1, 2]]\n'; // wrong arity
    broken['data/secret/04.ans'] = '[]\n';
    broken['problem.yaml'] = 'name: Two Sum\ntimelimit: 2\nlimits: {memory: lots}\n';
    const noSecret = averageProblem();
    delete noSecret['data/secret/1.in'];
    delete noSecret['data/secret/1.ans'];
    noSecret['data/secret/README.txt'] = 'tests go here\n';
    delete noSecret['duet.yaml'];
    delete noSecret['problem_statement/problem.md'];
    const custom = { ...averageProblem(), 'problem.yaml': 'validation: custom\n' };
    await writeTree(dir, {
      'pack.yaml': packYaml(['two-sum', 'average', 'two-sum', 'missing', 'custom']),
      ...under('problems/two-sum', broken),
      ...under('problems/average', noSecret),
      ...under('problems/custom', custom),
      ...under('problems/stray', averageProblem()),
    });

    const issues = await issuesOf(dir);
    const expected = [
      { file: 'problems/two-sum/problem.yaml', field: 'timelimit', message: expect.stringMatching(/^unknown key \(allowed keys: /) },
      { file: 'problems/two-sum/problem.yaml', field: 'limits.memory', message: 'expected a positive number of MiB, got "lots"' },
      { file: 'problems/two-sum/data/secret/01.in', message: 'no answer file: expected data/secret/01.ans beside it' },
      {
        file: 'problems/two-sum/data/secret/03.in',
        message: 'expected a JSON array of the 2 argument(s), got a JSON object',
      },
      { file: 'problems/two-sum/data/secret/03.ans', message: expect.stringMatching(/^expected the JSON return value, but it is not JSON/) },
      { file: 'problems/two-sum/data/secret/04.in', message: 'expected 2 argument(s) as duet.yaml interface.params says, got 1' },
      { file: 'problems/average/duet.yaml', message: expect.stringMatching(/^missing: every problem in a pack needs a duet.yaml/) },
      { file: 'problems/average/problem_statement', message: expect.stringMatching(/^missing statement: expected problem_statement\/problem.en.md/) },
      { file: 'problems/average/data', message: 'no tests: expected data/secret/*.in (hidden tests) or data/sample/*.in, each with a matching .ans file' },
      { file: 'pack.yaml', field: 'problems.2', message: 'duplicate problem id "two-sum" (already listed as problems.0)' },
      { file: 'pack.yaml', field: 'problems.3', message: 'lists "missing", but the folder problems/missing/ does not exist' },
      {
        file: 'problems/custom/problem.yaml',
        field: 'validation',
        message: 'is "custom" but there is no output validator: expected its sources in output_validators/<name>/',
      },
      { file: 'problems/stray', message: 'not listed in pack.yaml: add "stray" to problems, or remove the folder' },
    ];
    for (const issue of expected) expect(issues).toContainEqual(issue);
    expect(issues).toHaveLength(expected.length);
  });

  test('loadPack throws PackValidationError whose format() is one line per issue', async () => {
    const dir = await validPack();
    await writeTree(dir, { 'problems/average/problem.yaml': 'limits:\n  memory: lots\n' });
    await rm(path.join(dir, 'problems/average/data/secret'), { recursive: true });
    const error = await loadPack(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackValidationError);
    const e = error as PackValidationError;
    expect(e.code).toBe('PACK_INVALID');
    expect(e.format().split('\n')).toEqual([
      'problems/average/problem.yaml:2:11: limits.memory: expected a positive number of MiB, got "lots"',
      'problems/average/data: no tests: expected data/secret/*.in (hidden tests) or data/sample/*.in, each with a matching .ans file',
    ]);
    expect(e.message).not.toMatch(/\n\s+at /); // no stack trace in what the CLI prints
  });

  test('missing pack.yaml, missing folder, YAML syntax errors', async () => {
    const dir = await tempDir();
    expect(await issuesOf(path.join(dir, 'nope'))).toEqual([{ file: '.', message: 'missing folder: expected a pack folder with pack.yaml' }]);
    expect(await issuesOf(dir)).toEqual([{ file: 'pack.yaml', message: 'missing: expected pack.yaml with name, version, title and problems' }]);

    await writeTree(dir, { 'pack.yaml': 'name: "@a/b"\nproblems: [a\n' });
    const [syntax] = (await validatePack(dir)).issues;
    expect(syntax).toMatchObject({ file: 'pack.yaml', line: expect.any(Number), column: expect.any(Number) });
    expect(syntax!.message).toMatch(/^YAML syntax error: /);
  });

  test('a bad pack.yaml still reports its listed problems', async () => {
    const dir = await tempDir();
    await writeTree(dir, { 'pack.yaml': 'name: nope\nversion: 1.0.0\ntitle: T\nproblems: [ghost]\n' });
    expect(await issuesOf(dir)).toEqual([
      { file: 'pack.yaml', field: 'name', message: 'expected a scoped npm-style name, lowercase, e.g. "@acme/interview-basics", got "nope"' },
      { file: 'pack.yaml', field: 'problems.0', message: 'lists "ghost", but the folder problems/ghost/ does not exist' },
    ]);
  });

  test('exact checker with a custom validator, missing generator', async () => {
    const dir = await validPack();
    await writeTree(dir, {
      'problems/average/problem.yaml': 'validation: custom\n',
      'problems/average/output_validators/v/v.py': 'import sys\nsys.exit(42)\n',
      'problems/average/duet.yaml': 'checker: exact\ncomplexity: {generator: generators/probe.py}\n',
    });
    expect(await issuesOf(dir)).toEqual([
      {
        file: 'problems/average/duet.yaml',
        field: 'checker',
        message: 'is "exact" but problem.yaml uses a custom output validator: expected "default" (which runs the validator)',
      },
      {
        file: 'problems/average/duet.yaml',
        field: 'complexity.generator',
        message: 'expected a file in the problem folder, but generators/probe.py does not exist',
      },
    ]);
  });

  test('symlinks that leave the problem folder are reported, not followed', async () => {
    const dir = await validPack();
    const outside = path.join(dir, 'outside.txt');
    await writeFile(outside, 'host secret\n');
    await symlink(outside, path.join(dir, 'problems/average/data/secret/2.in'));
    await writeFile(path.join(dir, 'problems/average/data/secret/2.ans'), '1\n');
    const issues = await issuesOf(dir);
    expect(issues).toContainEqual({
      file: 'problems/average/data/secret/2.in',
      message: 'symlink points outside the problem folder (or nowhere): expected a file inside it',
    });
  });

  test('a symlinked folder that contains itself is reported, not walked forever', async () => {
    const dir = await validPack();
    await symlink('..', path.join(dir, 'problems/average/data/secret/loop'));
    expect(await issuesOf(dir)).toEqual([
      { file: 'problems/average/data/secret/loop/secret', message: 'symlink loop: expected a folder that does not contain itself' },
    ]);
  });
});

describe('loadProblem on its own', () => {
  test('a Kattis problem without duet.yaml defaults to stdio', async () => {
    const dir = await tempDir();
    const files = averageProblem();
    delete files['duet.yaml'];
    await writeTree(path.join(dir, 'Average_Problem'), files);
    const problem = await loadProblem(path.join(dir, 'Average_Problem'), { id: 'average' });
    expect(problem.id).toBe('average');
    expect(problem.duet.interface).toEqual({ type: 'stdio' });
    expect(problem.tests.map((t) => t.name)).toEqual(['secret/1']);
  });

  test('throws with every issue, file paths relative to the problem folder', async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, 'p'));
    const error = await loadProblem(path.join(dir, 'p')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackValidationError);
    expect((error as PackValidationError).issues.map((i) => i.file)).toEqual(['problem.yaml', 'problem_statement', 'data', 'submissions']);
  });
});

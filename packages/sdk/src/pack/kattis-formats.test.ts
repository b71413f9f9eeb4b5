/**
 * The loader on problems of each Kattis format version: what 2023-07 / 2025-09 add (constants,
 * included code, test data settings, output_validator/), what Duet refuses, and what it warns about.
 */
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { inspectTree as inspect, type Tree } from '../../test/pack-fixtures.js';
import { bundleFromProblem, checkerSpecFor, readStatement, readSubmission, testsFor } from './index.js';

/** A valid 2025-09 problem (a + b), plus `files`; `yaml` lines are appended to problem.yaml. */
function problem2025(files: Tree = {}, ...yaml: string[]): Tree {
  return {
    'problem.yaml': ['problem_format_version: 2025-09', 'name: Add', 'uuid: 0f6f4b6e-6f7c-4b5e-8f4e-2f6b9c1d0a11', ...yaml, ''].join('\n'),
    'statement/problem.en.md': 'Print $a + b$.\n',
    'data/sample/1.in': '1 2\n',
    'data/sample/1.ans': '3\n',
    'data/secret/1.in': '2 2\n',
    'data/secret/1.ans': '4\n',
    'submissions/accepted/add.py': 'print(sum(map(int, input().split())))\n',
    ...files,
  };
}


async function load(files: Tree) {
  const { problem, issues } = await inspect(files);
  expect(issues).toEqual([]);
  return problem!;
}

describe('problem types Duet cannot judge', () => {
  test.each([
    ['type: interactive', 'type', 'interactive'],
    ['type: [pass-fail, multi-pass]', 'type', 'multi-pass'],
    ['type: submit-answer', 'type', 'submit-answer'],
    ['type: scoring', 'type', 'scoring'],
  ])('2025-09 %s is refused, naming the type', async (line, field, type) => {
    const { issues } = await inspect(problem2025({}, line));
    expect(issues).toEqual([{ file: 'problem.yaml', field, message: expect.stringMatching(new RegExp(`^Duet cannot judge ${type} \\(`)) }]);
  });

  test('legacy custom interactive and custom score are refused, naming the type', async () => {
    const legacy = (line: string): Tree => ({
      'problem.yaml': `${line}\n`,
      'problem_statement/problem.en.tex': 'x\n',
      'data/secret/1.in': '1\n',
      'data/secret/1.ans': '1\n',
      'output_validators/v/v.py': 'import sys\nsys.exit(42)\n',
      'submissions/accepted/a.py': 'print(input())\n',
    });
    expect((await inspect(legacy('validation: custom interactive'))).issues).toEqual([
      { file: 'problem.yaml', field: 'validation', message: expect.stringMatching(/^Duet cannot judge interactive \(/) },
    ]);
    expect((await inspect(legacy('validation: custom score'))).issues).toEqual([
      { file: 'problem.yaml', field: 'validation', message: expect.stringMatching(/^Duet cannot judge scoring \(/) },
    ]);
  });

  test('a problem that does not allow python3 cannot be solved on Duet', async () => {
    const { issues } = await inspect(problem2025({}, 'languages: [cpp, java]'));
    expect(issues).toEqual([{ file: 'problem.yaml', field: 'languages', message: expect.stringContaining('does not allow python3') }]);
  });
});

describe('warnings', () => {
  test('no data/secret: a warning, and submit runs judge the samples', async () => {
    const files = problem2025();
    delete files['data/secret/1.in'];
    delete files['data/secret/1.ans'];
    const { problem, issues, warnings } = await inspect(files);
    expect(issues).toEqual([]);
    expect(warnings).toEqual([{ file: 'data/secret', message: 'no data/secret folder: the samples are judged in place of hidden tests' }]);
    expect(problem!.warnings).toEqual(warnings);
    expect(testsFor(problem!, 'secret').map((t) => t.name)).toEqual(['sample/1']);
    const bundle = await bundleFromProblem(problem!, { code: 'print(3)', kind: 'submit', timeLimitMs: 1000 });
    expect(bundle.tests.map((t) => t.name)).toEqual(['sample/1']);
  });

  test('a 2025-09 problem without a uuid loads, with a warning', async () => {
    const files = problem2025();
    files['problem.yaml'] = 'problem_format_version: 2025-09\nname: Add\n';
    const { problem, warnings } = await inspect(files);
    expect(problem).not.toBeNull();
    expect(warnings).toEqual([{ file: 'problem.yaml', field: 'uuid', message: expect.stringMatching(/^missing: 2025-09 requires a uuid/) }]);
  });
});

describe('constants', () => {
  test('are kept as written and replaced in Markdown and LaTeX statements, unknown names left alone', async () => {
    const problem = await load(problem2025({ 'statement/problem.en.md': 'Print at most {{max_n}} values within {{eps}} ({{other}}).\n' }, 'constants: {max_n: 100000, eps: 1e-6, word: "hi"}'));
    expect(problem.constants).toEqual({ max_n: '100000', eps: '1e-6', word: 'hi' });
    expect((await readStatement(problem))?.text).toBe('Print at most 100000 values within 1e-6 ({{other}}).\n');

    // LaTeX statements take `\constant{name}`; `{{name}}` is Markdown's.
    const latex = await load({ ...problem2025({}, 'constants: {max_n: 7}'), 'statement/problem.sv.tex': 'Högst $\\constant{max_n}$, {{max_n}}.\n' });
    const texPath = path.join(latex.dir, 'statement/problem.sv.tex');
    expect((await readStatement({ statementPath: texPath, constants: latex.constants }))?.text).toBe('Högst $7$, {{max_n}}.\n');
  });

  test('are replaced in the output validator and example submissions, not in a user\'s code', async () => {
    const problem = await load(
      problem2025(
        {
          'output_validator/check.py': 'LIMIT = {{max_n}}\n',
          'submissions/accepted/add.py': 'print({{max_n}})\n',
        },
        'constants: {max_n: 42}',
      ),
    );
    expect(await checkerSpecFor(problem)).toEqual({ type: 'custom', language: 'python', files: { 'check.py': 'LIMIT = 42\n' } });
    const example = await readSubmission(problem.submissions[0]!, problem);
    expect(example).toEqual({ code: 'print(42)\n', entry: 'add.py' });
    const user = await bundleFromProblem(problem, { code: 'print({{max_n}})\n', kind: 'sample', timeLimitMs: 1000 });
    expect(user.code).toBe('print({{max_n}})\n');
  });
});

describe('output validators by format version', () => {
  test('2025-09 reads output_validator/ and refuses output_validators/; legacy warns about output_validator/', async () => {
    const modern = await inspect(problem2025({ 'output_validators/v/v.py': 'import sys\n' }));
    expect(modern.issues).toEqual([{ file: 'output_validators', message: 'misnamed for 2025-09: expected the validator program in output_validator/ (singular)' }]);
    // Even when problem.yaml has mistakes, the rest is read as its problem_format_version says.
    const broken = await inspect(problem2025({ 'output_validators/v/v.py': 'import sys\n' }, 'author: Ada'));
    expect(broken.issues.map((i) => i.file)).toEqual(['problem.yaml', 'output_validators']);

    const legacy = await inspect({
      'problem.yaml': 'name: A\n',
      'problem_statement/problem.en.tex': 'x\n',
      'data/secret/1.in': '1\n',
      'data/secret/1.ans': '1\n',
      'output_validator/v.py': 'import sys\n',
      'submissions/accepted/a.py': 'print(input())\n',
    });
    expect(legacy.issues).toEqual([]);
    expect(legacy.problem!.outputValidator).toBeNull();
    expect(legacy.warnings).toEqual([{ file: 'output_validator', message: expect.stringMatching(/^ignored: legacy problems keep their validator in output_validators/) }]);
  });

  test('a multi-file Python validator runs its __main__.py; build/run scripts are refused', async () => {
    const problem = await load(problem2025({ 'output_validator/__init__.py': '', 'output_validator/__main__.py': 'import util\n', 'output_validator/util.py': 'X = 1\n' }));
    const spec = await checkerSpecFor(problem);
    expect(spec.type === 'custom' && Object.keys(spec.files).sort()).toEqual(['__init__.py', '__main__.py', 'util.py']);

    const scripts = await inspect(problem2025({ 'output_validator/run': '#!/bin/sh\n', 'output_validator/v.py': '' }));
    expect(scripts.issues).toEqual([{ file: 'output_validator/run', message: expect.stringContaining('does not run build/run scripts') }]);
  });
});

describe('included code', () => {
  test('include/python3/ wins over include/default/; its files join every bundle and replace a same-named entry', async () => {
    const problem = await load(
      problem2025({
        'include/default/lib.py': 'WRONG = 1\n',
        'include/python3/lib.py': 'N = {{n}}\n',
        'include/python3/main.py': 'import lib\n',
        'include/python3/data.txt': 'words {{n}}\n',
        'include/python/x.py': '',
      }, 'constants: {n: 5}'),
    );
    expect(problem.include?.files.sort()).toEqual(['data.txt', 'lib.py', 'main.py']);
    const plain = await bundleFromProblem(problem, { code: 'import lib\n', kind: 'sample', timeLimitMs: 1000, entry: 'sol.py' });
    expect(plain).toMatchObject({ code: 'import lib\n', files: { 'lib.py': 'N = 5\n', 'main.py': 'import lib\n', 'data.txt': 'words 5\n' } });
    const driven = await bundleFromProblem(problem, { code: 'mine\n', files: { 'lib.py': 'mine\n' }, kind: 'sample', timeLimitMs: 1000, entry: 'main.py' });
    expect(driven).toMatchObject({ code: 'import lib\n', files: { 'lib.py': 'N = 5\n' } });
    expect(problem.warnings.map((w) => w.file)).toEqual(['include/python']);
  });
});

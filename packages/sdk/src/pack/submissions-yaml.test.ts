/** submissions/submissions.yaml (2023-07+): globs, requirements per submission, and its mistakes. */
import { describe, expect, test } from 'vitest';
import { inspectTree as inspect, type Tree } from '../../test/pack-fixtures.js';
import { expandBraces, globMatches, globMatchesOrParent, globProblem } from './glob.js';
import { boundsTimeLimitFromAbove, lowerBoundRequirements, readSubmission, type LoadedProblem } from './index.js';

function problemTree(submissions: Tree, version = '2025-09'): Tree {
  return {
    'problem.yaml': `problem_format_version: ${version}\nname: Sum\nuuid: 7a8f3c1e-2b4d-4e6f-8a9b-0c1d2e3f4a5b\n`,
    'statement/problem.en.md': 'Print the sum.\n',
    'data/sample/1.in': '1 2\n',
    'data/sample/1.ans': '3\n',
    'data/secret/01-easy.in': '1 1\n',
    'data/secret/01-easy.ans': '2\n',
    'data/secret/02-hard.in': '5 5\n',
    'data/secret/02-hard.ans': '10\n',
    'submissions/accepted/sum.py': 'print(sum(map(int, input().split())))\n',
    ...submissions,
  };
}


const bySubmission = (problem: LoadedProblem | null) => new Map(problem!.submissions.map((s) => [s.name, s]));

describe('globs', () => {
  test('`*` stays within a segment, braces expand, a parent folder matches its contents', () => {
    expect(expandBraces('{a,b}/x.{py,cpp}')).toEqual(['a/x.py', 'a/x.cpp', 'b/x.py', 'b/x.cpp']);
    expect(expandBraces('a/{b,{c,d}e}')).toEqual(['a/b', 'a/ce', 'a/de']);
    expect(globMatches('accepted/*', 'accepted/sol.py')).toBe(true);
    expect(globMatches('*', 'accepted/sol.py')).toBe(false);
    expect(globMatches('secret/*-easy', 'secret/01-easy')).toBe(true);
    expect(globMatches('author.{py,cpp}', 'author.cpp')).toBe(true);
    expect(globMatches('a.py', 'aXpy')).toBe(false);
    expect(globMatchesOrParent('accepted', 'accepted/multi')).toBe(true);
    expect(globMatchesOrParent('secret/g1', 'secret/g1/sub/03')).toBe(true);
    expect(globMatchesOrParent('secret/g', 'secret/g1/03')).toBe(false);
    expect(globProblem('**/x.py')).toMatch(/^`\*\*` is not supported/);
    expect(globProblem('[ab].py')).toMatch(/character sets are not supported/);
    expect(globProblem('{a,b')).toMatch(/unbalanced braces/);
  });
});

describe('requirements', () => {
  test('default directories, a default replaced key by key, and additional globs scoped to test cases', async () => {
    const { problem, issues, warnings } = await inspect(
      problemTree({
        'submissions/submissions.yaml': [
          'time_limit_exceeded:',
          '  permitted: [AC, WA, TLE]',
          'time_limit_exceeded/solves_easy.py:',
          '  secret/*-easy:',
          '    permitted: [AC]',
          '  secret/*-hard:',
          '    required: TLE',
          '"{wrong_answer,other}/*.py":',
          '  message: off by one',
          '  use_for_time_limit: false',
          'accepted/nothing.py:',
          '  permitted: [AC]',
          '',
        ].join('\n'),
        'submissions/time_limit_exceeded/solves_easy.py': 'x\n',
        'submissions/wrong_answer/off.py': 'x\n',
        'submissions/other/any.py': 'x\n',
        'submissions/brute_force/slow.py': 'x\n',
      }),
    );
    expect(issues).toEqual([]);
    expect(warnings).toEqual([{ file: 'submissions/submissions.yaml', field: 'accepted/nothing.py', message: 'matches no submission' }]);
    const subs = bySubmission(problem);
    expect(subs.get('time_limit_exceeded/solves_easy.py')!.requirements).toEqual([
      { source: 'submissions.yaml: time_limit_exceeded', permitted: ['AC', 'WA', 'TLE'], required: ['TLE'] },
      { source: 'submissions.yaml: time_limit_exceeded/solves_easy.py secret/*-easy', tests: 'secret/*-easy', permitted: ['AC'], required: ['AC', 'WA', 'TLE', 'RTE'] },
      { source: 'submissions.yaml: time_limit_exceeded/solves_easy.py secret/*-hard', tests: 'secret/*-hard', permitted: ['AC', 'WA', 'TLE', 'RTE'], required: ['TLE'] },
    ]);
    expect(subs.get('wrong_answer/off.py')!.requirements).toEqual([
      { source: 'wrong_answer/ (default)', permitted: ['AC', 'WA'], required: ['WA'] },
      { source: 'submissions.yaml: {wrong_answer,other}/*.py', permitted: ['AC', 'WA', 'TLE', 'RTE'], required: ['AC', 'WA', 'TLE', 'RTE'], message: 'off by one', useForTimeLimit: false },
    ]);
    // A folder without a default has only the globs' requirements; brute_force/ has its default.
    expect(subs.get('other/any.py')!.requirements.map((r) => r.source)).toEqual(['submissions.yaml: {wrong_answer,other}/*.py']);
    expect(subs.get('brute_force/slow.py')!.requirements).toEqual([{ source: 'brute_force/ (default)', permitted: ['AC', 'RTE', 'TLE'], required: ['RTE', 'TLE'] }]);

    // Time limit roles: "not permitted to get TLE … on some subset of cases" bounds it from below, `required: TLE` from above.
    const easy = subs.get('time_limit_exceeded/solves_easy.py')!;
    expect(lowerBoundRequirements('2025-09', easy.category, easy.requirements).map((r) => r.tests)).toEqual(['secret/*-easy']);
    expect(boundsTimeLimitFromAbove(easy.requirements)).toBe(true);
    const off = subs.get('wrong_answer/off.py')!;
    expect(lowerBoundRequirements('2025-09', off.category, off.requirements).map((r) => r.source)).toEqual(['wrong_answer/ (default)']);
    expect(lowerBoundRequirements('legacy', off.category, off.requirements)).toEqual([]);
  });

  test('mistakes are errors naming the glob and key: an unknown key, a score, an unsupported glob, a bad verdict', async () => {
    const { issues } = await inspect(
      problemTree({
        'submissions/submissions.yaml': [
          'accepted:',
          '  permited: [AC]',
          '  score: 100',
          '"**/*.py":',
          '  required: [OK]',
          '',
        ].join('\n'),
      }),
    );
    expect(issues).toEqual([
      { file: 'submissions/submissions.yaml', field: 'accepted.permited', message: expect.stringMatching(/^unknown key \(allowed keys: language, entrypoint, .*, or a test data group under sample or secret/) },
      { file: 'submissions/submissions.yaml', field: 'accepted.score', message: 'is for scoring problems, which Duet cannot judge' },
      { file: 'submissions/submissions.yaml', field: '**/*.py.required.0', message: 'expected AC, WA, TLE, RTE, got "OK"' },
      { file: 'submissions/submissions.yaml', field: '**/*.py', message: expect.stringMatching(/^`\*\*` is not supported by the spec/) },
    ]);
  });

  test('legacy ignores submissions.yaml (with a warning) and judges its own folders only', async () => {
    const files = problemTree({ 'submissions/submissions.yaml': 'accepted: {permitted: [AC, WA]}\n', 'submissions/brute_force/b.py': 'x\n' });
    files['problem.yaml'] = 'name: Sum\n';
    files['problem_statement/problem.en.md'] = files['statement/problem.en.md']!;
    delete files['statement/problem.en.md'];
    const { problem: loaded, warnings } = await inspect(files);
    expect(warnings).toEqual([{ file: 'submissions/submissions.yaml', message: expect.stringMatching(/^ignored: legacy problems judge submissions by folder/) }]);
    expect(loaded!.submissions.map((s) => [s.name, s.requirements])).toEqual([['accepted/sum.py', [{ source: 'accepted/ (default)', permitted: ['AC'], required: ['AC', 'WA', 'TLE', 'RTE'] }]]]);
  });
});

describe('languages and entry points', () => {
  test('.py and .py3 files and folders of them are Python 3; `language` decides when given; other code is not', async () => {
    const { problem: loaded } = await inspect(
      problemTree({
        'submissions/submissions.yaml': 'accepted/declared.txt: {language: python3}\naccepted/other.py: {language: pypy3}\n',
        'submissions/accepted/three.py3': 'x\n',
        'submissions/accepted/declared.txt': 'x\n',
        'submissions/accepted/other.py': 'x\n',
        'submissions/accepted/mixed/main.py': 'x\n',
        'submissions/accepted/mixed/fast.cpp': 'x\n',
        'submissions/accepted/Main.java': 'x\n',
      }),
    );
    expect(Object.fromEntries(loaded!.submissions.map((s) => [s.name, s.language]))).toEqual({
      'accepted/Main.java': 'unsupported',
      'accepted/declared.txt': 'python',
      'accepted/mixed': 'unsupported',
      'accepted/other.py': 'unsupported',
      'accepted/sum.py': 'python',
      'accepted/three.py3': 'python',
    });
  });

  test('a folder runs its submissions.yaml entrypoint, else __main__.py, else main.py', async () => {
    const { problem: loaded } = await inspect(
      problemTree({
        'submissions/submissions.yaml': 'accepted/declared: {entrypoint: run.py}\n',
        'submissions/accepted/declared/run.py': 'import lib\n',
        'submissions/accepted/declared/main.py': 'main\n',
        'submissions/accepted/declared/lib.py': 'X = 1\n',
        'submissions/accepted/dunder/__main__.py': 'dunder\n',
        'submissions/accepted/dunder/main.py': 'main\n',
        'submissions/accepted/plain/main.py': 'main\n',
        'submissions/accepted/plain/util.py': 'util\n',
      }),
    );
    const subs = bySubmission(loaded);
    expect(await readSubmission(subs.get('accepted/declared')!)).toEqual({ code: 'import lib\n', files: { 'lib.py': 'X = 1\n', 'main.py': 'main\n' }, entry: 'run.py' });
    expect((await readSubmission(subs.get('accepted/dunder')!)).entry).toBe('__main__.py');
    expect((await readSubmission(subs.get('accepted/plain')!)).entry).toBe('main.py');
  });
});

/**
 * `duet-pack test` feeds a problem's custom output validator hostile output (invalid UTF-8, nothing,
 * one huge token): a validator that crashes instead of rejecting it fails the pack, since it would
 * turn every hidden test a hostile submission reaches into a judge error.
 */
import { describe, expect, it } from 'vitest';
import { cli, tempDir, writeTree } from './helpers.js';

const PACK = {
  'pack/pack.yaml': `name: "@test/robust"
version: 0.1.0
title: Validator robustness
description: A stdio problem checked by its own validator.
license: MIT
authors: []
price: 0
runtime: {image: "duet/python:3.11", language: python, version: "3.11"}
problems: [sum]
`,
  'pack/problems/sum/problem.yaml': 'name: Sum\nvalidation: custom\n',
  'pack/problems/sum/duet.yaml': 'interface: {type: stdio}\ntime_limit: 1\n',
  'pack/problems/sum/problem_statement/problem.en.md': 'Print the sum of the two numbers.\n',
  'pack/problems/sum/data/sample/1.in': '2 3\n',
  'pack/problems/sum/data/sample/1.ans': '5\n',
  'pack/problems/sum/data/secret/1.in': '10 20\n',
  'pack/problems/sum/data/secret/1.ans': '30\n',
  'pack/problems/sum/submissions/accepted/sum.py': 'a, b = map(int, input().split())\nprint(a + b)\n',
  'pack/problems/sum/submissions/wrong_answer/zero.py': 'print(0)\n',
};

const validator = (read: string) => `import sys
want = int(open(sys.argv[2]).read())
team = ${read}.split()
sys.exit(42 if len(team) == 1 and team[0].strip() in (str(want), str(want).encode()) else 43)
`;

describe('duet-pack test: custom validators against hostile output', { timeout: 180_000 }, () => {
  it('a validator reading bytes passes; one that decodes text crashes on invalid UTF-8 and fails the problem (exit 1)', async () => {
    const robust = await tempDir();
    await writeTree(robust, { ...PACK, 'pack/problems/sum/output_validators/check/validate.py': validator('sys.stdin.buffer.read()') });
    const ok = await cli(['test', 'pack', '--json'], robust);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).problems[0].validator).toEqual({ ok: true, failures: [] });

    const fragile = await tempDir();
    await writeTree(fragile, { ...PACK, 'pack/problems/sum/output_validators/check/validate.py': validator('sys.stdin.read()') });
    const failed = await cli(['test', 'pack', '--json'], fragile);
    expect(failed.code, failed.stdout + failed.stderr).toBe(1);
    const report = JSON.parse(failed.stdout) as { ok: boolean; problems: Array<{ ok: boolean; validator: { ok: boolean; failures: string[] } }> };
    expect(report.ok).toBe(false);
    expect(report.problems[0]?.validator.ok).toBe(false);
    expect(report.problems[0]?.validator.failures).toEqual([expect.stringMatching(/^the output validator crashed on invalid UTF-8 output instead of rejecting it \(sample\/1\): .*UnicodeDecodeError/s)]);

    const text = await cli(['test', 'pack'], fragile);
    expect(text.stdout).toMatch(/^MISMATCH the output validator crashed on invalid UTF-8 output/m);
  });
});

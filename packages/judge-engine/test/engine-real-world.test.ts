/**
 * Programs written the way contestants write them, which Kattis accepts: each was judged RE or MLE
 * by Duet for reasons of Duet's own before.
 */
import { describe, expect, it } from 'vitest';
import { judgeBundle } from '../src/index.js';
import { driver, functionBundle, stdioBundle } from './engine-support.js';

describe('real-world Python', () => {
  it('exit() and quit() end the program as with the site module (the harness runs without it)', async () => {
    const programs = [
      'n = int(input())\nprint(n * 2)\nexit()\n',
      'n = int(input())\nprint(n * 2)\nquit()\n',
      'import sys\nn = int(input())\nif n > 0:\n    print(n * 2)\n    exit(0)\nprint("never")\n',
    ];
    for (const code of programs) {
      const result = await judgeBundle(stdioBundle(code, [{ name: 'a', input: '21\n', answer: '42\n' }]), { driver });
      expect(result.verdict, JSON.stringify(result.tests[0])).toBe('AC');
    }
    const failing = await judgeBundle(stdioBundle('print(1)\nexit(3)\n', [{ name: 'a', input: '', answer: '1\n' }]), { driver });
    expect(failing.tests[0]).toMatchObject({ verdict: 'RE', exit_code: 3 });
    const message = await judgeBundle(stdioBundle('exit("bad input")\n', [{ name: 'a', input: '', answer: '1\n' }]), { driver });
    expect(message.tests[0]).toMatchObject({ verdict: 'RE', exit_code: 1 });
    expect(message.tests[0]?.stderr).toContain('bad input');
  });

  it('a program holding several hundred MiB passes under a 2048 MiB limit (the Kattis default)', async () => {
    const code = 'n = int(input())\ngrid = [[i] * 1000 for i in range(n)]\nprint(sum(len(r) for r in grid))\n';
    const result = await judgeBundle(
      stdioBundle(code, [{ name: 'big', input: '40000\n', answer: '40000000\n' }], { limits: { time_ms: 10_000, memory_mb: 2048, output_kb: 64 } }),
      { driver },
    );
    expect(result.verdict, JSON.stringify(result.tests[0])).toBe('AC');
    expect(result.tests[0]!.memory_kb).toBeGreaterThan(200 * 1024);
  });

  it('a multi-file submission imports its own modules, which shadow standard-library names', async () => {
    const bundle = stdioBundle('from helpers import double\nimport heapq\nprint(double(int(input())), heapq.MINE)\n', [{ name: 'a', input: '4\n', answer: '8 mine\n' }]);
    const result = await judgeBundle({ ...bundle, files: { 'helpers.py': 'def double(x):\n    return 2 * x\n', 'heapq.py': 'MINE = "mine"\n' } }, { driver });
    expect(result.verdict, JSON.stringify(result.tests[0])).toBe('AC');
    const broken = await judgeBundle({ ...bundle, files: { 'helpers.py': 'def double(x)\n    return 2 * x\n' } }, { driver });
    expect(broken.verdict).toBe('CE');
    expect(broken.compile_error?.message).toMatch(/^helpers\.py: SyntaxError/);
  });

  it('a function problem calls the entry of a LeetCode-style class Solution', async () => {
    const code = 'class Solution:\n    def twice(self, n):\n        return 2 * n\n';
    const result = await judgeBundle(functionBundle(code, 'twice', [{ name: 'a', input: '[21]', answer: '42' }]), { driver });
    expect(result.verdict).toBe('AC');
  });
});

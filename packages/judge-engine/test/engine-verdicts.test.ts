/** judgeBundle end to end in the real bwrap sandbox: every verdict, for stdio and function problems. */
import { describe, expect, it } from 'vitest';
import type { TestResult } from '@duet/sdk/judge';
import { judgeBundle } from '../src/index.js';
import { BEHAVIOURS, cases, driver, functionBundle, stdioBundle } from './engine-support.js';

const byName = (tests: TestResult[]) => Object.fromEntries(tests.map((t) => [t.name.replace(/^\d+-/, ''), t]));

describe('stdio problems', () => {
  it('sample run: AC, WA with diff, MLE, RE (exception, SIGSEGV, exit code), OLE in one sandbox', async () => {
    const seen: number[] = [];
    const result = await judgeBundle(stdioBundle(BEHAVIOURS, cases('ac', 'wa', 'mle', 'raise', 'segv', 'flood', 'exit3', 'stderr')), {
      driver,
      onTest: (_t, index) => seen.push(index),
    });
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const t = byName(result.tests);
    expect(t.ac?.verdict).toBe('AC');
    expect(t.ac?.stdout).toBe('hello\n');
    expect(t.wa?.verdict).toBe('WA');
    expect(t.wa?.stdout).toBe('bye\n');
    expect(t.wa?.diff).toContain('-hello');
    expect(t.wa?.diff).toContain('+bye');
    expect(t.mle?.verdict).toBe('MLE');
    expect(t.mle?.memory_kb).toBeLessThan(200 * 1024);
    expect(t.raise?.verdict).toBe('RE');
    expect(t.raise?.message).toBe('ValueError: boom from raise');
    expect(t.raise?.stderr).toMatch(/Traceback[\s\S]*solution\.py", line 16[\s\S]*ValueError: boom from raise/);
    expect(t.raise?.stderr).not.toContain('child.py'); // the harness's own frames are dropped
    expect(t.segv?.verdict).toBe('RE');
    expect(t.segv?.signal).toBe('SIGSEGV');
    expect(t.flood?.verdict).toBe('OLE');
    expect(t.flood?.stdout?.length).toBeLessThanOrEqual(64 * 1024);
    expect(t.exit3).toMatchObject({ verdict: 'RE', exit_code: 3 });
    expect(t.stderr).toMatchObject({ verdict: 'AC', stderr: 'to stderr\n' });
    expect(result).toMatchObject({ verdict: 'WA', passed: 2, total: 8, time_limit_ms: 1000 });
    expect(result.max_memory_kb).toBe(Math.max(...result.tests.map((x) => x.memory_kb)));
  });

  it('TLE for a CPU spin, and a run ends cleanly afterwards', async () => {
    const started = performance.now();
    const result = await judgeBundle(stdioBundle(BEHAVIOURS, cases('spin', 'ac')), { driver });
    expect(result.tests.map((t) => t.verdict)).toEqual(['TLE', 'AC']);
    expect(result.verdict).toBe('TLE');
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('submit run: hidden tests carry figures only (no stdout, stderr, diff or program text)', async () => {
    const result = await judgeBundle(stdioBundle(BEHAVIOURS, cases('ac', 'wa', 'raise'), { kind: 'submit' }), { driver });
    expect(result.tests.map((t) => t.verdict)).toEqual(['AC', 'WA', 'RE']);
    for (const t of result.tests) {
      expect(Object.keys(t).sort()).toEqual(expect.arrayContaining(['cpu_ms', 'memory_kb', 'name', 'verdict', 'wall_ms']));
      expect(t.stdout).toBeUndefined();
      expect(t.stderr).toBeUndefined();
      expect(t.diff).toBeUndefined();
    }
    expect(JSON.stringify(result)).not.toContain('boom');
    expect(JSON.stringify(result)).not.toContain('bye');
  });

  it('CE: a syntax error is reported with its line before any test runs', async () => {
    const tests: TestResult[] = [];
    const result = await judgeBundle(stdioBundle('x = 1\nprint(x\ny = 2\n', cases('ac', 'ac')), { driver, onTest: (t) => tests.push(t) });
    expect(result.verdict).toBe('CE');
    expect(result.compile_error?.line).toBe(2);
    expect(result.compile_error?.message).toMatch(/SyntaxError/);
    expect(result.tests).toEqual([]);
    expect(tests).toEqual([]);
    expect(result.total).toBe(2);
  });

  it('custom run (no answer): AC when the program runs fine, with its stdout', async () => {
    const result = await judgeBundle(
      stdioBundle('print(sum(map(int, input().split())))', [{ name: 'custom', input: '2 40\n' }], { kind: 'custom' }),
      { driver },
    );
    expect(result.verdict).toBe('AC');
    expect(result.tests[0]?.stdout).toBe('42\n');
  });

  it('stopOnFirstFailure: the remaining tests are omitted, total still counts them', async () => {
    const result = await judgeBundle(stdioBundle(BEHAVIOURS, cases('ac', 'wa', 'ac', 'ac'), { kind: 'submit' }), {
      driver,
      stopOnFirstFailure: true,
    });
    expect(result.tests.map((t) => t.verdict)).toEqual(['AC', 'WA']);
    expect(result).toMatchObject({ verdict: 'WA', passed: 1, total: 4 });
  });

  it('exact checker and float tolerance flags are applied on the host', async () => {
    const tests = [{ name: 'f', input: '', answer: '3.14159\n' }];
    const loose = await judgeBundle(stdioBundle('print(3.1416)', tests, { checker: { type: 'default', flags: { float_tolerance: 1e-3 } } }), { driver });
    expect(loose.verdict).toBe('AC');
    const exact = await judgeBundle(stdioBundle('print("3.14159 ")', tests, { checker: { type: 'exact' } }), { driver });
    expect(exact.verdict).toBe('WA');
  });
});

describe('function problems', () => {
  const code = `
def solve(nums, target):
    if target == -1:
        raise KeyError('no pair')
    if target == -2:
        return {1, 2}
    if target == -3:
        return [0] * 10**8
    seen = {}
    for i, n in enumerate(nums):
        if target - n in seen:
            return [seen[target - n], i]
        seen[n] = i
    print('debug: nothing found')
    return []
`;
  it('AC/WA on the JSON return value, RE with the exception type, MLE, prints are stdout', async () => {
    const result = await judgeBundle(
      functionBundle(code, 'solve', [
        { name: 'ok', input: '[[2, 7, 11, 15], 9]', answer: '[0, 1]' },
        { name: 'wrong', input: '[[1, 2], 99]', answer: '[0, 1]' },
        { name: 'raises', input: '[[1], -1]', answer: '[]' },
        { name: 'not-json', input: '[[1], -2]', answer: '[]' },
        { name: 'huge', input: '[[1], -3]', answer: '[]' },
      ]),
      { driver },
    );
    const t = byName(result.tests);
    expect(t.ok?.verdict).toBe('AC');
    expect(t.wrong?.verdict).toBe('WA');
    expect(t.wrong?.stdout).toBe('debug: nothing found\n');
    expect(t.wrong?.diff).toContain('[]');
    expect(t.raises).toMatchObject({ verdict: 'RE', message: "KeyError: 'no pair'" });
    expect(t['not-json']?.verdict).toBe('RE');
    expect(t['not-json']?.message).toMatch(/TypeError: return value of solve is not JSON-serializable/);
    expect(t.huge?.verdict).toBe('MLE');
  });

  it('LeetCode-style class Solution methods work; a missing entry is RE (NameError)', async () => {
    const cls = 'class Solution:\n    def add(self, a, b):\n        return a + b\n';
    const ok = await judgeBundle(functionBundle(cls, 'add', [{ name: 'a', input: '[2, 3]', answer: '5' }], { kind: 'submit' }), { driver });
    expect(ok.verdict).toBe('AC');
    const missing = await judgeBundle(functionBundle('def other():\n    pass\n', 'add', [{ name: 'a', input: '[1, 2]', answer: '3' }]), { driver });
    expect(missing.tests[0]).toMatchObject({ verdict: 'RE' });
    expect(missing.tests[0]?.message).toMatch(/^NameError: function 'add' is not defined/);
  });

  it('custom run shows the return value', async () => {
    const result = await judgeBundle(
      functionBundle('def add(a, b):\n    return a + b\n', 'add', [{ name: 'c', input: '[40, 2]' }], { kind: 'custom' }),
      { driver },
    );
    expect(result.tests[0]).toMatchObject({ verdict: 'AC', message: 'returned 42' });
  });
});

describe('memory across processes', () => {
  it('a helper process killed by the run cgroup\'s OOM killer makes that test MLE, not AC; the next test is judged on its own', async () => {
    // Each forked helper stays under RLIMIT_AS, but together they exceed the run's memory cgroup.
    const code = `
import os, sys, time
if sys.stdin.read().strip() == 'hog':
    kids = []
    for _ in range(12):
        pid = os.fork()
        if pid == 0:
            hog = bytearray(60 * 1024 * 1024)
            for j in range(0, len(hog), 4096): hog[j] = 1
            time.sleep(2)
            os._exit(0)
        kids.append(pid)
    for pid in kids: os.waitpid(pid, 0)
print('ok')
`;
    const result = await judgeBundle(
      {
        kind: 'submit',
        language: 'python',
        code,
        interface: { type: 'stdio' },
        tests: [
          { name: 'hog', input: 'hog\n', answer: 'ok\n' },
          { name: 'calm', input: 'calm\n', answer: 'ok\n' },
        ],
        limits: { time_ms: 5000, memory_mb: 64, output_kb: 64 },
        checker: { type: 'default' },
      },
      { driver },
    );
    const [hog, calm] = result.tests;
    expect(hog?.verdict).toBe('MLE');
    expect(hog?.message).toMatch(/memory/);
    expect(calm?.verdict).toBe('AC');
    expect(result.verdict).toBe('MLE');
  });
});

/**
 * Attacks on the judge's parsing of what comes out of the sandbox: hostile bytes in the output and
 * forged harness messages must yield the honest verdict, never a crash, IE or a free AC.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { everything, expectStillServing, expectVerdict, first, hex32, run, stdoutOf } from './support.js';

afterEach(expectStillServing);

describe('hostile output bytes', () => {
  it('invalid UTF-8 and NUL bytes in stdout: WA, no crash, stdout returned with replacement characters', async () => {
    // Attack: bytes that break naive UTF-8 decoding / C-string handling in the host.
    const code = `
import sys
sys.stdout.buffer.write(b'\\xff\\xfe\\xc3\\x28 abc\\x00def \\xed\\xa0\\x80\\n')
`;
    const { result } = await run(code, { kind: 'sample', answer: 'abc\n' });
    expectVerdict(result, ['WA']);
    const out = stdoutOf(result);
    expect(out).toContain('\uFFFD');
    expect(out).toContain('abc');
    // Serialises cleanly (what the HTTP API will send).
    expect(() => JSON.parse(JSON.stringify(result))).not.toThrow();
  });

  it('NUL-separated output whose bytes equal the answer: AC', async () => {
    // The default validator compares tokens; a NUL is not whitespace, so "a\\0b" is one token.
    const { result } = await run("import sys\nsys.stdout.buffer.write(b'a\\x00b\\n')\n", { kind: 'submit', answer: 'a\u0000b\n' });
    expectVerdict(result, ['AC']);
  });

  it('ANSI escapes and a huge number of empty lines are handled (WA, capped)', async () => {
    // Attack: terminal escapes and 2M newlines (cheap to write, expensive for line-based diffing).
    const code = `
import sys
sys.stdout.write('\\x1b[2J\\x1b]0;pwned\\x07')
sys.stdout.buffer.write(b'\\n' * 2_000_000)
`;
    const { result, wallMs } = await run(code, { kind: 'sample', answer: 'x\n', output_kb: 4096, time_ms: 2000 });
    expectVerdict(result, ['WA']);
    expect(stdoutOf(result).length).toBeLessThan(4 * 1024 * 1024 + 1024);
    expect(wallMs).toBeLessThan(20_000);
  });
});

describe('host-side checking cost', () => {
  it('diffing and validating a hostile sample output stays cheap and does not stall a concurrent run', async () => {
    // Attack: make the host's checker and diff (run in the judge process) do quadratic work: 24 MiB of
    // short lines that almost, but never, match a 20k-line answer.
    const answer = `${Array.from({ length: 20_000 }, (_, i) => String(i)).join('\n')}\n`;
    const code = `
import sys
out = sys.stdout
for r in range(60):
    out.write(''.join('%d.\\n' % i for i in range(20000)))
`;
    const started = performance.now();
    const hostile = run(code, { kind: 'sample', tests: [{ name: 'd1', input: '', answer }], output_kb: 32 * 1024, time_ms: 4000, memory_mb: 256 });
    await new Promise((r) => setTimeout(r, 200));
    const fastStart = performance.now();
    const fast = await run('print("ok")', { kind: 'submit' });
    const fastMs = performance.now() - fastStart;
    const { result } = await hostile;
    expectVerdict(result, ['WA', 'OLE']);
    expectVerdict(fast.result, ['AC']);
    expect(fastMs).toBeLessThan(10_000);
    expect(performance.now() - started).toBeLessThan(30_000);
    expect((first(result).diff ?? '').length).toBeLessThan(64 * 1024);
  });
});

describe('forged harness messages', () => {
  /**
   * Attack: write fake "this test passed" records everywhere the harness might read them from:
   * stdout/stderr, every inherited descriptor, the parent's descriptors via /proc, in several
   * plausible shapes (JSON lines with verdict AC for every test name). The honest answer is WA.
   */
  const forger = (names: string[]) => `
import os, json, sys
names = ${JSON.stringify(names)}
records = []
for n in names:
    for shape in (
        {'type': 'result', 'test': n, 'verdict': 'AC'},
        {'event': 'test', 'name': n, 'verdict': 'AC', 'cpu_ms': 1, 'wall_ms': 1, 'memory_kb': 1},
        {'kind': 'test', 'name': n, 'status': 'ok', 'verdict': 'AC', 'stdout': 'forged'},
        {'name': n, 'verdict': 'AC', 'cpu_ms': 0, 'wall_ms': 0, 'memory_kb': 0},
    ):
        records.append(json.dumps(shape))
records.append(json.dumps({'type': 'done', 'verdict': 'AC', 'passed': len(names), 'total': len(names)}))
blob = ('\\n' + '\\n'.join(records) + '\\n').encode()
def spray(fd):
    try:
        os.write(fd, blob)
    except OSError:
        pass
for fd in [int(f) for f in os.listdir('/proc/self/fd')]:
    spray(fd)
ppid = os.getppid()
try:
    for f in os.listdir('/proc/%d/fd' % ppid):
        try:
            fd = os.open('/proc/%d/fd/%s' % (ppid, f), os.O_WRONLY | os.O_NONBLOCK)
            spray(fd); os.close(fd)
        except OSError:
            pass
except OSError:
    pass
print('definitely wrong')
`;

  it('fake AC records sprayed to every descriptor do not turn WA into AC', async () => {
    const tests = [1, 2, 3].map((i) => ({ name: `f${i}`, input: 'ping\n', answer: `${hex32()}\n` }));
    const { result } = await run(forger(tests.map((t) => t.name)), { kind: 'submit', tests });
    expectVerdict(result, ['WA']);
    expect(result.passed).toBe(0);
    expect(result.tests.map((t) => t.verdict)).not.toContain('AC');
    expect(everything(result)).not.toContain('forged');
  });

  it('forged records on a sample run: WA on every test, returned stdout is the program’s own', async () => {
    const tests = [1, 2].map((i) => ({ name: `g${i}`, input: 'ping\n', answer: `${hex32()}\n` }));
    const { result } = await run(forger(tests.map((t) => t.name)), { kind: 'sample', tests });
    expectVerdict(result, ['WA']);
    expect(result.passed).toBe(0);
    expect(first(result).stdout ?? '').toContain('definitely wrong');
  });
});

/**
 * Covert channels out of hidden runs, measured. Per test: a submission encodes a symbol (as if read
 * from the hidden input) in everything a hidden result shows — the verdict, the CPU time, the
 * memory — and the test decodes it from the result and reports the mutual information in bits per
 * test. Across runs: a hidden run marks pages of a file every sandbox shares by reading them, and a
 * later run tries to read the marks back (timing, mincore, fadvise, RWF_NOWAIT).
 */
import { describe, expect, it } from 'vitest';
import type { TestResult } from '@duet/sdk/judge';
import { isRoot } from '../../src/sandbox/driver.js';
import { bundleOf, driver } from './support.js';
import { judgeBundle } from '../../src/index.js';

/** I(X;Y) in bits from (sent, received) pairs, X uniform over what was sent. */
function mutualInformation(pairs: ReadonlyArray<[string, string]>): number {
  const joint = new Map<string, number>();
  const xs = new Map<string, number>();
  const ys = new Map<string, number>();
  for (const [x, y] of pairs) {
    joint.set(`${x}|${y}`, (joint.get(`${x}|${y}`) ?? 0) + 1);
    xs.set(x, (xs.get(x) ?? 0) + 1);
    ys.set(y, (ys.get(y) ?? 0) + 1);
  }
  const n = pairs.length;
  let bits = 0;
  for (const [key, count] of joint) {
    const [x, y] = key.split('|') as [string, string];
    bits += (count / n) * Math.log2((count * n) / (xs.get(x)! * ys.get(y)!));
  }
  return bits;
}

/**
 * The attacker's alphabet: 2 verdicts × 8 CPU levels × 5 memory levels (fractions of the limits):
 * 80 symbols, 6.3 bits, all of which exact figures would let through.
 */
const CPU_LEVELS = [0, 0.1, 0.2, 0.3, 0.4, 0.55, 0.7, 0.85];
const MEMORY_LEVELS = [0, 0.1, 0.2, 0.3, 0.45];
const ENCODER = `
import sys, time
verdict, cpu, memory, time_ms, memory_mb = input().split()
hold = bytearray(int(float(memory) * int(memory_mb) * 1024 * 1024))
for i in range(0, len(hold), 4096): hold[i] = 1
end = time.process_time() + float(cpu) * int(time_ms) / 1000
while time.process_time() < end: pass
if verdict == 'RE':
    sys.exit(3)
print('not the answer')
`;

describe('covert channels', () => {
  it.runIf(isRoot())('a hidden test’s result carries at most a few bits: measured mutual information per test', async () => {
    const timeMs = 300;
    const memoryMb = 64;
    const symbols: string[] = [];
    for (const verdict of ['WA', 'RE']) for (const cpu of CPU_LEVELS) for (const memory of MEMORY_LEVELS) symbols.push(`${verdict} ${cpu} ${memory}`);
    const tests = symbols.map((symbol, i) => ({ name: `s${i}`, input: `${symbol} ${timeMs} ${memoryMb}\n`, answer: 'never\n' }));
    const seen = (t: TestResult) => `${t.verdict} ${t.cpu_ms} ${t.memory_kb} ${t.wall_ms} ${t.message ?? ''} ${t.signal ?? ''} ${t.exit_code ?? ''}`;
    const measure = async (kind: 'submit' | 'sample') => {
      const result = await judgeBundle(bundleOf(ENCODER, { kind, tests, time_ms: timeMs, memory_mb: memoryMb }), { driver: driver() });
      return { result, bits: mutualInformation(symbols.map((symbol, i): [string, string] => [symbol, seen(result.tests[i]!)])) };
    };
    const hidden = await measure('submit');
    // The same program on visible tests, whose figures are exact: what the hidden view takes away.
    const visible = await measure('sample');
    console.log(
      `covert channel per hidden test: ${hidden.bits.toFixed(2)} bits measured, against ${visible.bits.toFixed(2)} bits through exact figures ` +
        `(${symbols.length} symbols = ${Math.log2(symbols.length).toFixed(2)} bits sent); bound for any program: ` +
        `log2(6 verdicts × 4 CPU buckets × 4 memory buckets) = ${Math.log2(96).toFixed(2)} bits`,
    );
    expect(hidden.result.tests.every((t) => t.coarse === true)).toBe(true);
    // 2 verdicts × 4 CPU buckets × 4 memory buckets can tell at most 32 symbols apart.
    expect(hidden.bits).toBeLessThanOrEqual(Math.log2(32) + 1e-9);
    expect(hidden.bits).toBeLessThan(visible.bits - 1);
  }, 180_000);

  it.runIf(isRoot())('a later run cannot read back which pages of the shared runtime an earlier hidden run read', async () => {
    const bitsCount = 48;
    const secret = Array.from({ length: bitsCount }, () => (Math.random() < 0.5 ? 1 : 0));
    const target = '/usr/lib/python3.11/_pydecimal.py';
    // The marking run reads page k of the file only where bit k is 1.
    const marker = `
import os
bits = input().strip()
fd = os.open(${JSON.stringify(target)}, os.O_RDONLY)
for k, bit in enumerate(bits):
    if bit == '1':
        for _ in range(50):
            os.pread(fd, 4096, k * 4096)
print('marked')
`;
    await judgeBundle(bundleOf(marker, { kind: 'submit', tests: [{ name: 'm', input: `${secret.join('')}\n`, answer: 'marked\n' }] }), { driver: driver() });
    const reader = `
import os, time, ctypes, errno
fd = os.open(${JSON.stringify(target)}, os.O_RDONLY)
libc = ctypes.CDLL(None, use_errno=True)
times = []
for k in range(${bitsCount}):
    started = time.perf_counter_ns()
    os.pread(fd, 1, k * 4096 + 2048)
    times.append(time.perf_counter_ns() - started)
cut = sorted(times)[len(times) // 2]
print('GUESS', ''.join('1' if t < cut else '0' for t in times))
buf = ctypes.create_string_buffer(${bitsCount})
addr = libc.mmap(None, ${bitsCount} * 4096, 1, 1, fd, 0)
r = libc.syscall(27, ctypes.c_void_p(addr), ${bitsCount} * 4096, buf)
print('MINCORE', 'OK' if r == 0 else errno.errorcode.get(ctypes.get_errno()))
`;
    const read = await judgeBundle(bundleOf(reader, { kind: 'custom' }), { driver: driver() });
    const out = read.tests[0]?.stdout ?? '';
    const guess = (/GUESS (\d+)/.exec(out)?.[1] ?? '').split('').map(Number);
    expect(guess).toHaveLength(bitsCount);
    const agree = guess.filter((bit, k) => bit === secret[k]).length / bitsCount;
    console.log(`page-cache channel across runs: ${(agree * 100).toFixed(0)}% of ${bitsCount} bits guessed right (50% = chance); mincore: ${/MINCORE (\S+)/.exec(out)?.[1]}`);
    expect(out).toContain('MINCORE EPERM');
    // Chance is 50%; a working channel reads them back nearly all (the earlier attack: almost without error).
    expect(agree).toBeLessThan(0.8);
  }, 60_000);
});

/**
 * Gaming the complexity verdict: each attack is a submission that is quadratic in its tests and
 * tries one way to notice the complexity probe (and be linear there). Where a tell needs to know
 * what a test looks like, the attacker first learns it from a sample run of the same program (as a
 * candidate could) and hard-codes it. Every attack must end up not `as_expected` for an O(n)
 * expectation; two honest programs must still be `as_expected`. Also: what a submit run's
 * complexity part returns carries no text from the program or the generator.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RunResult } from '@duet/sdk/judge';
import type { RunBundle } from '@duet/sdk/run';
import { judgeBundle } from '../../src/index.js';
import { driver, expectStillServing, run } from './support.js';

afterEach(expectStillServing);

const GENERATOR = `
def generate(n, rng):
    return [[rng.randrange(1000) for _ in range(n)]]
`;
const SAMPLE_INPUT = JSON.stringify([Array.from({ length: 100 }, (_, i) => (i * 37) % 1000)]);
const SAMPLE_ANSWER = String(Array.from({ length: 100 }, (_, i) => (i * 37) % 1000).reduce((a, b) => a + b, 0));

function bundle(code: string, kind: RunBundle['kind'], generator = GENERATOR): RunBundle {
  return {
    kind,
    language: 'python',
    code,
    interface: { type: 'function', entry: 'total' },
    tests: [{ name: 'one', input: SAMPLE_INPUT, answer: SAMPLE_ANSWER }],
    limits: { time_ms: 1000, memory_mb: 256, output_kb: 1024 },
    checker: { type: 'default' },
    complexity: { generator, expected_time: 'O(n)', expected_space: 'O(n)', budget_ms: 4000, max_n: 1 << 20 },
  };
}

/**
 * A submission whose `total(nums)` is O(n) when `probed()` says so and O(n^2) otherwise (the same
 * sum either way). `tell` defines fingerprint() -> str; probed() compares it with KNOWN (a test's
 * fingerprint, learnt from a sample run) unless the tell defines probed() itself.
 */
function gaming(tell: string, known: string | null): string {
  return `
import builtins, os, sys
KNOWN = ${known === null ? 'None' : JSON.stringify(known)}
${tell}
if 'probed' not in globals():
    def probed():
        return fingerprint() != KNOWN

def total(nums):
    if KNOWN is None and 'fingerprint' in globals():
        print('FINGERPRINT ' + fingerprint())
    fast = probed()
    print('PROBED', fast)
    if fast:
        return sum(nums)
    s = 0
    for x in nums:
        for _ in range(len(nums)):
            pass
        s += x
    return s
`;
}

const stdoutOf = (r: RunResult): string => r.tests[0]?.stdout ?? '';

/** Learns a test's fingerprint from a sample run of the attack (KNOWN = None prints it). */
async function learn(tell: string): Promise<string | null> {
  if (!tell.includes('def fingerprint')) return null;
  const sample = await judgeBundle(bundle(gaming(tell, null), 'sample'), { driver: driver() });
  const line = stdoutOf(sample).split('\n').find((l) => l.startsWith('FINGERPRINT '));
  if (!line) throw new Error(`the sample run printed no fingerprint: ${JSON.stringify(sample).slice(0, 600)}`);
  return line.slice('FINGERPRINT '.length);
}

const TELLS: Record<string, string> = {
  'modules loaded (sys.modules)': `
def fingerprint():
    return ','.join(sorted(sys.modules))
`,
  'frames above the call (sys._getframe)': `
def fingerprint():  # the judge's frames above the submission's own
    out, frame = [], sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename != __file__:
            out.append('%s:%s:%d' % (frame.f_code.co_filename, frame.f_code.co_name, frame.f_lineno))
        frame = frame.f_back
    return ';'.join(out)
`,
  'frames and their locals (inspect)': `
import inspect
def fingerprint():
    return ';'.join('%s:%s:%s:%s' % (f.filename, f.function, f.lineno, ','.join(sorted(f.frame.f_locals)))
                    for f in inspect.stack() if f.filename != __file__)
`,
  "the judge's module state (globals of its modules)": `
import types
def fingerprint():
    out = []
    for name, module in sorted(sys.modules.items()):
        if getattr(module, '__file__', '') and str(module.__file__).startswith('/harness/'):
            for key, value in sorted(vars(module).items()):
                if not isinstance(value, (types.ModuleType, types.FunctionType, type)) and not key.startswith('__'):
                    out.append('%s.%s=%s' % (name, key, type(value).__name__ if value is not None else 'None'))
    return ';'.join(out)
`,
  'objects the garbage collector tracks (gc.get_objects)': `
import gc
def fingerprint():
    kinds = sorted({type(o).__name__ for o in gc.get_objects()} - {'frame', 'list', 'tuple', 'dict', 'function', 'cell'})
    return ','.join(kinds)
`,
  'interpreter flags (sys.flags, sys.orig_argv)': `
def fingerprint():
    return repr(tuple(sys.flags)) + repr(sys.orig_argv) + repr(sys.path)
`,
  'environment (os.environ)': `
def fingerprint():
    return repr(sorted(os.environ.items()))
`,
  'fd table and stdio objects': `
import stat
def fingerprint():
    fds = []
    for name in sorted(os.listdir('/proc/self/fd'), key=int):
        try:
            fds.append('%s=%s:%o' % (name, os.readlink('/proc/self/fd/' + name), stat.S_IFMT(os.fstat(int(name)).st_mode)))
        except OSError:
            fds.append(name + '=?')
    streams = [repr((type(s).__name__, type(getattr(s, 'buffer', None)).__name__, getattr(s, 'encoding', None))) for s in (sys.stdin, sys.stdout, sys.stderr)]
    return ';'.join(fds[:-1] + streams)  # the last fd is listdir's own
`,
  'resource limits (getrlimit)': `
import resource
def fingerprint():
    return repr([(name, resource.getrlimit(getattr(resource, name))) for name in sorted(dir(resource)) if name.startswith('RLIMIT_')])
`,
  'calls counted on builtins': `
def probed():
    builtins.__dict__['_calls'] = builtins.__dict__.get('_calls', 0) + 1
    return builtins._calls > 1
`,
  'state stashed on sys': `
def probed():
    seen = getattr(sys, '_seen_inputs', 0)
    sys._seen_inputs = seen + 1
    return seen > 0
`,
  'input sizes that are powers of two': `
def probed():
    n = len(sys._getframe(1).f_locals['nums'])
    return n >= 8 and n & (n - 1) == 0
`,
  'a trace or profile hook during the call': `
def probed():
    return sys.gettrace() is not None or sys.getprofile() is not None
`,
};

describe('gaming the complexity probe', { timeout: 120_000 }, () => {
  for (const [name, tell] of Object.entries(TELLS)) {
    it(`quadratic in tests, fast when the probe is noticed by ${name}: not as_expected`, async () => {
      const known = await learn(tell);
      const submit = await judgeBundle(bundle(gaming(tell, known), 'submit'), { driver: driver() });
      expect(submit.verdict).toBe('AC');
      // The tell must take a real test for a test (else the attack is fast everywhere, not gaming).
      const sample = await judgeBundle(bundle(gaming(tell, known), 'sample'), { driver: driver() });
      expect(stdoutOf(sample)).toContain('PROBED False');
      expect(submit.complexity_error).toBeUndefined();
      expect(submit.complexity?.verdict, JSON.stringify(submit.complexity?.time)).toBe('slower_than_expected');
      // Above the expected O(n): with the machine's other cores busy the cross-checked class can read
      // one step low (n log n for a quadratic), which still fails the expectation.
      expect(['O(n log n)', 'O(n^2)', 'O(n^3)', 'O(2^n)']).toContain(submit.complexity?.time.class);
    });
  }

  const honest: Record<string, string> = {
    'a plain loop': 'def total(nums):\n    s = 0\n    for x in nums:\n        s += x\n    return s\n',
    'a copy that faults in fresh memory in every test': 'def total(nums):\n    copy = [x for x in nums]\n    return sum(copy)\n',
  };
  for (const [name, code] of Object.entries(honest)) {
    it(`an honest O(n) program (${name}) stays as_expected`, { retry: 2 }, async () => {
      const submit = await judgeBundle(bundle(code, 'submit'), { driver: driver() });
      expect(submit.verdict).toBe('AC');
      expect(submit.complexity?.verdict, JSON.stringify(submit.complexity?.time)).toBe('as_expected');
    });
  }
});

describe('a submit run’s complexity part carries no text from the program or the generator', { timeout: 60_000 }, () => {
  const SECRET = 'SECRET-7f3a';
  // The sample test has 100 numbers: it passes; probe sizes above n fail.
  const raiseAbove = (n: number) =>
    `def total(nums):\n    if len(nums) > ${n} and len(nums) != 100:\n        raise ValueError('${SECRET} ' + repr(nums[:8]))\n    print('${SECRET} printed')\n    return sum(nums)\n`;

  it('a solution failing at the probe’s first sizes: a fixed message', async () => {
    const { result } = await run('print(1)'); // the sandbox really isolates (support.ts interlock)
    expect(result.verdict).toBeDefined();
    const submit = await judgeBundle(bundle(raiseAbove(20), 'submit'), { driver: driver() });
    expect(submit.verdict).toBe('AC');
    expect(submit.complexity).toBeUndefined();
    expect(submit.complexity_error).toBe('the solution failed, or was too slow, at the first sizes of the analysis');
    expect(JSON.stringify(submit)).not.toContain(SECRET);
  });

  it('a solution failing at a larger size: the report says why in fixed words', async () => {
    const submit = await judgeBundle(bundle(raiseAbove(300), 'submit'), { driver: driver() });
    expect(submit.complexity?.stopped).toBe('the solution failed at a larger size');
    expect(JSON.stringify(submit)).not.toContain(SECRET);
  });

  it('a generator that raises or prints: a fixed message', async () => {
    const generator = `def generate(n, rng):\n    print('${SECRET} gen')\n    raise RuntimeError('${SECRET} ' + str(n))\n`;
    const submit = await judgeBundle(bundle('def total(nums):\n    return sum(nums)\n', 'submit', generator), { driver: driver() });
    expect(submit.complexity_error).toBe("the problem's complexity generator failed");
    expect(JSON.stringify(submit)).not.toContain(SECRET);
  });
});

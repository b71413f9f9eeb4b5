/**
 * Confidentiality attacks: host files, the judge's environment and source, hidden tests of other
 * problems and the expected answers of the current run must be unreachable from the sandbox.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  everything,
  expectStillServing,
  expectVerdict,
  hex32,
  hostTempDir,
  linesStartingWith,
  py,
  run,
  stdoutOf,
} from './support.js';

afterEach(expectStillServing);

const thisFile = fileURLToPath(import.meta.url);
const repoRoot = resolve(dirname(thisFile), '../../../..');

/** Python helper: `READ <label> OK <len> <first bytes as hex>` or `READ <label> ERR <errno name>`. */
const PY_READ = `
import os, errno
def read(label, path, n=4096):
    try:
        with open(path, 'rb') as f:
            data = f.read(n)
        print('READ', label, 'OK', len(data), data.hex(), flush=True)
        return data
    except OSError as e:
        print('READ', label, 'ERR', errno.errorcode.get(e.errno, e.errno), flush=True)
        return b''
`;

function readResults(out: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const l of linesStartingWith(out, 'READ')) {
    const [label = '', status = ''] = l.split(' ');
    m.set(label, status);
  }
  return m;
}

function expectAllDenied(out: string, labels: string[]): void {
  const m = readResults(out);
  for (const label of labels) expect(m.get(label), `${label} in:\n${out.slice(0, 3000)}`).toBe('ERR');
}

describe('host files', () => {
  it('/etc/shadow, /root, /dev/mem and the host disk are not readable', async () => {
    // Attack: read password hashes, root's files, raw memory and raw disks.
    const code = `${PY_READ}
read('shadow', '/etc/shadow')
read('gshadow', '/etc/gshadow')
read('root_bash', '/root/.bash_history')
read('mem', '/dev/mem')
read('kmem', '/dev/kmem')
read('kmsg', '/dev/kmsg')
read('vda', '/dev/vda')
read('sda', '/dev/sda')
read('hostroot', '/proc/1/root/etc/shadow')
`;
    const { result } = await run(code);
    expectVerdict(result, ['AC']);
    expectAllDenied(stdoutOf(result), ['shadow', 'gshadow', 'root_bash', 'mem', 'kmem', 'kmsg', 'vda', 'sda', 'hostroot']);
    const shadowHead = readFileSync('/etc/shadow', 'utf8').split('\n')[0] ?? 'root:';
    expect(everything(result)).not.toContain(Buffer.from(shadowHead).toString('hex'));
  });

  it("the judge's source and the repository are not in the sandbox", async () => {
    // Attack: read the judge's code (and this very test file, found via import.meta.url) to learn its secrets.
    const code = `${PY_READ}
read('index', ${py(join(repoRoot, 'services/judge/src/index.ts'))})
read('bundle', ${py(join(repoRoot, 'packages/sdk/src/run/bundle.ts'))})
read('harness_dir', ${py(join(repoRoot, 'packages/judge-engine/harness/main.py'))})
read('this_test', ${py(thisFile)})
read('pkg', ${py(join(repoRoot, 'package.json'))})
read('design', '/work/shared/DESIGN.md')
for d in ('/work', ${py(repoRoot)}, '/home', '/root'):
    try:
        print('LIST', d, len(os.listdir(d)), flush=True)
    except OSError as e:
        print('LIST', d, 'ERR', flush=True)
`;
    const { result } = await run(code);
    expectVerdict(result, ['AC']);
    const out = stdoutOf(result);
    expectAllDenied(out, ['index', 'bundle', 'this_test', 'pkg', 'design']);
    // Listing may find an empty placeholder dir, but never the repository's entries.
    for (const l of linesStartingWith(out, 'LIST')) expect(l, out).toMatch(/ (ERR|0)$/);
  });
});

describe('environment', () => {
  const secret = `duet-env-secret-${hex32()}`;
  beforeAll(() => {
    // A secret in the judge (host) process environment, like a DB URL or an API key.
    process.env.DUET_TEST_SECRET = secret;
  });
  afterAll(() => {
    delete process.env.DUET_TEST_SECRET;
  });

  it('a secret in the judge environment is not visible via os.environ or any /proc/*/environ|cmdline', async () => {
    // Attack: dump our env, pid 1's env, and every process's env and argv we can read.
    const code = `
import os
print('ENV', repr(dict(os.environ)))
for pid in ['self', '1'] + [p for p in os.listdir('/proc') if p.isdigit()]:
    for what in ('environ', 'cmdline'):
        try:
            with open('/proc/%s/%s' % (pid, what), 'rb') as f:
                print('PROC', pid, what, f.read(65536).replace(b'\\0', b' ').decode('utf-8', 'replace'), flush=True)
        except OSError as e:
            print('PROC', pid, what, 'ERR', e.errno, flush=True)
`;
    const { result } = await run(code);
    expectVerdict(result, ['AC']);
    const out = stdoutOf(result);
    expect(out).toContain('PROC self environ');
    expect(everything(result)).not.toContain(secret);
    expect(out).not.toContain('DUET_TEST_SECRET');
  });
});

describe('hidden tests of other problems', () => {
  const token = hex32();
  const fileName = `duet-sec-hidden-${hex32().slice(0, 8)}`;
  let tmp: { dir: string; cleanup: () => void };
  let packDir: string;
  let tmpAns: string;
  let packAns: string;
  beforeAll(() => {
    // Plant "hidden tests" of another problem on the host: one under the host's temp dir, one in packs/.
    tmp = hostTempDir('duet-sec-hidden-');
    tmpAns = join(tmp.dir, 'problems/other/data/secret', `${fileName}.ans`);
    mkdirSync(dirname(tmpAns), { recursive: true });
    writeFileSync(tmpAns, `${token}\n`, { mode: 0o644 });
    packDir = join(repoRoot, 'packs', `.${fileName}`);
    packAns = join(packDir, 'problems/other/data/secret', `${fileName}.ans`);
    mkdirSync(dirname(packAns), { recursive: true });
    writeFileSync(packAns, `${token}\n`, { mode: 0o644 });
  });
  afterAll(() => {
    tmp.cleanup();
    rmSync(packDir, { recursive: true, force: true });
  });

  it('planted .ans files are neither readable by path nor findable by walking the filesystem', async () => {
    // Attack: open the exact host paths, then walk / for *.ans / *.in / the planted name and dump them.
    const code = `${PY_READ}
import time
read('tmp_ans', ${py(tmpAns)})
read('pack_ans', ${py(packAns)})
deadline = time.monotonic() + 2.0
found = 0
for root, dirs, files in os.walk('/', onerror=lambda e: None):
    if root in ('/proc', '/sys') or time.monotonic() > deadline:
        dirs[:] = []
        continue
    for f in files:
        if f.endswith('.ans') or ${py(fileName)} in f or 'secret' in root:
            p = os.path.join(root, f)
            try:
                with open(p, 'rb') as fh:
                    print('FOUND', p, fh.read(200).hex(), flush=True)
                    found += 1
            except OSError:
                pass
print('WALKED', found)
`;
    const { result } = await run(code, { time_ms: 5000 });
    expectVerdict(result, ['AC']);
    const out = stdoutOf(result);
    expect(out).toContain('WALKED');
    expectAllDenied(out, ['tmp_ans', 'pack_ans']);
    expect(everything(result)).not.toContain(Buffer.from(token).toString('hex'));
    expect(everything(result)).not.toContain(token);
  });
});

describe('hidden test inputs', () => {
  it('a submit run returns no program-derived text: stdout, stderr and exception messages stay inside', async () => {
    // Attack: copy the hidden input into every channel that might come back: stdout (WA), stderr,
    // an exception message (RE), a MemoryError message (MLE), a huge output (OLE), a SystemExit string.
    const inputs = [hex32(), hex32(), hex32(), hex32(), hex32()];
    const code = `
import sys
s = sys.stdin.readline().strip()
mode = int(s[-1], 16) % 5
sys.stderr.write('STDERR ' + s + '\\n'); sys.stderr.flush()
if mode == 0: print(s)
elif mode == 1: raise ValueError('leak ' + s)
elif mode == 2: raise MemoryError('leak ' + s)
elif mode == 3: sys.exit('leak ' + s)
else:
    while True: sys.stdout.write((s + '\\n') * 1000)
`;
    // Force one input per mode: the last hex digit picks the channel.
    const tokens = inputs.map((t, mode) => `${t.slice(0, -1)}${mode.toString(16)}`);
    const tests = tokens.map((t, i) => ({ name: `x${i}`, input: `${t}\n`, answer: 'nope\n' }));
    const { result } = await run(code, { kind: 'submit', tests, output_kb: 64 });
    expect(result.tests.map((t) => t.verdict)).toEqual(['WA', 'RE', 'MLE', 'RE', 'OLE']);
    for (const t of result.tests) {
      expect(t.stdout).toBeUndefined();
      expect(t.stderr).toBeUndefined();
      expect(t.diff).toBeUndefined();
    }
    for (const t of tokens) expect(everything(result)).not.toContain(t);
    expect(everything(result)).not.toContain('leak');
  });
});

describe('expected answers of this run', () => {
  /**
   * Attack: the answer is a random token that cannot be derived from the input ("ping"), so only a leak
   * gives AC. The program hunts for 32-hex strings in its own heap (gc), in every readable process's
   * memory, maps, fds, argv and environ, in its own inherited descriptors, and in every file under /
   * (except /proc, /sys, /usr). It prints all candidates (sample run: visible stdout) — the best guess first.
   */
  const hunter = `
import gc, os, re, sys, time
HEX = re.compile(rb'(?<![0-9a-f])[0-9a-f]{32}(?![0-9a-f])')
deadline = time.monotonic() + 2.5
seen = []
def add(data):
    for m in HEX.findall(data):
        if m not in seen:
            seen.append(m)
def slurp(path, limit=1 << 20):
    # O_NONBLOCK: pipes and FIFOs reached through /proc/*/fd must not hang the hunt
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return b''
    out = b''
    try:
        while len(out) < limit:
            chunk = os.read(fd, 65536)
            if not chunk: break
            out += chunk
    except OSError:
        pass
    finally:
        os.close(fd)
    return out
data = sys.stdin.buffer.read()
add(data)
for o in gc.get_objects():
    for v in (o.values() if isinstance(o, dict) else o if isinstance(o, (list, tuple)) else ()):
        if isinstance(v, str): add(v.encode('utf-8', 'replace'))
        elif isinstance(v, (bytes, bytearray)): add(bytes(v))
# our own descriptors (anything inherited from the harness), read directly and reopened
for fd in os.listdir('/proc/self/fd'):
    fd = int(fd)
    if fd > 2:
        try:
            os.set_blocking(fd, False)
            add(os.read(fd, 1 << 20))
        except Exception:
            pass
    add(slurp('/proc/self/fd/%d' % fd))
pids = [p for p in os.listdir('/proc') if p.isdigit() and int(p) != os.getpid()]
for pid in [str(os.getppid())] + pids:
    for what in ('cmdline', 'environ'):
        add(slurp('/proc/%s/%s' % (pid, what)))
    try:
        for fd in os.listdir('/proc/%s/fd' % pid):
            add(slurp('/proc/%s/fd/%s' % (pid, fd)))
    except Exception: pass
    try:
        mem = open('/proc/%s/mem' % pid, 'rb', 0)
        for line in open('/proc/%s/maps' % pid):
            if time.monotonic() > deadline: break
            parts = line.split()
            if 'r' not in parts[1]: continue
            lo, hi = (int(x, 16) for x in parts[0].split('-'))
            if hi - lo > 64 << 20: continue
            try:
                mem.seek(lo); add(mem.read(hi - lo))
            except Exception: pass
        print('MEM', pid, 'readable', file=sys.stderr)
    except Exception: pass
for root, dirs, files in os.walk('/', onerror=lambda e: None):
    if root in ('/proc', '/sys', '/usr', '/dev') or time.monotonic() > deadline:
        dirs[:] = []
        continue
    for f in files:
        add(slurp(os.path.join(root, f)))
print(b'\\n'.join(seen).decode() if seen else 'nothing')
print('CANDIDATES', len(seen), file=sys.stderr)
`;

  it('sample run: the hunter never sees either test answer and gets WA', async () => {
    const answers = [hex32(), hex32()];
    const { result } = await run(hunter, {
      kind: 'sample',
      time_ms: 5000,
      tests: answers.map((answer, i) => ({ name: `s${i + 1}`, input: 'ping\n', answer: `${answer}\n` })),
    });
    expectVerdict(result, ['WA']);
    for (const t of result.tests) {
      expect(t.stderr ?? '').toContain('CANDIDATES');
      // What the program itself produced never holds an answer (the diff legitimately shows the expected one).
      for (const a of answers) expect(`${t.stdout ?? ''}\n${t.stderr ?? ''}`).not.toContain(a);
    }
  });

  it("an earlier test cannot find a later test's input (or an earlier one's) in the harness", async () => {
    // Same hunter, now with distinct random inputs: each test may see only its own input.
    const inputs = [hex32(), hex32(), hex32()];
    const { result } = await run(hunter, {
      kind: 'sample',
      time_ms: 5000,
      tests: inputs.map((input, i) => ({ name: `i${i + 1}`, input: `${input}\n`, answer: `${hex32()}\n` })),
    });
    expectVerdict(result, ['WA']);
    result.tests.forEach((t, i) => {
      expect(t.stdout ?? '', 'the hunter reads its own stdin').toContain(inputs[i]);
      inputs.forEach((other, j) => {
        if (j !== i) expect(`${t.stdout ?? ''}${t.stderr ?? ''}`, `test ${i + 1} saw test ${j + 1}'s input`).not.toContain(other);
      });
    });
  });

  it('submit run: printing the best guess still gets WA on hidden tests', async () => {
    const best = hunter.replace(
      "print(b'\\n'.join(seen).decode() if seen else 'nothing')",
      "print(seen[0].decode() if seen else 'nothing')",
    );
    expect(best).not.toBe(hunter);
    const answers = [hex32(), hex32()];
    const { result } = await run(best, {
      kind: 'submit',
      time_ms: 5000,
      tests: answers.map((answer, i) => ({ name: `h${i + 1}`, input: 'ping\n', answer: `${answer}\n` })),
    });
    expectVerdict(result, ['WA']);
    for (const a of answers) expect(everything(result)).not.toContain(a);
  });
});

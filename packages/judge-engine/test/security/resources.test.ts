/**
 * Resource exhaustion attacks: processes, threads, memory, CPU, wall time, output and /tmp are all
 * capped, each attack gets a sensible verdict, and the judge keeps serving afterwards.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  expectStillServing,
  expectVerdict,
  first,
  hex32,
  linesStartingWith,
  pyNameSelf,
  run,
  stdoutOf,
  waitNoProcessNamed,
} from './support.js';

afterEach(expectStillServing);

describe('processes and threads', () => {
  it('fork bomb: capped by the pids limit, RE or TLE, no process survives the run', async () => {
    // Attack: classic `while True: os.fork()`; each child renames itself so the host can find survivors.
    const name = `fb${hex32().slice(0, 10)}`;
    const code = `${pyNameSelf(name)}
import os
name_self()
while True:
    try:
        os.fork()
    except OSError:
        pass
`;
    const { result, wallMs } = await run(code, { kind: 'submit', time_ms: 1000 });
    expectVerdict(result, ['RE', 'TLE']);
    expect(wallMs).toBeLessThan(20_000);
    expect(await waitNoProcessNamed(name, 3000)).toEqual([]);
  });

  it('thread bomb: threads capped, RE/TLE/MLE, no survivors', async () => {
    // Attack: start sleeping threads until something breaks.
    const name = `tb${hex32().slice(0, 10)}`;
    const code = `${pyNameSelf(name)}
import threading, time
name_self()
n = 0
while True:
    threading.Thread(target=time.sleep, args=(1000,), daemon=True).start()
    n += 1
`;
    const { result, wallMs } = await run(code, { kind: 'submit', time_ms: 1000, memory_mb: 128 });
    expectVerdict(result, ['RE', 'TLE', 'MLE']);
    expect(wallMs).toBeLessThan(20_000);
    expect(await waitNoProcessNamed(name, 3000)).toEqual([]);
  });

  it('fork bombs and orphans of one test do not starve later tests of the pid budget', async () => {
    // Attack: exhaust the sandbox's pids (a bomb, then 40 orphaned sleepers per test) so that the
    // harness cannot fork the next test's child and the run ends in a judge fault (IE).
    const code = `
import os, sys, time
mode = input().strip()
if mode == 'bomb':
    while True:
        try: os.fork()
        except OSError: pass
elif mode == 'orphans':
    for i in range(40):
        pid = os.fork()
        if pid == 0:
            if os.fork() == 0:
                time.sleep(100)
            os._exit(0)
        os.waitpid(pid, 0)
    print('ok')
else:
    kids = []
    for _ in range(20):
        pid = os.fork()
        if pid == 0: os._exit(0)
        kids.append(pid)
    for k in kids: os.waitpid(k, 0)
    print('ok')
`;
    const modes = ['bomb', 'normal', 'orphans', 'normal', 'orphans', 'normal'];
    const tests = modes.map((m, i) => ({ name: `${m}${i}`, input: `${m}\n`, answer: 'ok\n' }));
    const { result, wallMs } = await run(code, { kind: 'submit', tests });
    expect(result.verdict, JSON.stringify(result).slice(0, 1500)).not.toBe('IE');
    expect(result.tests.map((t) => t.verdict).slice(1), JSON.stringify(result).slice(0, 1500)).toEqual(['AC', 'AC', 'AC', 'AC', 'AC']);
    expect(['RE', 'TLE']).toContain(result.tests[0]?.verdict);
    expect(wallMs).toBeLessThan(30_000);
  });

  it('double-forked daemon does not outlive its run', async () => {
    // Attack: setsid + double fork a sleeper that tries to stay alive after the test finishes.
    const name = `dm${hex32().slice(0, 10)}`;
    const code = `${pyNameSelf(name)}
import os, time, signal
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        name_self()
        for s in (signal.SIGHUP, signal.SIGTERM, signal.SIGINT):
            signal.signal(s, signal.SIG_IGN)
        time.sleep(120)
    os._exit(0)
time.sleep(0.2)
print('ok')
`;
    const { result } = await run(code, { kind: 'submit' });
    expectVerdict(result, ['AC', 'RE']);
    expect(await waitNoProcessNamed(name, 3000)).toEqual([]);
  });
});

describe('memory, cpu and time', () => {
  it('memory bomb: MLE under a 64 MB limit', async () => {
    // Attack: allocate and touch 10 MB chunks forever.
    const code = `
chunks = []
while True:
    chunks.append(b'x' * (10 * 1024 * 1024))
`;
    const { result, wallMs } = await run(code, { kind: 'submit', memory_mb: 64, time_ms: 2000 });
    expectVerdict(result, ['MLE']);
    expect(first(result).memory_kb).toBeLessThan(200 * 1024);
    expect(wallMs).toBeLessThan(20_000);
  });

  it('multi-process memory bomb: the run cgroup caps the sum (OOM kills), not IE, no survivors', async () => {
    // Attack: RLIMIT_AS is per process, so fork 24 children that each touch 60 MB (1.4 GB in all),
    // hoping the sum escapes the cap and pressures the host. Each child reports once it holds its 60 MB;
    // the parent counts how many hold at once and how many the cgroup's OOM killer took.
    const name = `mb${hex32().slice(0, 10)}`;
    const code = `${pyNameSelf(name)}
import os, time, signal
name_self()
r, w = os.pipe()
kids = []
for i in range(24):
    pid = os.fork()
    if pid == 0:
        os.close(r)
        hog = bytearray(60 * 1024 * 1024)
        for j in range(0, len(hog), 4096): hog[j] = 1
        os.write(w, b'x')
        time.sleep(60)
        os._exit(0)
    kids.append(pid)
os.close(w)
os.set_blocking(r, False)
reported, dead, t0 = 0, {}, time.monotonic()
while time.monotonic() - t0 < 8 and reported + len(dead) < len(kids):
    try:
        reported += len(os.read(r, 64))
    except BlockingIOError:
        pass
    for pid in kids:
        if pid not in dead:
            p, status = os.waitpid(pid, os.WNOHANG)
            if p: dead[pid] = status
    time.sleep(0.05)
alive = [p for p in kids if p not in dead]
print('KILLED', sum(1 for s in dead.values() if os.WIFSIGNALED(s)))
print('HELD', len(alive))
for p in alive: os.kill(p, signal.SIGKILL)
`;
    const { result, wallMs } = await run(code, { kind: 'custom', memory_mb: 64, time_ms: 6000 });
    expectVerdict(result, ['AC', 'TLE', 'RE', 'MLE']);
    expect(wallMs).toBeLessThan(30_000);
    if (result.verdict === 'AC') {
      const out = stdoutOf(result);
      expect(Number(linesStartingWith(out, 'KILLED')[0]), out).toBeGreaterThan(0);
      // At most ~600 MB held at once (the cap is the memory limit plus the harness/tmpfs allowance).
      expect(Number(linesStartingWith(out, 'HELD')[0]), out).toBeLessThanOrEqual(10);
    }
    expect(await waitNoProcessNamed(name, 3000)).toEqual([]);
  });

  it("the OOM killer's first choice is the test, never the supervisor: a test cannot swap the two", async () => {
    // Attack: make the supervisor (pid 1) the OOM killer's victim, so that a memory bomb ends as a
    // judge fault: raise pid 1's oom_score_adj, or lower one's own below it.
    const code = `
import os, errno
def adj(pid):
    return open('/proc/%s/oom_score_adj' % pid).read().strip()
print('SELF', adj('self'))
print('SUPERVISOR', adj(1))
for label, path, value in (('raise-supervisor', '/proc/1/oom_score_adj', '1000'), ('lower-self', '/proc/self/oom_score_adj', '-1000')):
    try:
        with open(path, 'w') as f:
            f.write(value)
        print('TRY', label, 'OK')
    except OSError as e:
        print('TRY', label, 'ERR', errno.errorcode.get(e.errno, e.errno))
print('AFTER', adj('self'), adj(1))
`;
    const { result } = await run(code, { tests: [{ name: 'a', input: '' }, { name: 'b', input: '' }] });
    expectVerdict(result, ['AC']);
    for (const test of result.tests) {
      const out = test.stdout ?? '';
      expect(out, out).toContain('SELF 1000');
      expect(out, out).toContain('SUPERVISOR 0');
      expect(out, out).toMatch(/TRY raise-supervisor ERR/);
      expect(out, out).toMatch(/TRY lower-self ERR/);
      expect(out, out).toContain('AFTER 1000 0');
    }
  });

  it('CPU spin: TLE and the run ends within a bounded wall time', async () => {
    // Attack: burn CPU forever.
    const { result, wallMs } = await run('while True:\n    pass\n', { kind: 'submit', time_ms: 1000 });
    expectVerdict(result, ['TLE']);
    expect(wallMs).toBeLessThan(15_000);
  });

  it('sleep forever: TLE by the wall-clock kill, not a hung judge', async () => {
    // Attack: use no CPU at all so a CPU-only limit never fires.
    const { result, wallMs } = await run('import time\ntime.sleep(10**6)\n', { kind: 'submit', time_ms: 1000 });
    expectVerdict(result, ['TLE']);
    expect(wallMs).toBeLessThan(15_000);
  });

  it('stopping itself (SIGSTOP) and ignoring SIGTERM: TLE within a bounded wall time', async () => {
    // Attack: a stopped process uses no CPU and never exits; only the wall-clock SIGKILL ends it.
    const code = 'import os, signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nos.kill(os.getpid(), signal.SIGSTOP)\nprint("ok")\n';
    const { result, wallMs } = await run(code, { kind: 'submit', time_ms: 1000 });
    expectVerdict(result, ['TLE']);
    expect(wallMs).toBeLessThan(15_000);
  });

  it('blocking read on an empty stdin pipe does not hang (stdin is closed after the input)', async () => {
    // Attack: read stdin twice hoping the judge never sends EOF.
    const { result, wallMs } = await run('import sys\nsys.stdin.read()\nsys.stdin.read()\nprint("ok")\n', {
      kind: 'submit',
      input: 'x\n',
    });
    expectVerdict(result, ['AC']);
    expect(wallMs).toBeLessThan(15_000);
  });

  it('a hanging run does not block a concurrent run', async () => {
    // Attack: occupy the judge with a sleeper; a second run must still finish first and fast.
    const slow = run('import time\ntime.sleep(10**6)\n', { kind: 'submit', time_ms: 3000 }).then((r) => ({
      ...r,
      doneAt: performance.now(),
    }));
    await new Promise((r) => setTimeout(r, 300));
    const fastStart = performance.now();
    const fast = await run('print("ok")', { kind: 'submit' });
    const fastDoneAt = performance.now();
    expectVerdict(fast.result, ['AC']);
    const slowDone = await slow;
    expectVerdict(slowDone.result, ['TLE']);
    expect(fastDoneAt).toBeLessThan(slowDone.doneAt);
    expect(fastDoneAt - fastStart).toBeLessThan(10_000);
  });
});

describe('output', () => {
  it('stdout flood: OLE and the returned stdout is capped', async () => {
    // Attack: write 64 KiB chunks to stdout forever.
    const code = `
import sys
chunk = 'x' * 65536
while True:
    sys.stdout.write(chunk)
`;
    const { result, wallMs } = await run(code, { kind: 'sample', output_kb: 64, time_ms: 2000 });
    expectVerdict(result, ['OLE']);
    expect(stdoutOf(result).length).toBeLessThan(1024 * 1024);
    expect(JSON.stringify(result).length).toBeLessThan(2 * 1024 * 1024);
    expect(wallMs).toBeLessThan(15_000);
  });

  it('stderr flood: capped, AC or OLE (never IE), stderr returned capped', async () => {
    // Attack: 32 MiB to stderr, then the right answer, hoping the judge buffers everything.
    const code = `
import sys
chunk = 'e' * 65536
for _ in range(512):
    sys.stderr.write(chunk)
print('ok')
`;
    const { result, wallMs } = await run(code, { kind: 'sample', output_kb: 64, time_ms: 3000 });
    expectVerdict(result, ['AC', 'OLE']);
    expect((first(result).stderr ?? '').length).toBeLessThan(1024 * 1024);
    expect(JSON.stringify(result).length).toBeLessThan(2 * 1024 * 1024);
    expect(wallMs).toBeLessThan(20_000);
  });

  it('one huge line without newline: OLE, capped, no unbounded line buffering', async () => {
    // Attack: 50 MB on one line with no newline at all.
    const code = `
import sys
sys.stdout.write('y' * 50_000_000)
`;
    const { result, wallMs } = await run(code, { kind: 'sample', output_kb: 1024, time_ms: 3000, memory_mb: 256 });
    expectVerdict(result, ['OLE']);
    expect(stdoutOf(result).length).toBeLessThan(2 * 1024 * 1024);
    expect(wallMs).toBeLessThan(20_000);
  });
});

describe('/tmp', () => {
  it('disk fill of /tmp and /dev/shm stops at a small cap (ENOSPC), never the host disk', async () => {
    // Attack: write 1 MiB blocks to /tmp, then /dev/shm, until an error; report how much got written.
    // The output cap (which also bounds every file via RLIMIT_FSIZE) is raised so the tmpfs cap is what stops it.
    const code = `
import os, errno
for d in ('/tmp', '/dev/shm'):
    n = 0
    try:
        with open(os.path.join(d, 'fill'), 'wb') as f:
            block = b'z' * (1 << 20)
            while n < 4096:
                f.write(block); f.flush()
                n += 1
        print('STOPPED', d, 'NONE', n, flush=True)
    except OSError as e:
        print('STOPPED', d, errno.errorcode.get(e.errno, e.errno), n, flush=True)
print('ok')
`;
    const { result } = await run(code, { kind: 'custom', memory_mb: 128, time_ms: 3000, output_kb: 256 * 1024 });
    expectVerdict(result, ['AC', 'MLE', 'RE']);
    const stopped = linesStartingWith(stdoutOf(result), 'STOPPED');
    expect(stopped.length, stdoutOf(result)).toBeGreaterThanOrEqual(1);
    for (const line of stopped) {
      const [, code = '', mb = ''] = line.split(' ');
      expect(['ENOSPC', 'EFBIG', 'EDQUOT'], line).toContain(code);
      expect(Number(mb), line).toBeLessThanOrEqual(512);
    }
  });

  it('a full /tmp and /dev/shm plus a large legal output does not starve the harness into IE', async () => {
    // Attack: pin both tmpfs (they are charged to the run's memory cgroup and outlive the test), then
    // write 24 MiB of legal output that the harness must read back and encode, hoping it gets OOM-killed.
    const code = `
import os, sys
# Files of 8 MiB each: every file is also capped by RLIMIT_FSIZE (= the output cap).
for d in ('/tmp', '/dev/shm'):
    try:
        for i in range(1000):
            with open(os.path.join(d, 'pin%d' % i), 'wb') as f:
                for _ in range(8):
                    f.write(b'p' * (1 << 20)); f.flush()
    except OSError:
        pass
block = ('w' * 1023 + '\\n') * 1024
for _ in range(24):
    sys.stdout.write(block)
`;
    const tests = [1, 2].map((i) => ({ name: `p${i}`, input: '', answer: 'ok\n' }));
    const { result, wallMs } = await run(code, { kind: 'sample', tests, memory_mb: 64, output_kb: 32 * 1024, time_ms: 4000 });
    expectVerdict(result, ['WA', 'MLE', 'RE']);
    expect(JSON.stringify(result).length).toBeLessThan(4 * 1024 * 1024);
    expect(wallMs).toBeLessThan(30_000);
  });

  it("a test's leftover processes do not keep running into the next test of the same run", async () => {
    // Attack: test 1 leaves a detached writer behind; test 2 checks whether it is still writing.
    const code = `
import os, sys, time
first = not os.path.exists('/tmp/heartbeat')
if first:
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            while True:
                with open('/tmp/heartbeat', 'a') as f: f.write('.')
                time.sleep(0.02)
        os._exit(0)
    time.sleep(0.3)
    print('PLANTED', os.path.getsize('/tmp/heartbeat'))
else:
    a = os.path.getsize('/tmp/heartbeat'); time.sleep(0.4); b = os.path.getsize('/tmp/heartbeat')
    print('GREW', b - a)
`;
    const { result } = await run(code, { tests: [{ name: 'a', input: '' }, { name: 'b', input: '' }] });
    expectVerdict(result, ['AC']);
    const [a, b] = result.tests;
    expect(Number(linesStartingWith(a?.stdout ?? '', 'PLANTED')[0]), a?.stdout).toBeGreaterThan(0);
    expect(linesStartingWith(b?.stdout ?? '', 'GREW')[0], b?.stdout).toBe('0');
  });

  it('many files in /tmp: capped or timed out, and the next run starts with an empty /tmp', async () => {
    // Attack: create files until inodes/memory/time run out.
    const marker = `mf${hex32().slice(0, 8)}`;
    const code = `
import os
n = 0
try:
    while n < 2_000_000:
        open('/tmp/${marker}_%d' % n, 'w').close()
        n += 1
except OSError as e:
    pass
print('ok')
`;
    const { result } = await run(code, { kind: 'submit', time_ms: 1500, memory_mb: 128 });
    expectVerdict(result, ['AC', 'TLE', 'MLE', 'RE']);
    const next = await run(`import os\nprint(len([f for f in os.listdir('/tmp') if f.startswith(${JSON.stringify(marker)})]))\n`);
    expect(stdoutOf(next.result).trim()).toBe('0');
  });
});

describe('compile and crash verdicts', () => {
  it('segfault through ctypes: RE with signal SIGSEGV', async () => {
    // Attack: dereference NULL from Python.
    const { result } = await run('import ctypes\nctypes.string_at(0)\n', { kind: 'submit' });
    expectVerdict(result, ['RE']);
    expect(first(result).signal).toBe('SIGSEGV');
  });

  it('syntax error: CE with the line number', async () => {
    const { result } = await run('x = 1\ndef f(:\n    pass\n', { kind: 'submit' });
    expectVerdict(result, ['CE']);
    expect(result.compile_error?.line).toBe(2);
  });
});

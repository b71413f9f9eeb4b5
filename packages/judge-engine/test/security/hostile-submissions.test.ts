/**
 * Attacks of a submission on what the judge promises beyond containment: that hidden tests stay
 * hidden, that a test cannot disturb its supervisor or fake a judge fault, and that limits hold for
 * a test's whole process tree. Each attack runs in the real sandbox and must fail.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isRoot } from '../../src/sandbox/driver.js';
import { everything, expectStillServing, expectVerdict, first, hex32, linesStartingWith, py, run, stdoutOf } from './support.js';

afterEach(async () => {
  await expectStillServing();
});

const hiddenTests = (secrets: string[]) => secrets.map((s, i) => ({ name: `secret/${i + 1}-${s}`, input: `${s}\n`, answer: 'never\n' }));

describe('hidden test data does not come back', () => {
  it('an exception message, the exit code and the test name carry nothing of a hidden input', async () => {
    const secrets = [hex32(), hex32()];
    const code = `
import sys
secret = input()
if secret.startswith(${py(secrets[0]!.slice(0, 1))}):
    raise ValueError('LEAK ' + secret)
sys.exit(int(secret[:2], 16))
`;
    const { result } = await run(code, { kind: 'submit', tests: hiddenTests(secrets) });
    expect(result.verdict).toBe('RE');
    const text = everything(result);
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice(0, 8));
    }
    for (const [index, test] of result.tests.entries()) {
      expect(test.name).toBe(`test ${index + 1}`);
      expect(test).not.toHaveProperty('exit_code');
      expect(test.message).toBe('non-zero exit');
      expect(test.coarse).toBe(true);
    }
  });

  it('a hidden run reports CPU time and memory only as four buckets of each limit', async () => {
    // Attack: burn CPU and hold memory in proportion to a hidden byte, to read it from the figures.
    const code = `
import time
v = int(input(), 16) % 256
hold = bytearray(v * 256 * 1024)
for i in range(0, len(hold), 4096): hold[i] = 1
end = time.process_time() + v / 1000
while time.process_time() < end: pass
`;
    const values = [3, 77, 150, 251];
    const tests = values.map((v, i) => ({ name: `s${i}`, input: `${v.toString(16)}\n`, answer: '\n' }));
    const { result } = await run(code, { kind: 'submit', tests, time_ms: 1000, memory_mb: 128 });
    expectVerdict(result, ['AC']);
    for (const test of result.tests) {
      expect([125, 250, 500, 1000]).toContain(test.cpu_ms);
      expect(test.wall_ms).toBe(test.cpu_ms);
      expect([16, 32, 64, 128].map((mb) => mb * 1024)).toContain(test.memory_kb);
    }
  });

  it('the frames above the program hold nothing of the supervisor: no header, no test index, no other sizes', async () => {
    const code = `
import sys, gc
seen = set()
f = sys._getframe(1)
while f is not None:
    seen.update(f.f_locals)
    if f.f_code.co_name == '<module>':
        seen.update(k for k in f.f_globals if not k.startswith('__'))
    f = f.f_back
print('NAMES', ' '.join(sorted(seen)))
sizes = [o for o in gc.get_objects() if isinstance(o, list) and len(o) >= 3 and all(type(x) is int and x in (13, 1013, 2013) for x in o)]
print('SIZES', len(sizes))
`;
    const tests = [13, 1013, 2013].map((n, i) => ({ name: `t${i}`, input: 'x'.repeat(n - 1) + '\n' }));
    const { result } = await run(code, { kind: 'custom', tests });
    expectVerdict(result, ['AC']);
    for (const test of result.tests) {
      const names = linesStartingWith(test.stdout ?? '', 'NAMES')[0]?.split(' ') ?? [];
      expect(names).not.toContain('header');
      expect(names).not.toContain('index');
      expect(names).not.toContain('ctx');
      expect(linesStartingWith(test.stdout ?? '', 'SIZES')[0]).toBe('0');
    }
  });
});

describe('a test cannot reach its supervisor', () => {
  it.runIf(isRoot())('lowering the supervisor’s rlimits, priority or CPU affinity fails, and later tests run normally', async () => {
    const code = `
import os, resource, errno, sys
def attempt(name, fn):
    try:
        fn(); print('ATTACK', name, 'OK', file=sys.stderr)
    except OSError as e:
        print('ATTACK', name, errno.errorcode.get(e.errno, e.errno), file=sys.stderr)
attempt('prlimit_nofile', lambda: resource.prlimit(1, resource.RLIMIT_NOFILE, (3, 3)))
attempt('prlimit_as', lambda: resource.prlimit(1, resource.RLIMIT_AS, (1 << 20, 1 << 20)))
attempt('prlimit_cpu', lambda: resource.prlimit(1, resource.RLIMIT_CPU, (1, 1)))
attempt('setpriority', lambda: os.setpriority(os.PRIO_PROCESS, 1, 19))
attempt('affinity', lambda: os.sched_setaffinity(1, {0}))
attempt('sched_idle', lambda: os.sched_setscheduler(1, os.SCHED_IDLE, os.sched_param(0)))
attempt('kill_stop', lambda: os.kill(1, 19))
print(input())
`;
    const tests = [1, 2, 3].map((i) => ({ name: `t${i}`, input: `ok${i}\n`, answer: `ok${i}\n` }));
    const { result } = await run(code, { kind: 'sample', tests });
    expect(result.verdict, everything(result)).toBe('AC');
    for (const test of result.tests) {
      const attacks = linesStartingWith(test.stderr ?? '', 'ATTACK');
      expect(attacks).toHaveLength(7);
      for (const line of attacks) expect(line, line).toMatch(/ EPERM$/);
    }
  });

  it('a test cannot plant a faked judge fault: the setup fd is closed before its code runs', async () => {
    const code = `
import os
for fd in range(3, 64):
    try:
        os.write(fd, b'setup failed: faked')
    except OSError:
        pass
print(input())
`;
    const { result } = await run(code, { kind: 'sample', tests: [{ name: 'a', input: 'x\n', answer: 'x\n' }] });
    expect(result.verdict, everything(result)).toBe('AC');
  });
});

describe('limits hold for a test’s whole process tree', () => {
  it.runIf(isRoot())('CPU burnt by a forked helper counts: 4 s of helper CPU under a 1 s limit is TLE', async () => {
    const code = `
import os, time
pid = os.fork()
if pid == 0:
    end = time.process_time() + 4
    while time.process_time() < end: pass
    os._exit(0)
os.waitpid(pid, 0)
print('done')
`;
    const { result, wallMs } = await run(code, { kind: 'submit', time_ms: 1000, answer: 'done\n' });
    expect(first(result).verdict).toBe('TLE');
    expect(wallMs).toBeLessThan(15_000);
  });

  it.runIf(isRoot())('memory held by a forked helper counts against the test’s limit', async () => {
    const code = `
import os
pid = os.fork()
if pid == 0:
    hoard = bytearray(200 * 1024 * 1024)
    for i in range(0, len(hoard), 4096): hoard[i] = 1
    os._exit(0)
os.waitpid(pid, 0)
print('done')
`;
    const { result } = await run(code, { kind: 'submit', memory_mb: 128, answer: 'done\n' });
    expect(first(result).verdict).toBe('MLE');
  });

  it.runIf(isRoot())('memory reserved but never touched is not counted (resident memory, not address space)', async () => {
    const code = `
import mmap
reserved = mmap.mmap(-1, 3 * 1024 * 1024 * 1024)
reserved[0] = 1
print('done')
`;
    const { result } = await run(code, { kind: 'sample', memory_mb: 128, answer: 'done\n' });
    expect(result.verdict, everything(result)).toBe('AC');
    expect(first(result).memory_kb).toBeLessThan(32 * 1024);
  });
});

describe('seccomp', () => {
  it('io_uring, keyrings, userfaultfd, perf events, secret memory, vsock/netlink and page-cache probes are denied', async () => {
    const code = `
import ctypes, errno, socket
libc = ctypes.CDLL(None, use_errno=True)
def call(name, nr, *args):
    r = libc.syscall(nr, *args)
    print('CALL', name, 'OK' if r >= 0 else errno.errorcode.get(ctypes.get_errno(), ctypes.get_errno()))
buf = ctypes.create_string_buffer(4096)
call('io_uring_setup', 425, 1, ctypes.byref(buf))
call('keyctl', 250, 0, 0)
call('add_key', 248, b'user', b'k', b'v', 1, -3)
call('request_key', 249, b'user', b'k', 0, -3)
call('userfaultfd', 323, 0)
call('perf_event_open', 298, ctypes.byref(buf), 0, -1, -1, 0)
call('memfd_secret', 447, 0)
fd = libc.open(b'/usr/lib/python3.11/os.py', 0)
call('readahead', 187, fd, 0, 4096)
call('fadvise64', 221, fd, 0, 0, 4)
call('cachestat', 451, fd, ctypes.byref(buf), ctypes.byref(buf), 0)
iov = (ctypes.c_void_p * 2)(ctypes.addressof(buf), 4096)
call('preadv2_nowait', 327, fd, ctypes.byref(iov), 1, 0, 0, 8)
addr = libc.mmap(None, 4096, 1, 1, fd, 0)
call('mincore', 27, ctypes.c_void_p(addr), 4096, ctypes.byref(buf))
for name, family in (('netlink', socket.AF_NETLINK), ('vsock', 40), ('packet', socket.AF_PACKET)):
    try:
        socket.socket(family, socket.SOCK_DGRAM); print('CALL', name, 'OK')
    except OSError as e:
        print('CALL', name, errno.errorcode.get(e.errno, e.errno))
`;
    const { result } = await run(code);
    expectVerdict(result, ['AC']);
    const calls = linesStartingWith(stdoutOf(result), 'CALL');
    expect(calls).toHaveLength(15);
    for (const call of calls) expect(call, stdoutOf(result)).toMatch(/ (EPERM|EAFNOSUPPORT)$/);
  });
});

describe('the sandbox root', () => {
  it.runIf(isRoot())('holds the interpreter and its standard library only: no other program, no system package', async () => {
    const code = `
import os, importlib.util
print('BIN', ' '.join(sorted(os.listdir('/usr/bin'))))
for name in ('yaml', 'apt', 'numpy', 'requests', 'six', 'setuptools', 'pip', 'seccomp'):
    print('MODULE', name, 'found' if importlib.util.find_spec(name) else 'absent')
print('ROOT', ' '.join(sorted(os.listdir('/'))))
`;
    const { result } = await run(code);
    expectVerdict(result, ['AC']);
    const out = stdoutOf(result);
    expect(linesStartingWith(out, 'BIN')[0]).toMatch(/^python3 python3\.\d+$/);
    for (const line of linesStartingWith(out, 'MODULE')) expect(line).toMatch(/ absent$/);
    expect(linesStartingWith(out, 'ROOT')[0]?.split(' ')).not.toContain('etc');
  });
});

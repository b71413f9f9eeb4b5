/**
 * Privilege attacks: the submission runs as a non-root user with no capabilities, cannot gain any
 * (setuid, mount, unshare, chroot), and cannot ptrace or read the memory of its supervisor.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isRoot } from '../../src/sandbox/driver.js';
import { expectStillServing, expectVerdict, linesStartingWith, run, stdoutOf } from './support.js';

afterEach(expectStillServing);

/** Python helper: `TRY <label> OK` or `TRY <label> ERR <errno>`; ctypes calls report their errno. */
const PY_TRY = `
import os, errno, ctypes, ctypes.util
libc = ctypes.CDLL(ctypes.util.find_library('c') or 'libc.so.6', use_errno=True)
def attempt(label, fn):
    try:
        rc = fn()
        if isinstance(rc, int) and rc == -1:
            e = ctypes.get_errno()
            print('TRY', label, 'ERR', errno.errorcode.get(e, e), flush=True)
        else:
            print('TRY', label, 'OK', flush=True)
    except OSError as e:
        print('TRY', label, 'ERR', errno.errorcode.get(e.errno, e.errno), flush=True)
`;

function tries(out: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const l of linesStartingWith(out, 'TRY')) {
    const [label = '', status = ''] = l.split(' ');
    m.set(label, status);
  }
  return m;
}

function expectAllRefused(out: string, labels: string[]): void {
  const m = tries(out);
  for (const label of labels) expect(m.get(label), `${label} in:\n${out}`).toBe('ERR');
}

describe('identity and capabilities', () => {
  it('runs as a non-root uid with an empty capability set', async () => {
    // Attack: check what we are; any capability would make the rest of the battery moot.
    const code = `
import os
print('UID', os.getuid(), os.geteuid(), os.getgid())
for line in open('/proc/self/status'):
    if line.startswith(('CapEff', 'CapPrm', 'CapBnd', 'CapAmb', 'NoNewPrivs', 'Seccomp')):
        print(line.split(':')[0], line.split(':')[1].strip())
`;
    const { result } = await run(code);
    expectVerdict(result, ['AC']);
    const out = stdoutOf(result);
    const [uid, euid] = (linesStartingWith(out, 'UID')[0] ?? '').split(' ').map(Number);
    expect(uid, out).not.toBe(0);
    expect(euid, out).not.toBe(0);
    expect(linesStartingWith(out, 'CapEff')[0], out).toBe('0000000000000000');
    expect(linesStartingWith(out, 'CapPrm')[0], out).toBe('0000000000000000');
    expect(linesStartingWith(out, 'CapAmb')[0], out).toBe('0000000000000000');
    // As root the supervisor empties the bounding set once for the whole sandbox: nothing to regain by exec.
    if (process.getuid?.() === 0) expect(linesStartingWith(out, 'CapBnd')[0], out).toBe('0000000000000000');
  });

  it('setuid(0), setgid(0), mount, umount, chroot, unshare and pivot_root all fail', async () => {
    // Attack: become root (setuid), remount / read-write, escape into a new user/mount/net namespace.
    const code = `${PY_TRY}
CLONE_NEWNS, CLONE_NEWUSER, CLONE_NEWNET, CLONE_NEWPID = 0x20000, 0x10000000, 0x40000000, 0x20000000
attempt('setuid', lambda: os.setuid(0))
attempt('setgid', lambda: os.setgid(0))
attempt('setgroups', lambda: os.setgroups([0]))
attempt('mount_tmpfs', lambda: libc.mount(b'none', b'/tmp', b'tmpfs', 0, None))
attempt('remount_root', lambda: libc.mount(None, b'/', None, 0x20 | 0x1000, None))  # MS_REMOUNT|MS_BIND
attempt('umount_usr', lambda: libc.umount2(b'/usr', 2))
attempt('chroot', lambda: os.chroot('/tmp'))
attempt('unshare_user', lambda: libc.unshare(CLONE_NEWUSER))
attempt('unshare_ns', lambda: libc.unshare(CLONE_NEWNS))
attempt('unshare_net', lambda: libc.unshare(CLONE_NEWNET))
attempt('unshare_pid', lambda: libc.unshare(CLONE_NEWPID))
attempt('pivot_root', lambda: libc.syscall(155, b'/tmp', b'/tmp'))
attempt('sethostname', lambda: libc.sethostname(b'pwned', 5))
attempt('nice_neg', lambda: os.nice(-5))
`;
    const { result } = await run(code);
    expectVerdict(result, ['AC']);
    expectAllRefused(stdoutOf(result), [
      'setuid', 'setgid', 'setgroups', 'mount_tmpfs', 'remount_root', 'umount_usr', 'chroot',
      'unshare_user', 'unshare_ns', 'unshare_net', 'unshare_pid', 'pivot_root', 'sethostname', 'nice_neg',
    ]);
  });

  it('setuid-root binaries do not grant root (none in the root, no_new_privs, a nosuid /usr)', async () => {
    // Attack: run the host's setuid-root mount(8) to mount over /tmp; list any setuid program left.
    const code = `
import os, stat, subprocess
os.makedirs('/tmp/m', exist_ok=True)
try:
    r = subprocess.run(['/usr/bin/mount', '-t', 'tmpfs', 'none', '/tmp/m'], capture_output=True, timeout=5)
    print('MOUNT_RC', r.returncode)
except OSError as e:
    print('MOUNT_RC missing', e.errno)
setuid = []
for folder, dirs, files in os.walk('/usr'):
    for name in files:
        try:
            if os.lstat(os.path.join(folder, name)).st_mode & (stat.S_ISUID | stat.S_ISGID):
                setuid.append(os.path.join(folder, name))
        except OSError:
            pass
print('SETUID', ','.join(setuid) or '-')
nnp = [l.split(':')[1].strip() for l in open('/proc/self/status') if l.startswith('NoNewPrivs')]
print('NNP', nnp[0] if nnp else '?')
usr = [l for l in open('/proc/self/mountinfo') if l.split()[4] == '/usr']
print('USR_NOSUID', int(any('nosuid' in l.split()[5] for l in usr)))
print('TMPFS_AT_M', int(any(l.split()[4] == '/tmp/m' for l in open('/proc/self/mountinfo'))))
`;
    const { result } = await run(code, { time_ms: 3000 });
    expectVerdict(result, ['AC']);
    const out = stdoutOf(result);
    expect(linesStartingWith(out, 'MOUNT_RC')[0], out).not.toBe('0');
    expect(linesStartingWith(out, 'TMPFS_AT_M')[0], out).toBe('0');
    if (isRoot()) expect(linesStartingWith(out, 'SETUID')[0], out).toBe('-'); // the minimal runtime root has none
    const protectedFromSuid = linesStartingWith(out, 'NNP')[0] === '1' || linesStartingWith(out, 'USR_NOSUID')[0] === '1';
    expect(protectedFromSuid, out).toBe(true);
  });
});

describe('terminals', () => {
  it('no controlling terminal: /dev/tty and TIOCSTI keystroke injection fail', async () => {
    // Attack: push keystrokes into the judge operator's terminal (TIOCSTI) via any fd or /dev/tty.
    const code = `${PY_TRY}
import fcntl, termios
def sti(fd):
    return lambda: fcntl.ioctl(fd, termios.TIOCSTI, b'x')
attempt('dev_tty', lambda: os.open('/dev/tty', os.O_RDWR))
for fd in (0, 1, 2):
    attempt('sti_%d' % fd, sti(fd))
print('SID', os.getsid(0) == os.getpid())
`;
    const { result } = await run(code);
    expectVerdict(result, ['AC']);
    expectAllRefused(stdoutOf(result), ['dev_tty', 'sti_0', 'sti_1', 'sti_2']);
  });
});

describe('the supervisor', () => {
  it('ptrace(PTRACE_ATTACH) of the parent and of pid 1 fails, and /proc/<ppid>/mem is unreadable', async () => {
    // Attack: take over the harness process (it talks to the host) via ptrace or its memory file.
    const code = `${PY_TRY}
ppid = os.getppid()
print('PPID', ppid)
PTRACE_ATTACH, PTRACE_SEIZE, PTRACE_DETACH = 16, 0x4206, 17
def attach(pid, req):
    def go():
        rc = libc.ptrace(req, pid, None, None)
        if rc == 0:
            libc.ptrace(PTRACE_DETACH, pid, None, None)
        return rc
    return go
attempt('attach_parent', attach(ppid, PTRACE_ATTACH))
attempt('seize_parent', attach(ppid, PTRACE_SEIZE))
attempt('attach_init', attach(1, PTRACE_ATTACH))
def read_mem():
    maps = open('/proc/%d/maps' % ppid).read().splitlines()
    lo = int(maps[0].split('-')[0], 16)
    with open('/proc/%d/mem' % ppid, 'rb', 0) as m:
        m.seek(lo); m.read(16)
attempt('parent_mem', read_mem)
def vm_read():
    class iovec(ctypes.Structure):
        _fields_ = [('base', ctypes.c_void_p), ('len', ctypes.c_size_t)]
    maps = open('/proc/%d/maps' % ppid).read().splitlines()
    lo = int(maps[0].split('-')[0], 16)
    buf = ctypes.create_string_buffer(16)
    local, remote = iovec(ctypes.cast(buf, ctypes.c_void_p), 16), iovec(lo, 16)
    return libc.process_vm_readv(ppid, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0)
attempt('parent_vm_readv', vm_read)
print('ok')
`;
    const { result } = await run(code);
    expectVerdict(result, ['AC']);
    expectAllRefused(stdoutOf(result), ['attach_parent', 'seize_parent', 'attach_init', 'parent_mem', 'parent_vm_readv']);
  });

  it('SIGKILL to the parent (the harness): RE, not IE or AC', async () => {
    // Attack: kill whoever is judging us, then exit cleanly hoping for a free pass.
    const code = `
import os, time, sys
try:
    os.kill(os.getppid(), 9)
except OSError:
    pass
time.sleep(0.3)
sys.exit(3)
`;
    const { result, wallMs } = await run(code, { kind: 'submit' });
    expectVerdict(result, ['RE']);
    expect(wallMs).toBeLessThan(20_000);
  });

  it('kill(-1, SIGKILL): RE, not IE or AC', async () => {
    // Attack: kill every process we are allowed to signal (everything with our uid).
    const code = `
import os, time, sys
try:
    os.kill(-1, 9)
except OSError:
    pass
time.sleep(0.3)
sys.exit(3)
`;
    const { result, wallMs } = await run(code, { kind: 'submit' });
    expectVerdict(result, ['RE']);
    expect(wallMs).toBeLessThan(20_000);
  });

  it('signalling pid 1 of the sandbox: RE, not IE or AC', async () => {
    // Attack: SIGKILL/SIGTERM/SIGSTOP the sandbox init.
    const code = `
import os, time, sys, signal
for s in (signal.SIGTERM, signal.SIGKILL, signal.SIGSTOP):
    try:
        os.kill(1, s)
    except OSError:
        pass
time.sleep(0.3)
sys.exit(3)
`;
    const { result, wallMs } = await run(code, { kind: 'submit' });
    expectVerdict(result, ['RE']);
    expect(wallMs).toBeLessThan(20_000);
  });

  it('SIGSTOP to the parent: a bounded verdict (TLE or RE), not a hung judge', async () => {
    // Attack: freeze the harness so it never reports; the wall-clock kill must still end the run.
    const code = `
import os, signal
try:
    os.kill(os.getppid(), signal.SIGSTOP)
except OSError:
    pass
print('ok')
`;
    const { result, wallMs } = await run(code, { kind: 'submit', time_ms: 1000 });
    expectVerdict(result, ['AC', 'TLE', 'RE']);
    expect(wallMs).toBeLessThan(20_000);
  });
});

"""Who the harness and its test children run as.

As root the judge gives every sandbox a pair of uids of its own (a "box"): the harness, pid 1, runs
as the first (the supervisor) with a few capabilities of the sandbox's user namespace, which maps
only the box's two uids; every test child switches to the second uid and drops every capability
before any user code runs. A test then cannot lower the supervisor's rlimits or priority, signal
it, trace it or read its memory: all of those need the same uid or a capability. Without root
(a developer's `duet-pack`) the sandbox maps one uid only and children keep the supervisor's.
"""
import ctypes
import os

from hardening import PRIVATE_FD_BASE

_libc = ctypes.CDLL(None, use_errno=True)

PR_CAPBSET_DROP = 24
PR_CAP_AMBIENT = 47
PR_CAP_AMBIENT_LOWER = 3
PR_CAP_AMBIENT_CLEAR_ALL = 4
SYS_CAPGET = 125
SYS_CAPSET = 126
CAP_SETUID = 7
CAP_SETPCAP = 8
CAP_SYS_RESOURCE = 24
_CAP_VERSION_3 = 0x20080522
EINVAL = 22

# The uid test children run under: None when the sandbox maps a single uid.
TEST_UID = None


class _CapHeader(ctypes.Structure):
    _fields_ = [('version', ctypes.c_uint32), ('pid', ctypes.c_int)]


class _CapData(ctypes.Structure):
    _fields_ = [('effective', ctypes.c_uint32), ('permitted', ctypes.c_uint32), ('inheritable', ctypes.c_uint32)]


def _check(result, what):
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, '%s: %s' % (what, os.strerror(errno)))


def _capget():
    header = _CapHeader(_CAP_VERSION_3, 0)
    data = (_CapData * 2)()
    _check(_libc.syscall(SYS_CAPGET, ctypes.byref(header), data), 'capget')
    return header, data


def _has_effective(cap):
    _, data = _capget()
    index, bit = divmod(cap, 32)
    return bool(data[index].effective & (1 << bit))


def _drop(cap):
    """Removes one capability from every set (the bounding set needs CAP_SETPCAP)."""
    _check(_libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0), 'PR_CAPBSET_DROP %d' % cap)
    _libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_LOWER, cap, 0, 0)
    header, data = _capget()
    index, bit = divmod(cap, 32)
    for field in ('effective', 'permitted', 'inheritable'):
        setattr(data[index], field, getattr(data[index], field) & ~(1 << bit))
    _check(_libc.syscall(SYS_CAPSET, ctypes.byref(header), data), 'capset')


def _test_uid_from_map():
    """The other uid of the box: /proc/self/uid_map maps exactly the supervisor's and the tests'."""
    own = os.getuid()
    with open('/proc/self/uid_map', 'rb') as uid_map:
        inside = [int(line.split()[0]) for line in uid_map.read().splitlines() if line.strip()]
    others = [uid for uid in inside if uid != own]
    if len(inside) != 2 or len(others) != 1:
        raise OSError(0, 'expected a uid map of exactly two uids, got %r' % inside)
    return others[0]


def enter_supervisor():
    """Runs once at start-up, before any input is read. With a uid pair: closes nested user
    namespaces for the whole sandbox (bwrap's own switch cannot be combined with a host-written
    uid map), empties the bounding and ambient sets (only execve reads them, and the supervisor
    never execs, so it keeps what it holds while every child inherits nothing to regain), then gives
    up CAP_SYS_RESOURCE and CAP_SETPCAP, which only those steps needed."""
    global TEST_UID, _CHILD_CAPSET
    if not _has_effective(CAP_SETUID):
        TEST_UID = None
        return
    TEST_UID = _test_uid_from_map()
    with open('/proc/sys/user/max_user_namespaces', 'w') as limit:
        limit.write('0')
    with open('/proc/sys/kernel/cap_last_cap', 'rb') as last:
        last_cap = int(last.read())
    for cap in range(last_cap + 1):
        if _libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 and ctypes.get_errno() != EINVAL:
            _check(-1, 'PR_CAPBSET_DROP %d' % cap)
    _check(_libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0), 'PR_CAP_AMBIENT_CLEAR_ALL')
    _drop(CAP_SYS_RESOURCE)
    _drop(CAP_SETPCAP)
    # Built here, before the harness freezes its objects: a child's one capset allocates nothing.
    header = _CapHeader(_CAP_VERSION_3, 0)
    empty = (_CapData * 2)()
    _CHILD_CAPSET = (header, empty, ctypes.byref(header))


_CHILD_CAPSET = None
# Bound once here, without use_errno: a child looking the function up, or ctypes' errno bookkeeping,
# would cost it a dozen copy-on-write faults each. The errno is fetched (through _libc) only to
# explain a failure.
_syscall_without_errno = ctypes.CDLL(None).syscall
_OOM_SCORE_ADJ_FD = None
OOM_FIRST = b'1000'
OOM_NORMAL = b'0'


def open_oom_preference():
    """Opens the supervisor's oom_score_adj once, at a private fd (a test child closes every fd
    above its own before running). Must run before the harness makes itself non-dumpable, which
    gives its /proc files to root (a test child cannot open its own either: it inherits that).
    Raising the value needs no privilege; lowering it back is allowed down to the value a privileged
    writer last set (0 here)."""
    global _OOM_SCORE_ADJ_FD
    try:
        fd = os.open('/proc/self/oom_score_adj', os.O_RDWR | os.O_CLOEXEC)
    except OSError:
        return  # only a preference for the OOM killer; the memory limits hold either way
    import fcntl
    _OOM_SCORE_ADJ_FD = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, PRIVATE_FD_BASE)
    os.close(fd)


def fork_test_child():
    """os.fork() whose child is the OOM killer's first choice (oom_score_adj is inherited), while
    the supervisor keeps its own: set around the fork here rather than by the child, which would
    pay for a /proc open in copy-on-write faults on every test."""
    fd = _OOM_SCORE_ADJ_FD
    if fd is None:
        return os.fork()
    _set_oom(fd, OOM_FIRST)
    pid = os.fork()
    if pid != 0:
        _set_oom(fd, OOM_NORMAL)
    return pid


def _set_oom(fd, value):
    try:
        os.pwrite(fd, value, 0)
    except OSError:
        pass


def become_test_child():
    """In a forked test child (fork_test_child), before any user code: the tests' uid with no
    supplementary groups and no capability left in any set. Every page a child writes is a
    copy-on-write fault (~4 us here), so this stays at a few syscalls with objects built in
    advance."""
    if TEST_UID is None:
        return
    os.setgroups(())
    os.setresgid(TEST_UID, TEST_UID, TEST_UID)
    os.setresuid(TEST_UID, TEST_UID, TEST_UID)
    # A uid change between two non-root uids keeps the permitted and effective sets: empty them
    # (the bounding and ambient sets are empty since enter_supervisor).
    header, empty, header_ref = _CHILD_CAPSET
    if _syscall_without_errno(SYS_CAPSET, header_ref, empty) != 0:
        _check(_libc.syscall(SYS_CAPSET, header_ref, empty), 'capset')  # again, for its errno

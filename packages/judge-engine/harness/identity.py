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


_OOM_SCORE_ADJ = b'/proc/self/oom_score_adj'
_CHILD_CAPSET = None


def become_test_child():
    """In a forked test child, before any user code: the OOM killer's first choice, then the
    tests' uid with no supplementary groups and no capability left in any set. Every page a child
    writes is a copy-on-write fault (~10 us here), so this stays at a few syscalls with objects
    built in advance."""
    try:
        fd = os.open(_OOM_SCORE_ADJ, os.O_WRONLY)
        try:
            os.write(fd, b'1000')
        finally:
            os.close(fd)
    except OSError:
        pass  # only a preference for the OOM killer; the memory limit holds either way
    if TEST_UID is None:
        return
    os.setgroups(())
    os.setresgid(TEST_UID, TEST_UID, TEST_UID)
    os.setresuid(TEST_UID, TEST_UID, TEST_UID)
    # A uid change between two non-root uids keeps the permitted and effective sets: empty them
    # (the bounding and ambient sets are empty since enter_supervisor).
    header, empty, header_ref = _CHILD_CAPSET
    _check(_libc.syscall(SYS_CAPSET, header_ref, empty), 'capset')

"""Process hardening for the harness: what a forked test child must not be able to reach."""
import ctypes
import fcntl
import os
import resource

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3
PR_SET_NAME = 15
# The host's pipes are moved up here, above every fd a test child keeps (0..4).
PRIVATE_FD_BASE = 100

_libc = ctypes.CDLL(None, use_errno=True)


def make_non_dumpable():
    """Children run as the same uid; a non-dumpable parent makes /proc/<ppid>/{mem,fd,environ}
    and ptrace attach fail for them (ptrace_may_access refuses without CAP_SYS_PTRACE)."""
    if _libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), 'prctl(PR_SET_DUMPABLE, 0) failed')
    if _libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0:
        raise OSError(0, 'harness is still dumpable')


def move_to_private_fd(fd):
    """Duplicates `fd` to a high close-on-exec fd and points the low one at /dev/null."""
    private = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, PRIVATE_FD_BASE)
    null = os.open('/dev/null', os.O_RDWR)
    os.dup2(null, fd)
    os.close(null)
    return private


class NotInSandbox(SystemExit):
    pass


def refuse_outside_sandbox():
    """The harness kills every other process it can signal between tests (kill(-1)). That is only
    safe as the init (pid 1) of the sandbox's own pid namespace, running as a non-root uid: on a
    host it would kill the machine. So it refuses to start anywhere else."""
    if os.getpid() != 1 or os.getuid() == 0 or os.geteuid() == 0:
        raise NotInSandbox('duet harness: refusing to run outside the sandbox '
                           '(must be pid 1 of its own pid namespace with a non-root uid)')


def ignore_signals_from_children():
    """As pid 1 of the namespace, the harness only receives signals it has a handler for; Python
    installs one for SIGINT, so drop it (a test child could otherwise interrupt the harness)."""
    import _signal
    _signal.signal(_signal.SIGINT, _signal.SIG_DFL)


def no_core_dumps():
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def address_space_in_use():
    """Bytes of virtual address space mapped now (the base a child's RLIMIT_AS is added to)."""
    with open('/proc/self/statm', 'rb') as statm:
        pages = int(statm.read().split()[0])
    return pages * os.sysconf('SC_PAGE_SIZE')

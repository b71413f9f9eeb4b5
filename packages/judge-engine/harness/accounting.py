"""A test's CPU time and memory, limited and measured for its whole process tree.

As root the judge binds the run's cgroup files at /cg (see the engine's cgroups.ts): CPU
nanoseconds of everything in the sandbox, memory in use, its peak, and the sandbox's own
memory limit, which the supervisor sets for each test to what the idle harness holds plus the test's
limit (the host's cap for the run stays above it). Only one test runs at a time and the supervisor
is idle meanwhile, so a test's figures are the counters' growth over the test: a helper the test
forks, a thread or a daemon it leaves behind are all counted and limited. Without root there are no
counters: the main process's rusage and an address-space rlimit are used instead.
"""
import os

CGROUP_DIR = '/cg'
# Room the supervisor keeps above a test's limit: once the OOM killer has taken the test's processes
# (their oom_score_adj puts them first), what they wrote to /tmp stays charged, and the supervisor
# must still be able to allocate until it lifts the limit. A test that uses it is over its limit,
# which the measured peak shows (MLE).
SUPERVISOR_HEADROOM = 8 * 1024 * 1024


# A test's limit is rewritten only when it moves by more than this: between tests of one run the
# idle harness's usage barely changes, and each cgroupfs write costs as much as a small test.
LIMIT_SLACK = 1024 * 1024


class CgroupCounters:
    def __init__(self):
        flags = os.O_RDONLY | os.O_CLOEXEC
        self.cpu = _private(os.open(CGROUP_DIR + '/cpuacct.usage', flags))
        self.usage = _private(os.open(CGROUP_DIR + '/memory.usage_in_bytes', flags))
        self.peak = _private(os.open(CGROUP_DIR + '/memory.max_usage_in_bytes', os.O_RDWR | os.O_CLOEXEC))
        self.limit = _private(os.open(CGROUP_DIR + '/memory.limit_in_bytes', os.O_WRONLY | os.O_CLOEXEC))
        memsw = CGROUP_DIR + '/memory.memsw.limit_in_bytes'
        self.memsw = _private(os.open(memsw, os.O_WRONLY | os.O_CLOEXEC)) if os.path.exists(memsw) else None
        self.limit_bytes = None  # the limit in force, None when lifted

    def start(self, memory_mb):
        """Marks the beginning of a test: its memory limit on top of what is in use now, and the
        peak restarted from there."""
        usage = _number(self.usage)
        wanted = usage + memory_mb * 1024 * 1024 + SUPERVISOR_HEADROOM
        current = self.limit_bytes
        if current is None or not wanted <= current <= wanted + LIMIT_SLACK:
            self._set_limit(wanted, raising=current is not None and wanted > current)
        os.pwrite(self.peak, b'0', 0)
        return TestStart(_number(self.cpu), usage)

    def cpu_ns(self):
        return _number(self.cpu)

    def finish(self, start):
        """(cpu ms, peak memory KiB above the idle harness) of the test since `start`. A test that
        came near its limit (the OOM killer's victims, files left in /tmp) has the limit lifted
        again (the run's cap still holds), so the supervisor can always allocate; otherwise the
        limit stays for the next test, which usually needs the same one."""
        cpu_ms = (_number(self.cpu) - start.cpu_ns) / 1e6
        peak = _number(self.peak)
        if self.limit_bytes is not None and peak + SUPERVISOR_HEADROOM >= self.limit_bytes:
            self._set_limit(None, raising=True)
        return cpu_ms, max(0, peak - start.usage_bytes) // 1024

    def _set_limit(self, limit_bytes, raising):
        value = b'-1' if limit_bytes is None else str(limit_bytes).encode('ascii')
        # v1 keeps memsw >= memory at every step: raising, memsw goes first; lowering, memory first.
        if raising and self.memsw is not None:
            os.pwrite(self.memsw, value, 0)
        os.pwrite(self.limit, value, 0)
        if not raising and self.memsw is not None:
            os.pwrite(self.memsw, value, 0)
        self.limit_bytes = limit_bytes


class TestStart:
    __slots__ = ('cpu_ns', 'usage_bytes')

    def __init__(self, cpu_ns, usage_bytes):
        self.cpu_ns = cpu_ns
        self.usage_bytes = usage_bytes


def _number(fd):
    return int(os.pread(fd, 64, 0))


def _private(fd):
    """Above every fd a test child keeps, like the host's pipes (hardening.PRIVATE_FD_BASE)."""
    import fcntl
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 100)
    os.close(fd)
    return high


def open_counters():
    """The run's counters, or None where the sandbox has none (no root, no cgroups)."""
    if not os.path.exists(CGROUP_DIR + '/cpuacct.usage'):
        return None
    return CgroupCounters()

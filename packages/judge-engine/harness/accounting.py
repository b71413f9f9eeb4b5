"""A test's CPU time and memory, limited and measured for its whole process tree.

As root the judge binds the run's cgroup files at /cg (see the engine's cgroups.ts): CPU
nanoseconds of everything in the sandbox, memory in use, its peak, OOM kills, and the sandbox's own
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


class CgroupCounters:
    def __init__(self):
        flags = os.O_RDONLY | os.O_CLOEXEC
        self.cpu = _private(os.open(CGROUP_DIR + '/cpuacct.usage', flags))
        self.usage = _private(os.open(CGROUP_DIR + '/memory.usage_in_bytes', flags))
        self.peak = _private(os.open(CGROUP_DIR + '/memory.max_usage_in_bytes', os.O_RDWR | os.O_CLOEXEC))
        self.oom = _private(os.open(CGROUP_DIR + '/memory.oom_control', flags))
        self.limit = _private(os.open(CGROUP_DIR + '/memory.limit_in_bytes', os.O_WRONLY | os.O_CLOEXEC))
        memsw = CGROUP_DIR + '/memory.memsw.limit_in_bytes'
        self.memsw = _private(os.open(memsw, os.O_WRONLY | os.O_CLOEXEC)) if os.path.exists(memsw) else None

    def start(self, memory_mb):
        """Marks the beginning of a test: its memory limit on top of what is in use now, and the
        peak restarted from there."""
        usage = _number(self.usage)
        limit = str(usage + memory_mb * 1024 * 1024 + SUPERVISOR_HEADROOM).encode('ascii')
        # v1 keeps memsw >= memory at every step: lowering, the memory limit goes first.
        os.pwrite(self.limit, limit, 0)
        if self.memsw is not None:
            os.pwrite(self.memsw, limit, 0)
        os.pwrite(self.peak, b'0', 0)
        return TestStart(_number(self.cpu), usage, self.oom_kills())

    def cpu_ns(self):
        return _number(self.cpu)

    def oom_kills(self):
        for line in os.pread(self.oom, 4096, 0).splitlines():
            if line.startswith(b'oom_kill '):
                return int(line.split()[1])
        return 0

    def finish(self, start):
        """(cpu ms, peak memory KiB above the idle harness, OOM kills) of the test since `start`;
        lifts the test's memory limit again (the run's cap still holds)."""
        cpu_ms = (_number(self.cpu) - start.cpu_ns) / 1e6
        memory_kb = max(0, _number(self.peak) - start.usage_bytes) // 1024
        oom_kills = self.oom_kills() - start.oom_kills
        if self.memsw is not None:  # raising: memsw first
            os.pwrite(self.memsw, b'-1', 0)
        os.pwrite(self.limit, b'-1', 0)
        return cpu_ms, memory_kb, oom_kills


class TestStart:
    __slots__ = ('cpu_ns', 'usage_bytes', 'oom_kills')

    def __init__(self, cpu_ns, usage_bytes, oom_kills):
        self.cpu_ns = cpu_ns
        self.usage_bytes = usage_bytes
        self.oom_kills = oom_kills


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

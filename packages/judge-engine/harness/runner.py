"""One test: its fds and counters before the fork, then waiting for the child, enforcing the wall-clock
limit, measuring it and collecting its output. The fork itself is in main.py's loop (see RunningTest)."""
import _signal
import binascii
import gc
import os
import select
import time

import child
import fastjson
from protocol import read_length, splice_into

DISPLAY_CAP = 64 * 1024
EXCEPTION_CAP = 8 * 1024
# From _signal, not signal: `import signal` pulls in enum and friends (start-up time).
SIGNAL_NAMES = {getattr(_signal, n): n for n in dir(_signal) if n.startswith('SIG') and not n.startswith('SIG_')}
SIGNAL_NAMES.update({_signal.SIGABRT: 'SIGABRT', _signal.SIGCHLD: 'SIGCHLD', _signal.SIGIO: 'SIGIO'})


class TestContext:
    def __init__(self, code, interface, limits, want_stderr, bundle_fd, address_space_base, counters):
        self.code = code
        self.interface = interface
        self.limits = limits
        self.want_stderr = want_stderr
        self.bundle_fd = bundle_fd
        # With cgroup counters the memory limit is on resident memory (the run's cgroup), not on
        # address space: memory a program reserves but never touches costs nothing.
        self.address_space_base = None if counters is not None else address_space_base
        self.counters = counters
        # Built once: a test child returns these as they are (see RunningTest).
        self.child_task = ChildTask((code, interface, limits, self.address_space_base))
        self.test = RunningTest()


class ChildTask:
    """What a freshly forked test child carries back to main.py's top level, which then runs the
    user's code from there: the child returns it at once from the loop, so no frame above the
    user's code holds the supervisor's state (the run's header, the test's index, what feeds the
    loop). Plain returns rather than an exception: unwinding with a traceback materialises every
    frame object, and each page a child writes is a copy-on-write fault."""

    __slots__ = ('task',)

    def __init__(self, task):
        self.task = task


class RunningTest:
    """The supervisor's state for the test in progress, one object per context reused from test to
    test: the loop forks right after start_test returns it (main.py), so a test child leaves only
    main's frame, which frees nothing (a freed object is one more page the child writes)."""

    __slots__ = ('index', 'fds', 'child_fds', 'start', 'started')


class TestFeed:
    """What the harness's loop (main.py) runs: (index, input size, context) triples, and where each
    observation goes. A size of None means the input follows on the bundle stream with its length
    (a run's tests); a number, that it waits on the bundle fd (a complexity probe's test-sized runs,
    probe.ProbePlan). The loop, and what a test child can see of it, is the same for both."""

    def __init__(self, tests, record):
        self.tests = tests
        self.record = record
        self.running = None

    def __iter__(self):
        # Kept on the feed: a cycle, frozen before each fork (start_test), so a test child leaving
        # main's frame does not finalize the generators (their cleanup is the supervisor's).
        self.running = self._each()
        return self.running

    def _each(self):
        yield from self.tests


SUPERVISOR_PID = 1
_FD_NAMES = ('input', 'stdout', 'stderr', 'result', 'exception', 'setup')


def start_test(index, input_size, ctx):
    """Everything before a test's fork, in the supervisor: its memfds with the input from the bundle
    fd (`input_size` bytes, or length-prefixed on the stream when None), its counters started.
    The loop then forks (identity.fork_test_child): the child calls enter_child, the supervisor
    finish_test."""
    fds = {name: os.memfd_create(name, os.MFD_CLOEXEC) for name in _FD_NAMES}
    try:
        size = read_length(ctx.bundle_fd, 'input') if input_size is None else input_size
        splice_into(ctx.bundle_fd, fds['input'], size)
    except BaseException:
        _close_all(fds)
        raise
    test = ctx.test
    test.index = index
    test.fds = fds
    test.child_fds = {child.INPUT_FD: fds['input'], child.STDOUT_FD: fds['stdout'], child.STDERR_FD: fds['stderr'],
                      child.RESULT_FD: fds['result'], child.EXCEPTION_FD: fds['exception'], child.SETUP_FD: fds['setup']}
    counters = ctx.counters
    test.start = counters.start(ctx.limits['memory_mb']) if counters is not None else None
    # Everything the harness holds now goes to the collector's permanent generation: a child's
    # gc.get_objects() then shows its own objects only, whatever the harness was doing.
    gc.freeze()
    test.started = time.monotonic()
    return test


def enter_child(test, ctx):
    """First thing in a test child: its fds in place (the memfds' own numbers closed), then the
    task it carries to the top level."""
    child.take_fds(test.child_fds)
    return ctx.child_task


def finish_test(test, pid, ctx):
    """In the supervisor after the fork: waits for the test's child, measures it, collects its
    output; returns its `test` event."""
    try:
        return _measure(test, pid, ctx)
    finally:
        _close_all(test.fds)


def _close_all(fds):
    for fd in fds.values():
        os.close(fd)


def _measure(test, pid, ctx):
    counters = ctx.counters
    start, started, index, fds = test.start, test.started, test.index, test.fds
    tree_cpu_ms = None if counters is None else (lambda: (counters.cpu_ns() - start.cpu_ns) / 1e6)
    ending = _wait_or_kill(pid, ctx.limits['time_ms'], ctx.limits['wall_ms'], tree_cpu_ms)
    _, status, usage = os.wait4(pid, 0)
    wall_ms = (time.monotonic() - started) * 1000
    _kill_leftovers()
    # Before anything allocates: finishing lifts the test's memory limit if the test came near it.
    tree = counters.finish(start) if counters is not None else None
    observation = _observation(index, status, usage, wall_ms, ending, fds, ctx)
    if tree is not None:
        # The whole tree's figures, helpers and leftovers included, instead of the main process's.
        observation['cpu_ms'] = round(tree[0], 3)
        observation['memory_kb'] = tree[1]
    return observation


CPU_POLL_MS = 20
CLOCK_TICKS = os.sysconf('SC_CLK_TCK')


def _wait_or_kill(pid, time_ms, wall_ms, tree_cpu_ms=None):
    """Waits for the child to exit. Kills it as soon as its CPU time passes the limit (RLIMIT_CPU
    only counts whole seconds, far too coarse for interview limits), or at the wall-clock limit
    (sleeping, blocked). `tree_cpu_ms`, when given, measures the CPU of the test's whole process
    tree (helpers it forked included) instead of the child's own. Returns None when it exited by
    itself, else 'cpu_timeout'/'wall_timeout'."""
    pidfd = os.pidfd_open(pid)
    try:
        poller = select.poll()
        poller.register(pidfd, select.POLLIN)
        deadline = time.monotonic() + wall_ms / 1000
        wait_ms = time_ms  # it cannot use more CPU than wall time: no need to look before that
        while True:
            if poller.poll(wait_ms):
                return None
            remaining_ms = (deadline - time.monotonic()) * 1000
            if remaining_ms <= 0:
                os.kill(pid, _signal.SIGKILL)
                return 'wall_timeout'
            if (tree_cpu_ms() if tree_cpu_ms is not None else _cpu_ms(pid)) > time_ms:
                os.kill(pid, _signal.SIGKILL)
                return 'cpu_timeout'
            wait_ms = max(1, min(CPU_POLL_MS, int(remaining_ms)))
    finally:
        os.close(pidfd)


def _cpu_ms(pid):
    """User + system CPU of a live child (all its threads), from /proc/<pid>/stat; 0 if it is gone."""
    try:
        with open('/proc/%d/stat' % pid, 'rb') as stat:
            fields = stat.read().rsplit(b')', 1)[1].split()
    except OSError:
        return 0
    # After the command name: state is field 3, utime 14 and stime 15 (1-based, proc(5)).
    return (int(fields[11]) + int(fields[12])) * 1000 / CLOCK_TICKS


def _kill_leftovers():
    """Kills and reaps whatever the test left behind (daemons, fork bombs). The harness is pid 1 of
    the sandbox's pid namespace (checked at startup), so kill(-1) reaches exactly the processes of
    this sandbox, and every orphan is re-parented to the harness, which reaps it here."""
    for _ in range(10000):
        try:
            os.kill(-1, _signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            while os.waitpid(-1, os.WNOHANG)[0] > 0:
                pass
        except ChildProcessError:
            return  # nothing left
        time.sleep(0.0005)


def _observation(index, status, usage, wall_ms, ending, fds, ctx):
    limits = ctx.limits
    output_cap = limits['output_kb'] * 1024
    is_function = ctx.interface['type'] == 'function'
    stdout_size = os.fstat(fds['stdout']).st_size
    stderr_size = os.fstat(fds['stderr']).st_size
    result_size = os.fstat(fds['result']).st_size
    over = stdout_size > output_cap or stderr_size > output_cap or result_size > output_cap
    stdout_read = DISPLAY_CAP if (is_function or over) else output_cap
    signal_number = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    setup = os.pread(fds['setup'], 4096, 0)
    result = None
    if is_function and not over and result_size > 0:
        result = os.pread(fds['result'], result_size, 0).decode('utf-8', 'replace')
    return {
        'event': 'test',
        'index': index,
        'outcome': ending or ('signaled' if signal_number is not None else 'exited'),
        'exit_code': os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        'signal': SIGNAL_NAMES.get(signal_number, str(signal_number)) if signal_number is not None else None,
        'cpu_ms': round((usage.ru_utime + usage.ru_stime) * 1000, 3),
        'wall_ms': round(wall_ms, 3),
        'memory_kb': usage.ru_maxrss,
        'stdout': binascii.b2a_base64(os.pread(fds['stdout'], min(stdout_size, stdout_read), 0), newline=False).decode('ascii'),
        'stdout_bytes': stdout_size,
        'stderr': os.pread(fds['stderr'], min(stderr_size, DISPLAY_CAP), 0).decode('utf-8', 'replace')
        if ctx.want_stderr else '',
        'stderr_bytes': stderr_size,
        'result': result,
        'result_bytes': result_size,
        'output_over_limit': over,
        'exception': _exception_of(fds['exception']),
        'setup_error': None if setup == b'ok' else (setup.decode('utf-8', 'replace') or 'child setup did not finish'),
    }


def _exception_of(fd):
    """The child's own report of an uncaught exception; untrusted, so only well-formed data counts."""
    raw = os.pread(fd, EXCEPTION_CAP, 0)
    if not raw:
        return None
    try:
        report = fastjson.loads(raw)
    except ValueError:
        return None
    if not isinstance(report, dict) or not isinstance(report.get('type'), str) or not isinstance(report.get('message'), str):
        return None
    return {'type': report['type'][:200], 'message': report['message'][:2000]}

"""Complexity probe, harness side (header `mode: "probe"`; protocol in README.md).

ProbePlan is what the harness's test loop (main.py) iterates over in probe mode, in place of the
run's tests. For each size n it
  1. generates the input in a child of its own (probe_child.run_generator_child) into a memfd, which
     then stands where a test's input stands (on the bundle fd): user code never shares a process
     with the generator;
  2. yields (index, input size, context) to the test loop, which runs the solution exactly as a test
     (runner.start_test and the same fork, frames, fds, rlimits, modules, interpreter): its CPU time and
     peak RSS, measured by the kernel, are what a test of that size costs;
  3. once per size, runs the same test path with an empty solution on the same input (the
     control): what the fork, the input parsing and the exit cost without the solution;
  4. measures the solution in an instrumented child (probe_child.run_bench_child): warm, batched,
     slowdown-corrected CPU time per call, tracemalloc + call-stack space, Python operation counts.
Step 4 is precise but observable (repeated calls in one process, tracing); steps 2-3 are coarse but
indistinguishable from a test. The host fits the classes on step 4 and checks them against 2-3
(cross-check.ts), so a program that behaves differently under the instruments gains nothing.

Sizes double from a small start, all moved by one offset within the octave (from the seed) so that
they are not powers of two, until the time budget would be overrun by the next size, or max_n is reached, or
the solution fails at some size. A step whose time explodes (more than any polynomial class allows
for a doubling) switches to unit steps, filling in the sizes between the last two and then going on
one by one, so an exponential curve gets enough points to be fitted.

A sweep that ends well inside the budget (a fast solution reaching max_n) is then repeated over the
same sizes, largest first, while the budget allows (EXTRA_SWEEPS at most, EXTRA_SHARE of the
budget): a moment of machine noise then hits one repeat of a size, not every repeat of it. Each
size's input is generated once and kept for the re-sweeps. The host merges the points of one n.
"""
import math
import os
import time

import child
import fastjson
import identity
import probe_child
import runner

GENERATOR_FILE = probe_child.GENERATOR_FILE
DEFAULT_START_N = 8
DEFAULT_REPEATS = 5
# t(2n)/t(n) above this is no polynomial of degree <= 4 (n^4 gives 16, n^3 8): exponential growth.
# (Naive Fibonacci from n = 7 to 14 grows ~25x once call overhead is counted: it must be caught.)
EXPLOSIVE_RATIO = 20.0
# Below this much CPU per call a ratio is timer noise, not growth.
EXPLOSIVE_MIN_SECONDS = 20e-6
# How much of the budget the operation counting may take in one child.
OPS_SHARE = 0.2
# Never start a size predicted to take more than this share of what is left.
PREDICTION_HEADROOM = 0.9
CHILD_GRACE_MS = 1500
# Re-measuring sweeps after the first (see above): at most this many, within this share of the budget.
EXTRA_SWEEPS = 2
EXTRA_SHARE = 0.6
# Calls of the solution per size at least (warm-up, repeats, space, operations, the test-sized
# run): the part of a size's wall time that grows with the solution's class (see _predict).
CALLS_PER_SIZE = 10
# A test-sized run cheaper than this (CPU s) is fork and parsing noise: no control run is needed to
# read it. Re-sweeps run a size's test-sized run again only where it cost clearly more than the bench
# saw (the program cannot tell a re-sweep from a sweep, so the first run already shows a difference).
TEST_RUN_MIN_S = 0.005


class ProbePlan:
    """Iterated by the harness's test loop: yields (index, input size, context) with the input on
    the bundle fd, receives each test observation through record(), and emits probe_point/probe_stop
    events. `ctx` is the run's test context (the solution, its limits, the cgroup counters);
    `address_space_base` the RLIMIT_AS base of the probe's own children."""

    def __init__(self, header, ctx, writer, address_space_base):
        self.writer = writer
        self.bundle_fd = ctx.bundle_fd
        self.address_space_base = address_space_base
        self.test_ctx = ctx
        self.counters = ctx.counters
        self.limits = dict(header['limits'])
        self.interface = header['interface']
        self.plan = header['plan']
        self.budget_s = self.plan['budget_ms'] / 1000
        self.deadline = time.monotonic() + self.budget_s
        self.max_n = int(self.plan.get('max_n') or 1 << 62)
        # max_n itself, unless it is a power of two: then a little below it (see jittered_size).
        self.largest_n = self.max_n if self.max_n < 8 or self.max_n & (self.max_n - 1) else self.max_n - 1 - self.max_n // 64
        self.seed = int(self.plan.get('seed') or 0)
        self.generator_source = header['generator']
        self.code = ctx.code
        self.control_code = _control_code(self.interface)
        self.control_ctx = None if self.control_code is None else runner.TestContext(
            self.control_code, self.interface, ctx.limits, False, ctx.bundle_fd, address_space_base, ctx.counters)
        self.want_stderr = bool(header.get('stderr'))
        self.inputs = {}       # n -> memfd holding the generated input (kept for re-sweeps)
        self.controls = {}     # n -> (cpu seconds, peak RSS KiB added) of the control run
        self.test_runs = {}    # n -> cpu seconds of the first test-sized run
        # Sizes whose test-sized run cost clearly more than the bench measured: re-sweeps run them
        # again (elsewhere they would only spend the budget the bench needs).
        self.suspicious = set()
        self.index = 0
        self.observation = None

    def __iter__(self):
        return self._run()

    def record(self, index, observation):
        self.observation = observation

    def feed(self):
        """The harness loop's feed, of the same kind as a test run's (main.py)."""
        return runner.TestFeed(self, self.record)

    # --- the plan --------------------------------------------------------------------------------

    def _run(self):
        try:
            try:
                generator_code = compile(self.generator_source, GENERATOR_FILE, 'exec', dont_inherit=True)
            except SyntaxError as error:
                return self._stop('generator_error', None, '%s: %s (line %s)' % (GENERATOR_FILE, error.msg, error.lineno))
            self.task = {'code': self.code, 'generator': generator_code, 'generator_source': self.generator_source,
                         'interface': self.interface, 'seed': self.seed,
                         'repeats': int(self.plan.get('repeats') or DEFAULT_REPEATS)}
            # The machine's best speed on the reference workload, against which each size's timings are scaled.
            self.task['reference_ns'] = min(probe_child.reference_ns() for _ in range(20))
            measured = []  # (n, best seconds, wall s of the whole size)
            self.start_n = int(self.plan.get('start_n') or DEFAULT_START_N)
            stop, may_resweep = yield from self._sweep(min(jittered_size(self.start_n, 0, self.seed), self.largest_n), measured)
            if may_resweep:
                yield from self._resweep(measured)
            self._stop(**stop)
        finally:
            if os.getpid() == runner.SUPERVISOR_PID:  # never in a test child (see runner.TestFeed)
                for fd in self.inputs.values():
                    os.close(fd)

    def _sweep(self, n, measured):
        """The geometric sweep. Returns the probe_stop fields, and whether a re-sweep may follow (a
        polynomial sweep that ended at the budget or max_n, not a failure or an exponential)."""
        queue = []     # sizes still to measure in unit-step mode
        explosive = False
        step = 0
        while True:
            remaining = self.deadline - time.monotonic()
            if remaining <= 0:
                return {'reason': 'budget', 'n': None, 'message': 'the time budget is spent'}, not explosive
            self.task['ops_allowance_s'] = self.budget_s * OPS_SHARE if remaining > self.budget_s * OPS_SHARE * 2 else 0
            started = time.monotonic()
            outcome = yield from self._measure_size(n)
            took = time.monotonic() - started
            if 'failure' in outcome:
                failure = outcome['failure']
                return dict(failure, n=n), False
            best = min(outcome['point']['seconds'])
            measured.append((n, best, took))
            if outcome.get('last'):
                return {'reason': 'timeout', 'n': n, 'message': 'n = %d: a test-sized run of the solution passed the time or output limit' % n}, False
            if n >= self.largest_n and not queue:
                return {'reason': 'max_n', 'n': n, 'message': 'reached max_n = %d' % self.max_n}, not explosive
            if not explosive and len(measured) >= 2:
                (n0, t0, _), (n1, t1, _) = measured[-2], measured[-1]
                if t1 >= EXPLOSIVE_MIN_SECONDS and t1 / max(t0, 1e-9) > EXPLOSIVE_RATIO ** (max(1, n1 - n0) / max(1, n0)):
                    explosive = True
                    queue = [size for size in range(n0 + 1, n1)]
            if explosive:
                if not queue:
                    queue = [max(size for size, _, _ in measured) + 1]
                next_n = queue.pop(0)
            else:
                # start_n * 2^step, moved by the probe's offset (so sizes double exactly).
                step += 1
                next_n = min(jittered_size(self.start_n << step, step, self.seed), self.largest_n)
                if next_n <= n:
                    return {'reason': 'max_n', 'n': n, 'message': 'reached max_n = %d' % self.max_n}, not explosive
            if next_n > self.max_n:
                return {'reason': 'max_n', 'n': n, 'message': 'reached max_n = %d' % self.max_n}, not explosive
            predicted = _predict(measured, next_n, explosive)
            if predicted > (self.deadline - time.monotonic()) * PREDICTION_HEADROOM:
                return {'reason': 'budget', 'n': n, 'message': 'the next size would overrun the time budget'}, not explosive
            n = next_n

    def _resweep(self, measured):
        """Measures the sizes of the first sweep again, largest first, while the budget allows."""
        cost = {n: took for n, _, took in measured}
        allowed_until = min(self.deadline, time.monotonic() + self.budget_s * EXTRA_SHARE)
        self.task['ops_allowance_s'] = 0  # operation counts are exact: once is enough
        for _ in range(EXTRA_SWEEPS):
            if allowed_until - time.monotonic() < sum(cost.values()) * 0.5:
                return  # not even the larger half of a sweep fits
            for n in sorted(cost, reverse=True):
                if allowed_until - time.monotonic() < cost[n] * 1.5:
                    continue
                started = time.monotonic()
                outcome = yield from self._measure_size(n)
                if 'failure' in outcome or outcome.get('last'):
                    return  # it passed this size before: a flaky failure, keep what was measured
                cost[n] = time.monotonic() - started

    def _stop(self, reason, n, message, stderr=None):
        event = {'event': 'probe_stop', 'reason': reason, 'n': n, 'message': message}
        if stderr:
            event['stderr'] = stderr
        self.writer.emit(event)

    # --- one size --------------------------------------------------------------------------------

    def _measure_size(self, n):
        """All the runs of one size. Returns {'point', 'last'} or {'failure'}; emits the point."""
        self.task['n'] = n
        input_fd = self.inputs.get(n)
        if input_fd is None:
            generated = self._generate(n)
            if 'failure' in generated:
                return generated
            input_fd = self.inputs[n] = generated['fd']
        size = os.fstat(input_fd).st_size

        test = None
        if n not in self.test_runs or n in self.suspicious:
            # The solution as a test: the input waits on the bundle fd, as a test's does.
            self._offer_input(input_fd)
            self.observation = None
            index = self.index
            self.index += 1
            base_kb = self._base_kb()
            yield index, size, self.test_ctx
            test = self.observation
            if test is None:
                return {'failure': {'reason': 'harness_error', 'message': 'the test loop did not run the solution'}}
            failure = self._test_failure(test, n)
            if failure is not None:
                return {'failure': failure}
            # A forked child's RSS starts at the harness's: only what it added is the run's.
            test['memory_kb'] = max(0, test['memory_kb'] - base_kb)
            self.test_runs[n] = test['cpu_ms'] / 1000
            if n not in self.controls and test['cpu_ms'] / 1000 >= TEST_RUN_MIN_S and self.control_code is not None:
                self._offer_input(input_fd)
                base_kb = self._base_kb()
                self.observation = None
                yield index, size, self.control_ctx
                control = self.observation
                if control is not None and control['setup_error'] is None and control['outcome'] == 'exited' and control['exit_code'] == 0:
                    self.controls[n] = (control['cpu_ms'] / 1000, max(0, control['memory_kb'] - base_kb))
        # Past the time or output limit: this size stands (a lower bound), larger ones would not pass.
        last = test is not None and (test['outcome'] in ('cpu_timeout', 'wall_timeout') or _over_output(test))

        outcome = self._run_bench(input_fd)
        if 'failure' in outcome:
            return outcome
        control_seconds, control_kb = self.controls.get(n, (None, None))
        point = dict(outcome['point'], test_seconds=[test['cpu_ms'] / 1000] if test else [], test_kb=[test['memory_kb']] if test else [],
                     test_timeout=last, control_seconds=control_seconds, control_kb=control_kb)
        if test is not None and control_seconds is not None:
            extra = test['cpu_ms'] / 1000 - control_seconds
            if extra >= TEST_RUN_MIN_S * 2 and extra > 2 * min(point['seconds']):
                self.suspicious.add(n)  # the test cost more than the bench saw: measure it again in re-sweeps
        self.writer.emit(dict(point, event='probe_point'))
        return {'point': point, 'last': last}

    def _base_kb(self):
        """What a test-sized run's memory figure counts beyond the program's own: nothing with the
        cgroup counters (a peak above the idle harness), else the RSS a forked child starts with."""
        return 0 if self.counters is not None else _rss_kb()

    def _offer_input(self, input_fd):
        # runner.start_test copies a test's input from the bundle fd's current offset.
        os.dup2(input_fd, self.bundle_fd, inheritable=False)
        os.lseek(self.bundle_fd, 0, os.SEEK_SET)

    def _test_failure(self, test, n):
        """Why a test-sized run of the solution failed, or None (a timeout is no failure: see _sweep)."""
        if test['setup_error'] is not None:
            return {'reason': 'harness_error', 'message': 'n = %d: the test child failed its setup: %s' % (n, test['setup_error'][:300])}
        if test['outcome'] in ('cpu_timeout', 'wall_timeout') or _over_output(test) or (test['outcome'] == 'exited' and test['exit_code'] == 0):
            return None
        exception = test['exception']
        memory = (exception is not None and exception['type'] == 'MemoryError') or \
            test['memory_kb'] >= self.limits['memory_mb'] * 1024 * 0.9
        if exception is not None:
            what = '%s: %s' % (exception['type'], exception['message'][:1500])
        elif test['signal']:
            what = 'ended with %s' % test['signal']
        else:
            what = 'ended with exit %s' % test['exit_code']
        return {'reason': 'memory' if memory else 'solution_error', 'message': 'n = %d: %s' % (n, what),
                'stderr': test['stderr'][-6000:] if self.want_stderr else None}

    # --- the probe's own children ----------------------------------------------------------------

    def _limits(self, output_kb=None):
        remaining_ms = int((self.deadline - time.monotonic()) * 1000) + CHILD_GRACE_MS
        return dict(self.limits, time_ms=max(remaining_ms, CHILD_GRACE_MS), wall_ms=max(remaining_ms, CHILD_GRACE_MS) + CHILD_GRACE_MS,
                    output_kb=output_kb or self.limits['output_kb'])

    def _generate(self, n):
        """Runs the generator in a child of its own; returns {'fd': memfd with the input} or {'failure'}."""
        output = os.memfd_create('input', os.MFD_CLOEXEC)
        # The input may be larger than a test's output cap, not than the memory the generator has.
        limits = self._limits(output_kb=self.limits['memory_mb'] * 1024)
        outcome = _run_probe_child(probe_child.run_generator_child, self.task, output, limits, self.address_space_base, None)
        failure = _failure_of(outcome, n, limits, generator=True)
        if failure is not None:
            os.close(output)
            return {'failure': failure}
        return {'fd': output}

    def _run_bench(self, input_fd):
        limits = self._limits()
        outcome = _run_probe_child(probe_child.run_bench_child, self.task, None, limits, self.address_space_base, input_fd)
        failure = _failure_of(outcome, self.task['n'], limits, generator=False)
        if failure is not None:
            return {'failure': failure}
        point = _parse(outcome['result'])
        if not _valid_point(point, self.task['n']):
            return {'failure': {'reason': 'solution_error',
                                'message': 'n = %d: the measurement was lost (the solution interfered with the probe)' % self.task['n']}}
        return {'point': point}


def _over_output(test):
    """The run passed the test output limit (a test would be OLE): its cost so far still counts."""
    return test['output_over_limit'] or test['signal'] == 'SIGXFSZ'


def _control_code(interface):
    """The empty solution of the control run: the entry exists and does nothing."""
    if interface['type'] != 'function':
        return compile('', child.SOLUTION_FILE, 'exec', dont_inherit=True)
    entry = interface['entry']
    if not entry.isidentifier():
        return None
    return compile('def %s(*args):\n    return None\n' % entry, child.SOLUTION_FILE, 'exec', dont_inherit=True)


def jittered_size(n, step, seed):
    """n * 2^phi, with one offset phi in [-0.3, -0.1] for the whole probe (from the seed): the sizes
    are never powers of two (what a probe would use and a test rarely does), and still exactly
    double from one to the next, so that a structure of ceil(log2 n) levels gains exactly one per
    step. Below n, not above: the first doubling of an exponential solution must stay cheap. And
    close below: a budget-bound sweep then ends about where the power-of-two grid did (a wider
    offset cost a cubic solution its last useful size, and with it its O(n^2) space).
    (`step` is accepted for the plan's bookkeeping: the offset does not depend on it.)"""
    if n < 4:
        return n
    mixed = ((seed * 1_000_003 + 17) * 2654435761) % 4294967296
    phi = -0.3 + 0.2 * mixed / 4294967296
    jittered = int(round(n * 2 ** phi))
    if jittered & (jittered - 1) == 0:
        jittered += 1
    return jittered


def _predict(measured, next_n, explosive):
    """Wall time of the next size. A size's wall time is a fixed part (forks, interpreter start-up
    work: noisy on a busy machine, and no growth of the solution's), the input's cost (generating,
    parsing: at most linear in n) and the solution's calls; only the calls are extrapolated with the
    growth of the measured per-call time, the rest linearly."""
    largest = max(measured, key=lambda m: m[0])
    if next_n <= largest[0]:
        return largest[2]  # a size in between: cheaper than the largest one measured
    if len(measured) < 2:
        return largest[2] * 4
    (n0, t0, _), (n1, t1, w1) = sorted(measured, key=lambda m: m[0])[-2:]
    # Unit steps (exponential growth) extrapolate per unit of n; doublings per doubling.
    steps = (next_n - n1) / max(1, n1 - n0) if explosive else math.log(next_n / n1) / math.log(n1 / max(n0, 1))
    call_growth = max((max(t1, 1e-9) / max(t0, 1e-9)) ** steps, next_n / n1)
    calls = min(w1, CALLS_PER_SIZE * t1)
    return (w1 - calls) * (next_n / n1) + calls * call_growth


def _run_probe_child(entry, task, output_fd, limits, address_space_base, input_fd):
    """Forks a generator or bench child. fds: 0 the input (or /dev/null), 1 /dev/null, 2 stderr,
    3 the generated input or the measurement, 4 a failure report, 5 setup status."""
    names = ('stderr', 'result', 'exception', 'setup')
    fds = {name: os.memfd_create(name, os.MFD_CLOEXEC) for name in names if not (name == 'result' and output_fd is not None)}
    if output_fd is not None:
        fds['result'] = output_fd
    null = os.open('/dev/null', os.O_RDWR | os.O_CLOEXEC)
    child_fds = {child.INPUT_FD: input_fd if input_fd is not None else null, child.STDOUT_FD: null, child.STDERR_FD: fds['stderr'],
                 child.RESULT_FD: fds['result'], child.EXCEPTION_FD: fds['exception'], child.SETUP_FD: fds['setup']}
    try:
        pid = identity.fork_test_child()
        if pid == 0:
            try:
                entry(task, child_fds, limits, address_space_base)
            finally:
                os._exit(121)
        ending = runner._wait_or_kill(pid, limits['time_ms'], limits['wall_ms'])
        _, status, usage = os.wait4(pid, 0)
        runner._kill_leftovers()
        return {
            'status': status, 'usage': usage, 'ending': ending,
            'setup': _read(fds['setup'], 4096), 'stderr': _read(fds['stderr'], 8192).decode('utf-8', 'replace'),
            'exception': _read(fds['exception'], 8192),
            'result': _read(fds['result'], 1 << 16) if output_fd is None else b'',
        }
    finally:
        os.close(null)
        for name, fd in fds.items():
            if not (name == 'result' and output_fd is not None):
                os.close(fd)


def _rss_kb():
    """The harness's anonymous resident memory: what a forked child's RSS starts with (fork copies the
    page tables of anonymous mappings, not of file mappings, which the child faults in again)."""
    with open('/proc/self/statm', 'rb') as statm:
        fields = statm.read().split()
    return (int(fields[1]) - int(fields[2])) * PAGE_KB


PAGE_KB = os.sysconf('SC_PAGE_SIZE') // 1024


def _read(fd, cap):
    return os.pread(fd, min(os.fstat(fd).st_size, cap), 0)


def _failure_of(outcome, n, limits, generator):
    """The probe_stop fields for a generator or bench child that did not finish cleanly, else None."""
    setup, stderr, status, usage = outcome['setup'], outcome['stderr'], outcome['status'], outcome['usage']
    if not setup.startswith(b'ok'):
        detail = setup.decode('utf-8', 'replace') or 'the probe child did not finish its setup'
        return {'reason': 'harness_error', 'message': detail[:500]}
    where = 'generator' if generator else 'solution'
    raw = outcome['exception']
    if raw:
        report = _parse(raw)
        if isinstance(report, dict) and isinstance(report.get('message'), str):
            memory = report.get('type') == 'MemoryError'
            reason = 'generator_error' if generator else ('memory' if memory else 'solution_error')
            return {'reason': reason, 'message': 'n = %d: %s' % (n, report['message'][:1500]), 'stderr': stderr}
    if outcome['ending'] is not None:
        return {'reason': 'generator_error' if generator else 'timeout',
                'message': 'n = %d: %s was stopped at the time budget' % (n, 'generate()' if generator else 'the solution')}
    if os.WIFSIGNALED(status) or os.WEXITSTATUS(status) != 0:
        signal_number = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        what = runner.SIGNAL_NAMES.get(signal_number, 'signal %s' % signal_number) if signal_number else 'exit %d' % os.WEXITSTATUS(status)
        near_limit = usage.ru_maxrss >= limits['memory_mb'] * 1024 * 0.9
        reason = 'generator_error' if generator else ('memory' if near_limit else 'solution_error')
        return {'reason': reason, 'message': 'n = %d: %s ended with %s' % (n, where, what), 'stderr': stderr}
    return None


def _parse(raw):
    try:
        return fastjson.loads(raw)
    except ValueError:
        return None


def _finite(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value and 0 <= value < 1e300


def _valid_point(point, n):
    # Written by the child after user code ran: check its shape, the host checks it again.
    return (isinstance(point, dict) and point.get('n') == n and isinstance(point.get('seconds'), list)
            and 0 < len(point['seconds']) <= 64 and all(_finite(s) for s in point['seconds'])
            and _finite(point.get('bytes')) and _finite(point.get('depth'))
            and (point.get('ops') is None or _finite(point.get('ops'))))

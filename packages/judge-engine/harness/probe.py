"""Complexity probe, harness side (header `mode: "probe"`; protocol in README.md).

Plans the sizes and runs one forked child per size (probe_child.py measures there). n grows
geometrically (x2) from a small start until the time budget would be overrun by the next size, or
max_n is reached, or the solution fails at some size. A step whose time explodes (more than any
polynomial class allows for a doubling) switches to unit steps, filling in the sizes between the
last two and then going on one by one, so an exponential curve gets enough points to be fitted.

A sweep that ends well inside the budget (a fast solution reaching max_n) is then repeated over the
same sizes, largest first, while the budget allows (EXTRA_SWEEPS at most, EXTRA_SHARE of the
budget): a moment of machine noise then hits one repeat of a size, not every repeat of it. The
host merges the points of one n.
"""
import os
import time

import child
import fastjson
import probe_child
import runner

GENERATOR_FILE = probe_child.GENERATOR_FILE
DEFAULT_START_N = 8
DEFAULT_REPEATS = 5
# t(2n)/t(n) above this is no polynomial of degree <= 4 (n^3 gives 8): exponential growth.
EXPLOSIVE_RATIO = 24.0
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


def run_probe(header, compiled_code, writer, address_space_base):
    plan = header['plan']
    budget_s = plan['budget_ms'] / 1000
    deadline = time.monotonic() + budget_s
    max_n = int(plan.get('max_n') or 1 << 62)
    n = min(int(plan.get('start_n') or DEFAULT_START_N), max_n)
    try:
        generator_code = compile(header['generator'], GENERATOR_FILE, 'exec', dont_inherit=True)
    except SyntaxError as error:
        writer.emit({'event': 'probe_stop', 'reason': 'generator_error', 'n': None,
                     'message': '%s: %s (line %s)' % (GENERATOR_FILE, error.msg, error.lineno)})
        return
    probe_child.GENERATOR_SOURCE = header['generator']
    task = {'code': compiled_code, 'generator': generator_code, 'interface': header['interface'],
            'seed': int(plan.get('seed') or 0), 'repeats': int(plan.get('repeats') or DEFAULT_REPEATS)}
    # The machine's best speed on the reference workload, against which each size's timings are scaled.
    task['reference_ns'] = min(probe_child.reference_ns() for _ in range(20))
    limits = dict(header['limits'])
    measured = []  # (n, best seconds, child wall s)
    stop, may_resweep = _sweep(task, limits, address_space_base, writer, deadline, budget_s, max_n, n, measured)
    if may_resweep:
        _resweep(task, limits, address_space_base, writer, deadline, budget_s, measured)
    return _stop(writer, **stop)


def _sweep(task, limits, address_space_base, writer, deadline, budget_s, max_n, n, measured):
    """The geometric sweep. Returns the probe_stop fields, and whether a re-sweep may follow (a
    polynomial sweep that ended at the budget or max_n, not a failure or an exponential)."""
    queue = []     # sizes still to measure in unit-step mode
    explosive = False
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return {'reason': 'budget', 'n': None, 'message': 'the time budget is spent'}, not explosive
        task['n'] = n
        task['ops_allowance_s'] = budget_s * OPS_SHARE if remaining > budget_s * OPS_SHARE * 2 else 0
        started = time.monotonic()
        outcome = _run_child(task, limits, address_space_base, remaining)
        took = time.monotonic() - started
        if 'failure' in outcome:
            failure = outcome['failure']
            return {'reason': failure['reason'], 'n': n, 'message': failure['message'], 'stderr': failure.get('stderr')}, False
        point = outcome['point']
        writer.emit(dict(point, event='probe_point'))
        best = min(point['seconds'])
        measured.append((n, best, took))
        if n >= max_n and not queue:
            return {'reason': 'max_n', 'n': n, 'message': 'reached max_n = %d' % max_n}, not explosive
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
            next_n = min(n * 2, max_n)
        if next_n > max_n:
            return {'reason': 'max_n', 'n': n, 'message': 'reached max_n = %d' % max_n}, not explosive
        predicted = _predict(measured, next_n)
        remaining = deadline - time.monotonic()
        if predicted > remaining * PREDICTION_HEADROOM:
            return {'reason': 'budget', 'n': n, 'message': 'the next size would overrun the time budget'}, not explosive
        n = next_n


def _resweep(task, limits, address_space_base, writer, deadline, budget_s, measured):
    """Measures the sizes of the first sweep again, largest first, while the budget allows."""
    cost = {n: took for n, _, took in measured}
    allowed_until = min(deadline, time.monotonic() + budget_s * EXTRA_SHARE)
    task['ops_allowance_s'] = 0  # operation counts are exact: once is enough
    for _ in range(EXTRA_SWEEPS):
        if allowed_until - time.monotonic() < sum(cost.values()) * 0.5:
            return  # not even the larger half of a sweep fits
        for n in sorted(cost, reverse=True):
            if allowed_until - time.monotonic() < cost[n] * 1.5:
                continue
            task['n'] = n
            started = time.monotonic()
            outcome = _run_child(task, limits, address_space_base, deadline - time.monotonic())
            if 'failure' in outcome:
                return  # it passed this size before: a flaky failure, keep what was measured
            cost[n] = time.monotonic() - started
            writer.emit(dict(outcome['point'], event='probe_point'))


def _predict(measured, next_n):
    """Wall time of the next size, from the growth of the last step (at least linear)."""
    largest = max(measured, key=lambda m: m[0])
    if next_n <= largest[0]:
        return largest[2]  # a size in between: cheaper than the largest one measured
    if len(measured) < 2:
        return largest[2] * 4
    (n0, _, w0), (n1, _, w1) = sorted(measured, key=lambda m: m[0])[-2:]
    step_ratio = max(w1 / max(w0, 1e-6), 1.0)
    steps = (next_n - n1) / max(1, n1 - n0)
    growth = max(step_ratio ** steps, next_n / n1)
    return w1 * growth


def _stop(writer, reason, n, message, stderr=None):
    event = {'event': 'probe_stop', 'reason': reason, 'n': n, 'message': message}
    if stderr:
        event['stderr'] = stderr
    writer.emit(event)


def _run_child(task, limits, address_space_base, remaining_s):
    names = ('stdin', 'stdout', 'stderr', 'result', 'exception', 'setup')
    fds = {name: os.memfd_create(name, os.MFD_CLOEXEC) for name in names if name not in ('stdin', 'stdout')}
    null = os.open('/dev/null', os.O_RDWR | os.O_CLOEXEC)
    child_fds = {child.INPUT_FD: null, child.STDOUT_FD: null, child.STDERR_FD: fds['stderr'],
                 child.RESULT_FD: fds['result'], child.EXCEPTION_FD: fds['exception'], child.SETUP_FD: fds['setup']}
    budget_ms = int(remaining_s * 1000) + CHILD_GRACE_MS
    child_limits = dict(limits, time_ms=budget_ms, wall_ms=budget_ms + CHILD_GRACE_MS)
    try:
        pid = os.fork()
        if pid == 0:
            try:
                probe_child.run_probe_child(task, child_fds, child_limits, address_space_base)
            finally:
                os._exit(121)
        ending = runner._wait_or_kill(pid, child_limits['time_ms'], child_limits['wall_ms'])
        _, status, usage = os.wait4(pid, 0)
        runner._kill_leftovers()
        return _outcome(task['n'], status, usage, ending, fds, limits)
    finally:
        os.close(null)
        for fd in fds.values():
            os.close(fd)


def _read(fd, cap):
    return os.pread(fd, min(os.fstat(fd).st_size, cap), 0)


def _outcome(n, status, usage, ending, fds, limits):
    setup = _read(fds['setup'], 4096)
    stderr = _read(fds['stderr'], 8192).decode('utf-8', 'replace')
    if not setup.startswith(b'ok'):
        detail = setup.decode('utf-8', 'replace') or 'the probe child did not finish its setup'
        return {'failure': {'reason': 'harness_error', 'message': detail[:500]}}
    in_generator = setup != b'ok gen'
    where = 'generator' if in_generator else 'solution'
    raw = _read(fds['exception'], 8192)
    if raw:
        report = _parse(raw)
        if isinstance(report, dict) and isinstance(report.get('message'), str):
            memory = report.get('type') == 'MemoryError'
            reason = 'generator_error' if in_generator or report.get('where') == 'generator' else (
                'memory' if memory else 'solution_error')
            return {'failure': {'reason': reason, 'message': 'n = %d: %s' % (n, report['message'][:1500]), 'stderr': stderr}}
    if ending is not None:
        return {'failure': {'reason': 'generator_error' if in_generator else 'timeout',
                            'message': 'n = %d: %s was stopped at the time budget' % (n, 'generate()' if in_generator else 'the solution')}}
    if os.WIFSIGNALED(status) or os.WEXITSTATUS(status) != 0:
        signal_number = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        what = runner.SIGNAL_NAMES.get(signal_number, 'signal %s' % signal_number) if signal_number else 'exit %d' % os.WEXITSTATUS(status)
        near_limit = usage.ru_maxrss >= limits['memory_mb'] * 1024 * 0.9
        reason = 'generator_error' if in_generator else ('memory' if near_limit else 'solution_error')
        return {'failure': {'reason': reason, 'message': 'n = %d: %s ended with %s' % (n, where, what), 'stderr': stderr}}
    point = _parse(_read(fds['result'], 1 << 16))
    if not _valid_point(point, n):
        return {'failure': {'reason': 'solution_error', 'message': 'n = %d: the measurement was lost (the solution interfered with the probe)' % n}}
    return {'point': point}


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

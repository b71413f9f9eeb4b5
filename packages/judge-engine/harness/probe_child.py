"""The complexity probe's own children (see probe.py for the plan): the generator's, and the
instrumented measurement of the solution at one size n.

run_generator_child runs the problem's generator (author code) and writes the input it returns to
fd 3, in the form a test's input has (function problems: the JSON array of positional arguments;
stdio problems: the stdin text). It never runs user code.

run_bench_child reads that input from fd 0 as a test does, then measures the solution on it three
ways, each on a fresh copy of the input and a fresh module namespace (so in-place mutation,
module-level caches and lru_caches do not leak between calls):
  1. time: CPU time of the call (thread CPU clock, GC off), a warm-up plus repeats; tiny calls are
     batched K at a time so the clock's resolution and the loop overhead do not drown them;
  2. space: tracemalloc peak during one call (the input is built before tracing starts, so it is
     not counted; the return value is) plus the peak call-stack size (frames are invisible to
     tracemalloc in 3.11), from a profile hook;
  3. operations (when cheap enough): Python line and call events of one call under sys.settrace,
     a count that does not depend on a noisy machine (work inside C builtins is invisible to it).
A program can notice all three (repeated calls in one process, tracing): the host checks them
against test-sized runs it cannot tell from tests (probe.py, cross-check.ts).
Child fds: 0 the input (bench) or /dev/null, 1 /dev/null, 2 stderr (memfd), 3 the input written
(generator) or the measurement as JSON (bench), 4 the failure as JSON, 5 setup status "ok", closed
before author or user code runs.
"""
import builtins
import gc
import io
import os
import sys
import time

import c_costs
import child
import identity
import fastjson

GENERATOR_FILE = 'generators/probe.py'
BATCH_TARGET_NS = 2_000_000      # tiny calls are timed in batches of about this much CPU
MAX_BATCH = 4096
TRACE_SLOWDOWN = 40              # settrace line counting costs up to ~this many times the call
DEFAULT_FRAME_BYTES = 160        # frames of code outside the solution (stdlib helpers)
FRAME_HEADER_BYTES = 80          # CPython 3.11 _PyInterpreterFrame without its locals/stack
# The generator's source, set in the generator's child only: read when formatting a traceback.
GENERATOR_SOURCE = None


class ProbeFailure(Exception):
    def __init__(self, where, message):
        super().__init__(message)
        self.where = where


def run_generator_child(task, fds, limits, address_space_base):
    """Never returns. Writes generate(n, rng)'s input for a test of size n to fd 3."""
    global GENERATOR_SOURCE
    GENERATOR_SOURCE = task['generator_source']  # for tracebacks; set here, never in the harness
    _setup(fds, limits, address_space_base)
    os.close(child.SETUP_FD)
    status = 0
    try:
        child._write_all(child.RESULT_FD, _generate(task))
    except ProbeFailure as failure:
        _report(failure.where, failure, failure.__cause__)
        status = 1
    except BaseException as error:  # noqa: BLE001 - writing the input failed (e.g. over the size cap)
        _report('generator', ProbeFailure('generator', 'writing the input of n = %d failed: %s' % (task['n'], _describe(error))), None)
        status = 1
    _flush()
    os._exit(status)


def run_bench_child(task, fds, limits, address_space_base):
    """Never returns. `task`: code (a code object), interface, n, seed, ops_allowance_s, repeats, reference_ns."""
    _setup(fds, limits, address_space_base)
    status = 0
    try:
        payload = os.pread(child.INPUT_FD, os.fstat(child.INPUT_FD).st_size, 0)
        os.close(child.SETUP_FD)
        measurement = _measure(task, payload)
        child._write_all(child.RESULT_FD, fastjson.dumps(measurement).encode('ascii'))
    except ProbeFailure as failure:
        _report(failure.where, failure, failure.__cause__)
        status = 1
    except BaseException as error:  # noqa: BLE001 - anything else escaped the solution
        _report('solution', error, error)
        status = 1
    _flush()
    os._exit(status)


def _setup(fds, limits, address_space_base):
    try:
        child._install_fds(fds)
        identity.become_test_child()
        child._apply_rlimits(limits, address_space_base)
        _signal_defaults()
        child._fresh_stdio()
        child._write_all(child.SETUP_FD, b'ok')
    except BaseException as error:
        try:
            child._write_all(child.SETUP_FD, ('setup failed: %s: %s' % (type(error).__name__, error)).encode('utf-8', 'replace'))
        finally:
            os._exit(121)


def _signal_defaults():
    import _signal
    _signal.signal(_signal.SIGXFSZ, _signal.SIG_DFL)


# --- input -------------------------------------------------------------------------------------

def _generate(task):
    import random
    namespace = {'__name__': 'probe_generator', '__file__': GENERATOR_FILE, '__builtins__': builtins}
    try:
        exec(task['generator'], namespace)
    except BaseException as error:
        raise ProbeFailure('generator', 'running %s failed: %s' % (GENERATOR_FILE, _describe(error))) from error
    generate = namespace.get('generate')
    if not callable(generate):
        raise ProbeFailure('generator', '%s defines no function generate(n, rng)' % GENERATOR_FILE)
    n = task['n']
    try:
        value = generate(n, random.Random(task['seed'] * 1_000_003 + n))
    except BaseException as error:
        raise ProbeFailure('generator', 'generate(%d, rng) raised %s' % (n, _describe(error))) from error
    if task['interface']['type'] == 'function':
        if not isinstance(value, (list, tuple)):
            raise ProbeFailure('generator', 'generate(%d, rng) must return the list of positional arguments for %s(), got %s'
                               % (n, task['interface']['entry'], type(value).__name__))
        try:
            blob = fastjson.dumps(list(value))
        except (TypeError, ValueError) as error:
            raise ProbeFailure('generator', 'generate(%d, rng) returned arguments that are not JSON values: %s' % (n, error)) from error
        return blob.encode('ascii')
    if isinstance(value, bytes):
        return value
    if not isinstance(value, str):
        raise ProbeFailure('generator', 'generate(%d, rng) must return the stdin text (a str) for a stdio problem, got %s'
                           % (n, type(value).__name__))
    return value.encode('utf-8', 'surrogateescape')


# --- one call ----------------------------------------------------------------------------------

def _prepare_calls(task, payload, count=1, builtins=builtins):
    """`count` callables that each run the solution once. One fresh namespace and one fresh input
    copy serve them all: count > 1 only for calls so tiny (microseconds) that they cannot have
    changed much, and preparing thousands of namespaces would cost far more than the calls."""
    code = task['code']
    if task['interface']['type'] == 'function':
        namespace = {'__name__': 'solution', '__file__': child.SOLUTION_FILE, '__builtins__': builtins}
        exec(code, namespace)
        entry = child._resolve_entry(namespace, task['interface']['entry'])
        args = fastjson.loads(payload)
        return [lambda: entry(*args)] * count
    namespace = {'__name__': '__main__', '__file__': child.SOLUTION_FILE, '__builtins__': builtins}
    stdout = io.TextIOWrapper(io.BufferedWriter(io.FileIO(1, 'w', closefd=False), 1 << 16), encoding='utf-8', errors='surrogateescape')

    def runner(stdin):
        def run():
            sys.stdin, sys.stdout = stdin, stdout
            try:
                exec(code, namespace)
            except SystemExit as stop:
                if stop.code not in (None, 0):
                    raise ProbeFailure('solution', 'the program exited with status %r' % (stop.code,)) from None
            finally:
                stdout.flush()
        return run
    return [runner(io.TextIOWrapper(io.BytesIO(payload), encoding='utf-8', errors='surrogateescape')) for _ in range(count)]


def _time_batch(calls):
    """CPU ns per call over a batch (GC off: its pauses land on whichever call triggers them)."""
    results = [None] * len(calls)
    runs = calls
    clock = time.thread_time_ns
    gc.disable()
    try:
        started = clock()
        for i, run in enumerate(runs):
            results[i] = run()
        elapsed = clock() - started
    finally:
        gc.enable()
    del results  # freed after the clock stopped
    return elapsed / len(calls)


def _batch_size(task, payload, warm_ns):
    """Calls per timed batch, so a batch takes about BATCH_TARGET_NS. The first call is cold (caches,
    lazy imports), so a tiny call is timed again, warm, before deciding."""
    if warm_ns >= BATCH_TARGET_NS:
        return 1
    batch = 1
    per_call = warm_ns
    while batch < MAX_BATCH:
        per_call = _time_batch(_prepare_calls(task, payload, batch))
        if per_call * batch >= BATCH_TARGET_NS / 4:
            break
        batch = min(MAX_BATCH, batch * 4)
    return int(min(MAX_BATCH, max(1, BATCH_TARGET_NS // max(per_call, 1))))


def _measure(task, payload):
    started = time.monotonic()
    warm = _time_batch(_prepare_calls(task, payload))
    batch = _batch_size(task, payload, warm)
    # The warm-up paid for first-touch page faults and cold caches: it is never one of the repeats.
    # Nor does it set how many repeats there are: a cold first call can cost several times a warm
    # one, and the largest sizes, which decide the class, need repeats the most. The count follows
    # the cheapest call seen so far.
    seconds = []
    slowdowns = []
    before = reference_ns()
    cheapest = warm
    while len(seconds) < _repeats_for(task['repeats'], cheapest):
        calls = _prepare_calls(task, payload, batch)
        elapsed = _time_batch(calls)
        after = reference_ns()
        # The machine's speed right now (shared cores, a VM's steal) relative to the harness's best.
        slowdown = max(1.0, min(before, after) / task['reference_ns'])
        seconds.append(elapsed / slowdown / 1e9)
        slowdowns.append(round(slowdown, 3))
        cheapest = min(cheapest, elapsed)
        before = after
        del calls
    best = min(seconds)
    space, depth = _peak_space(task, payload)
    ops = _count_ops(task, payload) if best * TRACE_SLOWDOWN <= task['ops_allowance_s'] else None
    return {'n': task['n'], 'seconds': seconds, 'slowdown': slowdowns, 'batch': batch, 'bytes': space, 'depth': depth, 'ops': ops,
            'wall_ms': round((time.monotonic() - started) * 1000, 3)}


def _repeats_for(repeats, call_ns):
    """Timed repeats for a call of this CPU cost: all of them while cheap, fewer for long calls."""
    return repeats if call_ns < 20_000_000 else max(2, repeats // 2) if call_ns < 200_000_000 else 1


def _reference_loop(count):
    total = 0
    for i in range(count):
        total += i & 7
    return total


REFERENCE_COUNT = 4000  # ~100 us of interpreter work


def reference_ns():
    """CPU time of a fixed interpreter workload: divides timings by how slow the machine is now."""
    clock = time.thread_time_ns
    best = None
    for _ in range(2):
        started = clock()
        _reference_loop(REFERENCE_COUNT)
        took = clock() - started
        best = took if best is None or took < best else best
    return best


def _frame_sizes(code):
    """Estimated bytes of one frame for every code object of the solution (no allocation later)."""
    sizes = {}
    pending = [code]
    while pending:
        current = pending.pop()
        slots = current.co_stacksize + current.co_nlocals + len(current.co_cellvars) + len(current.co_freevars)
        sizes[current] = FRAME_HEADER_BYTES + 8 * slots
        pending.extend(const for const in current.co_consts if hasattr(const, 'co_code'))
    return sizes


def _peak_space(task, payload):
    """Peak bytes allocated during one call (tracemalloc) plus the peak size of the call stack."""
    # The C module: `import tracemalloc` pulls in pickle, fnmatch and linecache, ~100 ms per child here.
    import _tracemalloc as tracemalloc
    sizes = _frame_sizes(task['code'])
    run = _prepare_calls(task, payload)[0]
    stack = [0, 0, 0, 0]  # current bytes, peak bytes, current depth, peak depth
    default = DEFAULT_FRAME_BYTES

    def profile(frame, event, arg):
        if event == 'call':
            stack[0] += sizes.get(frame.f_code, default)
            stack[2] += 1
            if stack[0] > stack[1]:
                stack[1] = stack[0]
            if stack[2] > stack[3]:
                stack[3] = stack[2]
        elif event == 'return':
            stack[0] -= sizes.get(frame.f_code, default)
            stack[2] -= 1

    gc.collect()
    result = None
    tracemalloc.start(1)
    try:
        sys.setprofile(profile)
        try:
            result = run()
        finally:
            sys.setprofile(None)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    del result
    return peak + stack[1], stack[3]


def _count_ops(task, payload):
    """Python-level events of one call (every line executed and every call made), plus the modelled
    comparisons of the C builtins that bring a log factor (c_costs.py)."""
    costs = c_costs.CostCounter()
    costs.install()  # before the module runs: its imports must get the counting modules
    try:
        run = _prepare_calls(task, payload, builtins=costs.builtins)[0]
        counter = [0]
        own = c_costs.FILENAME

        def local(frame, event, arg):
            counter[0] += 1
            return local

        def global_trace(frame, event, arg):
            if frame.f_code.co_filename == own:
                return None
            counter[0] += 1
            return local

        def profile(frame, event, arg):
            if event == 'c_call':
                costs.on_c_call(arg)

        sys.settrace(global_trace)
        sys.setprofile(profile)
        try:
            run()
        finally:
            sys.setprofile(None)
            sys.settrace(None)
    finally:
        costs.uninstall()
    return counter[0] + round(costs.total)


# --- reporting ---------------------------------------------------------------------------------

def _describe(error):
    try:
        return '%s: %s' % (type(error).__name__, error)
    except BaseException:
        return type(error).__name__


def _report(where, error, traceback_of):
    message = str(error) if isinstance(error, ProbeFailure) else _describe(error)
    record = {'where': where, 'type': type(traceback_of or error).__name__, 'message': message[:2000]}
    try:
        child._write_all(child.EXCEPTION_FD, fastjson.dumps(record).encode('ascii'))
    except BaseException:
        pass
    if traceback_of is not None:
        try:
            import linecache
            import traceback
            if child.SOURCE is not None:
                linecache.cache[child.SOLUTION_FILE] = (len(child.SOURCE), None, child.SOURCE.splitlines(True), child.SOLUTION_FILE)
            if GENERATOR_SOURCE is not None:
                linecache.cache[GENERATOR_FILE] = (len(GENERATOR_SOURCE), None, GENERATOR_SOURCE.splitlines(True), GENERATOR_FILE)
            tb = traceback_of.__traceback__
            while tb is not None and tb.tb_frame.f_code.co_filename not in (child.SOLUTION_FILE, GENERATOR_FILE):
                tb = tb.tb_next
            sys.stderr.write(''.join(traceback.format_exception(type(traceback_of), traceback_of, tb))[-6000:])
        except BaseException:
            pass


def _flush():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass

"""Runs inside the forked test child: isolate fds, apply rlimits, run the user's code once, exit.

Child fds: 0 = test input (memfd), 1 = stdout (memfd), 2 = stderr (memfd), 3 = function return
value as JSON (memfd), 4 = uncaught exception as JSON (memfd). A setup-status memfd at fd 5 says
"ok" once setup is done and is closed before any user code runs, so the user cannot fake a judge
fault. Every other fd (the host pipes, other tests' data) is closed.
"""
import _signal
import builtins
import fcntl
import io
import os
import resource
import sys

import fastjson
import identity

SOLUTION_FILE = 'solution.py'
INPUT_FD, STDOUT_FD, STDERR_FD, RESULT_FD, EXCEPTION_FD, SETUP_FD = 0, 1, 2, 3, 4, 5
MAX_EXCEPTION_MESSAGE = 2000
CHILD_NOFILE = 64
# The submission's source, set by the harness: only read when formatting a traceback.
SOURCE = None


def take_fds(fds):
    """First thing in a forked test child: `fds` maps each child fd number above to a harness fd.
    A failure is a judge fault, reported on the setup fd when there is one."""
    try:
        _install_fds(fds)
    except BaseException as error:
        _setup_failed(error)


def run_child(code, interface, limits, address_space_base):
    """Never returns. Called from the harness's top level, with the child's fds in place."""
    try:
        identity.become_test_child()
        _apply_rlimits(limits, address_space_base)
        _signal.signal(_signal.SIGXFSZ, _signal.SIG_DFL)  # over the output cap: die with SIGXFSZ (OLE)
        args = _read_function_args() if interface['type'] == 'function' else None
        _fresh_stdio()
        _reseed_random()
        _write_all(SETUP_FD, b'ok')
        os.close(SETUP_FD)
    except BaseException as error:  # a judge fault: report it on the setup fd, never blame the user
        _setup_failed(error)
    os._exit(_run_user_code(code, interface, args))


def _setup_failed(error):
    try:
        _write_all(SETUP_FD, ('setup failed: %s: %s' % (type(error).__name__, error)).encode('utf-8', 'replace'))
    finally:
        os._exit(121)


def _install_fds(fds):
    # First lift every source above all target numbers, so no dup2 below clobbers a pending one.
    high = {target: fcntl.fcntl(source, fcntl.F_DUPFD, 16) for target, source in fds.items()}
    for target, source in high.items():
        os.dup2(source, target, inheritable=True)
    os.closerange(SETUP_FD + 1, resource.getrlimit(resource.RLIMIT_NOFILE)[1])
    os.lseek(INPUT_FD, 0, os.SEEK_SET)


def _apply_rlimits(limits, address_space_base):
    cpu_seconds = (limits['time_ms'] + 999) // 1000 + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    if address_space_base is not None:  # None: the run's cgroup limits resident memory instead
        memory = address_space_base + limits['memory_mb'] * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    output = limits['output_kb'] * 1024 + 1  # one byte more than allowed, so "over" is detectable
    resource.setrlimit(resource.RLIMIT_FSIZE, (output, output))
    resource.setrlimit(resource.RLIMIT_NOFILE, (CHILD_NOFILE, CHILD_NOFILE))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _read_function_args():
    # The input is a memfd of known size: one read, no megabyte buffer to map and fault in.
    args = fastjson.loads(os.pread(INPUT_FD, os.fstat(INPUT_FD).st_size, 0))
    if not isinstance(args, list):
        raise ValueError('test input must be a JSON array of positional arguments')
    return args


def prepare_stdio():
    """Builds the test child's sys.std* once, in the harness, before any fork: the harness never
    uses them, so every child starts from the same pristine objects and does not pay (in copy-on-write
    page faults) for building them. They wrap fd numbers only; the child dup2s its memfds onto those."""
    stdin = io.TextIOWrapper(io.BufferedReader(io.FileIO(INPUT_FD, 'r', closefd=False)),
                             encoding='utf-8', errors='surrogateescape')
    stdout = io.TextIOWrapper(io.BufferedWriter(io.FileIO(STDOUT_FD, 'w', closefd=False), 1 << 16),
                              encoding='utf-8', errors='surrogateescape')
    stderr = io.TextIOWrapper(io.BufferedWriter(io.FileIO(STDERR_FD, 'w', closefd=False)),
                              encoding='utf-8', errors='backslashreplace', line_buffering=True)
    return stdin, stdout, stderr


_PREPARED_STDIO = None


class _Quitter:
    """exit() and quit() as the site module defines them (the harness runs without site)."""

    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return 'Use %s() or Ctrl-D (i.e. EOF) to exit' % self.name

    def __call__(self, code=None):
        raise SystemExit(code)


def prepare():
    global _PREPARED_STDIO
    _PREPARED_STDIO = prepare_stdio()
    for name in ('exit', 'quit'):
        if not hasattr(builtins, name):
            setattr(builtins, name, _Quitter(name))


def _fresh_stdio():
    # The harness's own sys.std* wrap other pipes and may hold buffered state; start clean.
    sys.stdin, sys.stdout, sys.stderr = _PREPARED_STDIO or prepare_stdio()


def _reseed_random():
    # `random` may have been pre-imported by the harness: do not give every test the same sequence.
    module = sys.modules.get('random')
    if module is not None:
        module.seed()


def _run_user_code(code, interface, args):
    is_function = interface['type'] == 'function'
    namespace = {'__name__': 'solution' if is_function else '__main__', '__file__': SOLUTION_FILE,
                 '__builtins__': builtins}
    try:
        exec(code, namespace)
        if is_function:
            entry = _resolve_entry(namespace, interface['entry'])
            value = entry(*args)
            try:
                encoded = fastjson.dumps(value)
            except (TypeError, ValueError) as error:
                raise TypeError('return value of %s is not JSON-serializable: %s' % (interface['entry'], error)) from None
            _write_all(RESULT_FD, encoded.encode('utf-8'))
        status = 0
    except SystemExit as stop:
        status = _exit_status(stop)
    except BaseException as error:
        _report_exception(error)
        status = 1
    _flush_stdio()
    return status


def _resolve_entry(namespace, name):
    entry = namespace.get(name)
    if callable(entry):
        return entry
    solution_class = namespace.get('Solution')  # LeetCode style: class Solution with the method
    if isinstance(solution_class, type) and callable(getattr(solution_class, name, None)):
        return getattr(solution_class(), name)
    raise NameError("function '%s' is not defined" % name)


def _exit_status(stop):
    code = stop.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    try:
        print(code, file=sys.stderr)
    except BaseException:
        pass
    return 1


def _report_exception(error):
    try:
        message = str(error)
    except BaseException:
        message = '<unprintable %s>' % type(error).__name__
    try:
        _write_all(EXCEPTION_FD, fastjson.dumps({'type': type(error).__name__,
                                                 'message': message[:MAX_EXCEPTION_MESSAGE]}).encode('ascii'))
    except BaseException:
        pass
    try:
        import linecache  # only on failure: the harness does not pay for these up front
        import traceback
        if SOURCE is not None:  # tracebacks show the user's lines (there is no file to read them from)
            linecache.cache[SOLUTION_FILE] = (len(SOURCE), None, SOURCE.splitlines(True), SOLUTION_FILE)
        tb = error.__traceback__
        while tb is not None and tb.tb_frame.f_code.co_filename != SOLUTION_FILE:
            tb = tb.tb_next  # drop the harness's own frames
        sys.stderr.write(''.join(traceback.format_exception(type(error), error, tb)))
    except BaseException:
        pass


def _flush_stdio():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]

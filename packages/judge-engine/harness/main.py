"""Duet Python harness: one process per run inside the sandbox; one forked child per test.

Run as `/usr/bin/python3 -s -P -S -B -X utf8 /harness/main.py` as pid 1 of the sandbox's pid namespace
(bwrap --as-pid-1), with the run bundle on stdin and the result pipe on stdout. The protocol is documented in README.md beside this file.
"""
import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import hardening  # noqa: E402  (needs the path above)
import identity  # noqa: E402

hardening.refuse_outside_sandbox()  # before anything else: see runner.kill_leftovers
hardening.ignore_signals_from_children()
hardening.no_core_dumps()
identity.open_oom_preference()  # while /proc/self is still ours: non-dumpable makes it root's
hardening.make_non_dumpable()
identity.enter_supervisor()  # before any input: see identity.py

import gc  # noqa: E402

import accounting  # noqa: E402
import child  # noqa: E402
import probe  # noqa: E402  (in both modes: a test child and a probed one see the same modules)
import runner  # noqa: E402
from compile_solution import compile_solution, preimport_stdlib, warm_up  # noqa: E402
from protocol import EventWriter, read_header  # noqa: E402

# A child's RLIMIT_AS is this base plus the memory limit. Rounded up, so that the few pages one
# run's header or plan takes more than another's do not show in the limit a program can read.
ADDRESS_SPACE_GRANULE = 64 << 20


def main():
    bundle_fd = hardening.move_to_private_fd(0)
    writer = EventWriter(hardening.move_to_private_fd(1))
    try:
        warm_up()  # a pre-started sandbox does this before its run arrives
        header = read_header(bundle_fd)
        compiled = compile_solution(header['code'], header.get('files') or {})
        if compiled.error is not None:
            writer.emit({'event': 'compile_error', 'line': compiled.error[0], 'message': compiled.error[1]})
            return 0
        preimport_stdlib(compiled.imports)
        writer.emit({'event': 'ready', 'python': sys.version.split()[0]})
        child.SOURCE = header['code']
        child.prepare()
        gc.freeze()  # forked children must not walk (and so copy-on-write) every harness object
        address_space = -(-hardening.address_space_in_use() // ADDRESS_SPACE_GRANULE) * ADDRESS_SPACE_GRANULE
        ctx = runner.TestContext(compiled.code, header['interface'], header['limits'], bool(header.get('stderr')),
                                 bundle_fd, address_space, accounting.open_counters())
        # Probe mode (complexity analysis) runs the solution through this same loop, as tests.
        if header.get('mode') == 'probe':
            feed = probe.ProbePlan(header, ctx, writer, address_space).feed()
        else:
            feed = runner.TestFeed(((index, None, ctx) for index in range(header['tests'])),
                                   lambda index, observation: writer.emit(observation))
        del header, compiled
        for index, size, test_ctx in feed:
            test = runner.start_test(index, size, test_ctx)
            # Forked here, not deeper: a test child leaves this frame only on its way to the top level.
            pid = identity.fork_test_child()
            if pid == 0:
                return runner.enter_child(test, test_ctx)
            feed.record(index, runner.finish_test(test, pid, test_ctx))
        writer.emit({'event': 'done'})
        return 0
    except BaseException:
        import traceback
        writer.emit({'event': 'fatal', 'message': traceback.format_exc()[-4000:]})
        return 2


if __name__ == '__main__':
    outcome = main()
    if outcome.__class__ is not runner.ChildTask:
        # Everything went out through os.write already: skip the interpreter's teardown
        # (milliseconds of freeing every module, at the end of every run).
        os._exit(outcome)
    # A test child: the harness's frames are gone (see runner.ChildTask); run the user's code.
    child.run_child(*outcome.task)

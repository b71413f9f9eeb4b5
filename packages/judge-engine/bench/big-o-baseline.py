# The measuring half of the big_O-style baseline (`npm run bench:complexity`), run as a `custom`
# stdio run inside the judge's sandbox. complexity-bench.mjs fills in the four constants below and
# sends {"ns": [...], "seed": s} on stdin. Like the Python package big_O (pberkes/big_O): one call
# per size, one repeat, wall time only (time.perf_counter around the call). For a naive space
# figure to set beside Duet's, a second call per size records the tracemalloc peak (big_O has no
# space mode; this is what a naive tool would measure). Prints {"times": [...], "peaks": [...]}.
import io
import json
import random
import sys
import threading
import time
import tracemalloc

GENERATOR = __GENERATOR__
SOLUTION = __SOLUTION__
STDIO = __STDIO__
ENTRY = __ENTRY__


def load_generate():
    scope = {'__name__': 'duet_probe_generator'}
    exec(compile(GENERATOR, 'generators/probe.py', 'exec'), scope)
    return scope['generate']


def load_call():
    code = compile(SOLUTION, 'solution.py', 'exec')
    if STDIO:
        def call(text):
            saved = sys.stdin, sys.stdout
            sys.stdin = io.TextIOWrapper(io.BytesIO(text.encode()), encoding='utf-8')
            sys.stdout = io.TextIOWrapper(io.BytesIO(), encoding='utf-8')
            try:
                exec(code, {'__name__': '__main__', '__builtins__': __builtins__})
            except SystemExit:
                pass
            finally:
                sys.stdin, sys.stdout = saved
        return call
    scope = {'__name__': 'solution'}
    exec(code, scope)
    fn = scope.get(ENTRY) or getattr(scope['Solution'](), ENTRY)
    return lambda args: fn(*args)


def measure(config, result):
    generate = load_generate()
    call = load_call()
    times, peaks = [], []
    for n in config['ns']:
        args = generate(n, random.Random(config['seed']))
        started = time.perf_counter()
        call(args)
        times.append(time.perf_counter() - started)
        args = generate(n, random.Random(config['seed']))  # the call may have mutated the first copy
        tracemalloc.start()
        base = tracemalloc.get_traced_memory()[0]
        call(args)
        peaks.append(max(0, tracemalloc.get_traced_memory()[1] - base))
        tracemalloc.stop()
    result['times'], result['peaks'] = times, peaks


def main():
    config = json.loads(sys.stdin.read())
    sys.setrecursionlimit(1_000_000)
    threading.stack_size(64 << 20)  # deep recursions (memoised Fibonacci) need more than the main stack
    result = {}
    worker = threading.Thread(target=measure, args=(config, result))
    worker.start()
    worker.join()
    if 'times' not in result:
        sys.exit(1)  # the traceback is on stderr
    print(json.dumps(result))


main()

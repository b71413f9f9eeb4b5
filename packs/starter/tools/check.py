#!/usr/bin/env python3
"""Sanity-check a Duet pack without the judge: run every submission on every test and compare.

Usage: python3 tools/check.py [problem-id ...] [--timeout SECONDS]

Function problems: the submission is loaded once per test in a fresh interpreter, `entry(*args)` is
called with the JSON array from `.in`, and the JSON encoding of the return value is the output.
Stdio problems: the submission reads the `.in` file on stdin. Outputs are checked with the Kattis
default validator (whitespace tokens, `float_tolerance` from problem.yaml) or the problem's custom
output validator (exit 42 = AC, 43 = WA). The final verdict of a submission is the first non-AC test
verdict in path order (Kattis rule); the expectation comes from the submission's folder. The time
limit is max(1 s, slowest accepted x time_multiplier); non-accepted submissions are stopped at
limit x time_safety_margin.
"""
import json
import math
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

PY = '/usr/bin/python3'
PACK = Path(__file__).resolve().parent.parent
EXPECTED = {'accepted': 'AC', 'wrong_answer': 'WA', 'time_limit_exceeded': 'TLE', 'run_time_error': 'RE'}

FUNCTION_RUNNER = r'''
import json, runpy, sys
entry = runpy.run_path(sys.argv[1])[sys.argv[2]]
args = json.loads(sys.stdin.read())
print(json.dumps(entry(*args)))
'''


def tokens_match(out: str, ans: str, tol: float | None) -> bool:
    a, b = out.split(), ans.split()
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x == y:
            continue
        if tol is None:
            return False
        try:
            fx, fy = float(x), float(y)
        except ValueError:
            return False
        if not (math.isfinite(fx) and (abs(fx - fy) <= tol or abs(fx - fy) <= tol * abs(fy))):
            return False
    return True


def check_output(prob: Path, inp: Path, ans: Path, out: str, pyaml: dict) -> bool:
    if pyaml.get('validation') == 'custom':
        validators = sorted((prob / 'output_validators').iterdir())
        script = validators[0] / 'validate.py' if validators[0].is_dir() else validators[0]
        with tempfile.TemporaryDirectory() as fb:
            r = subprocess.run([PY, str(script), str(inp), str(ans), fb], input=out, text=True, capture_output=True)
            if r.returncode not in (42, 43):
                raise RuntimeError(f'validator error {r.returncode}: {r.stderr}')
            return r.returncode == 42
    flags = str(pyaml.get('validator_flags', '')).split()
    tol = float(flags[flags.index('float_tolerance') + 1]) if 'float_tolerance' in flags else None
    return tokens_match(out, ans.read_text(), tol)


def run_one(prob: Path, sub: Path, inp: Path, ans: Path, duet: dict, pyaml: dict, timeout: float):
    iface = duet['interface']
    if iface['type'] == 'function':
        cmd = [PY, '-c', FUNCTION_RUNNER, str(sub), iface['entry']]
    else:
        cmd = [PY, str(sub)]
    t0 = time.monotonic()
    try:
        r = subprocess.run(cmd, stdin=inp.open('rb'), capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return 'TLE', timeout
    dt = time.monotonic() - t0
    if r.returncode != 0:
        return 'RE', dt
    return ('AC' if check_output(prob, inp, ans, r.stdout.decode(), pyaml) else 'WA'), dt


def check_problem(prob: Path, timeout: float) -> bool:
    duet = yaml.safe_load((prob / 'duet.yaml').read_text())
    pyaml = yaml.safe_load((prob / 'problem.yaml').read_text())
    tests = sorted((prob / 'data').rglob('*.in'))
    ok = True
    slowest_ac = 0.0
    limits = pyaml.get('limits', {})
    mult, margin = limits.get('time_multiplier', 5), limits.get('time_safety_margin', 2)
    for sub in sorted((prob / 'submissions').glob('*/*.py'), key=lambda p: (p.parent.name != 'accepted', p)):
        want = EXPECTED[sub.parent.name]
        final, worst = 'AC', 0.0
        # Accepted runs get the generous timeout; the others are cut off at limit x safety margin,
        # which is exactly the bar a time_limit_exceeded submission has to fail (Kattis rule).
        limit = timeout if want == 'AC' else max(1.0, slowest_ac * mult) * margin
        for inp in tests:
            v, dt = run_one(prob, sub, inp, inp.with_suffix('.ans'), duet, pyaml, limit)
            worst = max(worst, dt)
            if v != 'AC':
                final = f'{v} on {inp.relative_to(prob / "data")}'
                break
        if want == 'AC':
            slowest_ac = max(slowest_ac, worst)
        good = final.split()[0] == want
        ok &= good
        print(f'  {"ok " if good else "BAD"} {sub.parent.name}/{sub.name}: {final} (max {worst:.2f}s)')
    print(f'  slowest accepted {slowest_ac:.2f}s -> time limit ~{max(1.0, slowest_ac * mult):.2f}s')
    return ok


def main() -> None:
    args = sys.argv[1:]
    timeout = 10.0
    if '--timeout' in args:
        i = args.index('--timeout')
        timeout = float(args[i + 1])
        del args[i:i + 2]
    ids = args or yaml.safe_load((PACK / 'pack.yaml').read_text())['problems']
    all_ok = True
    for pid in ids:
        print(pid)
        all_ok &= check_problem(PACK / 'problems' / pid, timeout)
    print('ALL OK' if all_ok else 'FAILURES')
    sys.exit(0 if all_ok else 1)


if __name__ == '__main__':
    main()

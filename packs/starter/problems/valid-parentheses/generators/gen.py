#!/usr/bin/env python3
"""Writes data/sample and data/secret for valid-parentheses; answers come from the accepted solution."""
import json
import random
import runpy
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REF = runpy.run_path(str(ROOT / 'submissions/accepted/stack.py'))['is_valid']
MAXN = 100_000
OPEN, CLOSE = '([{', ')]}'


def write(folder, name, s):
    assert len(s) <= MAXN and set(s) <= set(OPEN + CLOSE), name
    d = ROOT / 'data' / folder
    d.mkdir(parents=True, exist_ok=True)
    (d / f'{name}.in').write_text(json.dumps([s]) + '\n')
    (d / f'{name}.ans').write_text(json.dumps(REF(s)) + '\n')


def balanced(rng, pairs, deep=0.5):
    """A random valid string; `deep` is the chance of opening rather than closing when both are possible."""
    out, stack, opened = [], [], 0
    while opened < pairs or stack:
        if opened < pairs and (not stack or rng.random() < deep):
            k = rng.randrange(3)
            out.append(OPEN[k])
            stack.append(k)
            opened += 1
        else:
            out.append(CLOSE[stack.pop()])
    return ''.join(out)


def nested(rng, depth):
    kinds = [rng.randrange(3) for _ in range(depth)]
    return ''.join(OPEN[k] for k in kinds) + ''.join(CLOSE[k] for k in reversed(kinds))


def main():
    shutil.rmtree(ROOT / 'data', ignore_errors=True)
    write('sample', '1', '()[]{}')
    write('sample', '2', '([)]')
    write('sample', '3', '{[()]}')
    rng = random.Random(7)
    write('secret', '01-empty', '')
    write('secret', '02-single-open', '(')
    write('secret', '03-single-close', ']')
    write('secret', '04-close-first', ')(')
    write('secret', '05-leftover-opens', '(([]){}')
    write('secret', '06-type-mismatch', '{[(])}')
    write('secret', '07-random-valid', balanced(rng, 500))
    s = list(balanced(rng, 500))
    s[rng.randrange(len(s))] = '}' if s[0] != '}' else ')'
    write('secret', '08-random-one-flip', ''.join(s))
    write('secret', '09-large-deep-valid', nested(rng, MAXN // 2))
    deep = nested(rng, MAXN // 2)
    write('secret', '10-large-deep-mismatch-at-end', deep[:-1] + ('(' if deep[-1] != '(' else '['))
    write('secret', '11-big-random-valid', balanced(rng, 25_000, deep=0.6))
    write('secret', '12-deep-extra-close', nested(rng, 10_000) + ')')
    write('secret', '13-deep-unclosed', '(' + nested(rng, 10_000))


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
"""Writes data/sample and data/secret for longest-substring-without-repeat (answers from the accepted solution)."""
import json
import random
import runpy
import shutil
import string
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REF = runpy.run_path(str(ROOT / 'submissions/accepted/sliding_window.py'))['longest_unique_substring']
MAXN = 100_000
PRINTABLE = ''.join(chr(c) for c in range(32, 127))


def write(folder, name, s):
    assert len(s) <= MAXN and set(s) <= set(PRINTABLE), name
    d = ROOT / 'data' / folder
    d.mkdir(parents=True, exist_ok=True)
    (d / f'{name}.in').write_text(json.dumps([s]) + '\n')
    (d / f'{name}.ans').write_text(json.dumps(REF(s)) + '\n')


def main():
    shutil.rmtree(ROOT / 'data', ignore_errors=True)
    write('sample', '1', 'abcabcbb')
    write('sample', '2', 'bbbbb')
    write('sample', '3', 'pwwkew')
    rng = random.Random(314)
    write('secret', '01-empty', '')
    write('secret', '02-single', 'x')
    write('secret', '03-abba', 'abba')
    write('secret', '04-spaces-and-symbols', 'a b!c"d\\e a')
    write('secret', '05-all-distinct', PRINTABLE)
    write('secret', '06-case-sensitive', 'aAbBcCaA')
    write('secret', '07-random-small', ''.join(rng.choice('abcdef') for _ in range(40)))
    write('secret', '08-random-digits', ''.join(rng.choice(string.digits) for _ in range(5000)))
    write('secret', '09-big-one-char', 'z' * 20_000)
    write('secret', '10-large-random-printable', ''.join(rng.choice(PRINTABLE) for _ in range(MAXN)))
    write('secret', '11-large-cycle-printable', (PRINTABLE * (MAXN // len(PRINTABLE) + 1))[:MAXN])
    write('secret', '12-large-random-lowercase', ''.join(rng.choice(string.ascii_lowercase) for _ in range(MAXN // 2)))


if __name__ == '__main__':
    main()

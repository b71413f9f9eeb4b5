#!/usr/bin/env python3
"""Kattis output validator for task-order: `validate.py input answer feedback_dir [flags] < team_output`.

The judge's answer only tells whether an order exists. A team order is checked against the rules
in the input itself: it must be a permutation of 1..n in which every rule `a b` has a before b.
Exit 42 = accepted, 43 = wrong answer; the reason goes to feedback_dir/judgemessage.txt.
"""
import os
import sys

AC, WA = 42, 43


def finish(code, message):
    with open(os.path.join(sys.argv[3], 'judgemessage.txt'), 'w') as f:
        f.write(message + '\n')
    sys.exit(code)


def main():
    if len(sys.argv) < 4:
        print('usage: validate.py input answer feedback_dir < team_output', file=sys.stderr)
        sys.exit(1)  # neither 42 nor 43: a judge error, not the team's fault
    with open(sys.argv[1]) as f:
        data = f.read().split()
    n, m = int(data[0]), int(data[1])
    rules = [(int(data[2 + 2 * i]), int(data[3 + 2 * i])) for i in range(m)]
    with open(sys.argv[2]) as f:
        judge_impossible = f.read().split() == ['IMPOSSIBLE']

    # Bytes, not text: a team's output may be anything, invalid UTF-8 included, and must get WA, not a
    # crash. Bounded read: an order needs at most ~6n bytes.
    tokens = sys.stdin.buffer.read(16 * (n + 16)).split()
    if tokens == [b'IMPOSSIBLE']:
        if judge_impossible:
            finish(AC, 'correctly reported IMPOSSIBLE')
        finish(WA, 'reported IMPOSSIBLE, but a valid order exists')
    if judge_impossible:
        finish(WA, 'printed an order, but the rules contain a cycle (expected IMPOSSIBLE)')
    if len(tokens) != n:
        finish(WA, f'expected {n} task numbers, got {len(tokens)} tokens')
    position = [-1] * (n + 1)
    for i, tok in enumerate(tokens):
        if not tok.lstrip(b'-').isdigit():
            finish(WA, f'token {i + 1} is not an integer: {tok[:20]!r}')
        task = int(tok)
        if not 1 <= task <= n:
            finish(WA, f'token {i + 1}: task {task} is outside 1..{n}')
        if position[task] >= 0:
            finish(WA, f'task {task} appears twice (positions {position[task] + 1} and {i + 1})')
        position[task] = i
    for a, b in rules:
        if position[a] > position[b]:
            finish(WA, f'rule "{a} {b}" broken: task {a} is at position {position[a] + 1}, '
                       f'after task {b} at position {position[b] + 1}')
    finish(AC, f'valid order of {n} tasks')


if __name__ == '__main__':
    main()

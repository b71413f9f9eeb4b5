"""Complexity probe: a valid string of length n nested n/2 deep (random bracket kinds), so a
solution reads all of it and its stack grows to n/2."""
import random

CLOSE = {'(': ')', '[': ']', '{': '}'}


def generate(n: int, rng: random.Random) -> list:
    opening = [rng.choice('([{') for _ in range(max(n, 2) // 2)]
    return [''.join(opening) + ''.join(CLOSE[c] for c in reversed(opening))]

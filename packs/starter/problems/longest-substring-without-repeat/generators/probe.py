"""Complexity probe: n random printable ASCII characters (the statement's alphabet, so the window
and its bookkeeping stay at most 95 characters wide)."""
import random

ALPHABET = ''.join(chr(c) for c in range(32, 127))


def generate(n: int, rng: random.Random) -> list:
    return [''.join(rng.choices(ALPHABET, k=n))]

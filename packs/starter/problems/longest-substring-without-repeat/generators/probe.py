"""Complexity probe: n printable ASCII characters (the statement's alphabet) that start with the
whole alphabet once, shuffled, and go on at random. The window and its bookkeeping reach their
largest size, 95 characters, at once and never grow past it, so what a solution keeps beyond that
shows as growth with n (with purely random text the longest repeat-free window keeps creeping up
with n, by chance, and a constant-space solution reads as O(log n))."""
import random

ALPHABET = ''.join(chr(c) for c in range(32, 127))


def generate(n: int, rng: random.Random) -> list:
    head = list(ALPHABET)
    rng.shuffle(head)
    text = ''.join(head)[:n] + ''.join(rng.choices(ALPHABET, k=max(0, n - len(ALPHABET))))
    return [text]

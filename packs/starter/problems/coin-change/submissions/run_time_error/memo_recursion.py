# Memoised recursion is fast, but it recurses once per coin taken: with coin 1 and a large amount
# the depth passes Python's default recursion limit (1000) and raises RecursionError.
from functools import lru_cache


def coin_change(coins, amount):
    @lru_cache(maxsize=None)
    def fewest(rest):
        if rest == 0:
            return 0
        options = [fewest(rest - c) for c in coins if c <= rest]
        options = [o for o in options if o >= 0]
        return min(options) + 1 if options else -1

    return fewest(amount)

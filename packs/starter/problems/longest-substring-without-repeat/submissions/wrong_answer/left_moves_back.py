# Bug: jumps `left` to the last occurrence even when that is before the window ("abba" gives 3).
def longest_unique_substring(s):
    last = {}
    best = left = 0
    for right, c in enumerate(s):
        if c in last:
            left = last[c] + 1
        last[c] = right
        best = max(best, right - left + 1)
    return best

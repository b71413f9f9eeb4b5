# Bug: checks that the depth never goes negative, but ignores bracket types.
def is_valid(s):
    depth = 0
    for c in s:
        depth += 1 if c in '([{' else -1
        if depth < 0:
            return False
    return depth == 0

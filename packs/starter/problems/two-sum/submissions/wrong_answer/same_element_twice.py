# Bug: stores x before looking for its complement, so x + x == target matches itself.
def two_sum(nums, target):
    seen = {}
    for j, x in enumerate(nums):
        seen.setdefault(x, j)
        i = seen.get(target - x)
        if i is not None:
            return [i, j]
    return []

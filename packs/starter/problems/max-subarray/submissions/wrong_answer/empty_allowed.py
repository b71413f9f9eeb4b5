# Bug: starts from 0, i.e. allows the empty subarray; wrong when every number is negative.
def max_subarray(nums):
    best = cur = 0
    for x in nums:
        cur = max(0, cur + x)
        best = max(best, cur)
    return best

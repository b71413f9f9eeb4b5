# Bug: treats k as 0-based.
def kth_largest(nums, k):
    ordered = sorted(nums, reverse=True)
    return ordered[min(k, len(nums) - 1)]

def max_subarray(nums):
    # best sum ending at j = prefix[j+1] - min(prefix[0..j])
    best = nums[0]
    prefix, lowest = 0, 0
    for x in nums:
        prefix += x
        best = max(best, prefix - lowest)
        lowest = min(lowest, prefix)
    return best

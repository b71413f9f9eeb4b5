# Bug: two pointers over sorted values, but forgets to put the original indices back in order.
def two_sum(nums, target):
    order = sorted(range(len(nums)), key=nums.__getitem__)
    lo, hi = 0, len(order) - 1
    while lo < hi:
        s = nums[order[lo]] + nums[order[hi]]
        if s == target:
            return [order[lo], order[hi]]
        if s < target:
            lo += 1
        else:
            hi -= 1
    return []

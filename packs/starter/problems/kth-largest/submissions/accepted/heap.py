import heapq


def kth_largest(nums, k):
    heap = nums[:k]
    heapq.heapify(heap)  # min-heap of the k largest seen so far
    for x in nums[k:]:
        if x > heap[0]:
            heapq.heapreplace(heap, x)
    return heap[0]

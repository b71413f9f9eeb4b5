# Marks every covered point on a number line, one point at a time: O(total interval length).
def merge_intervals(intervals):
    if not intervals:
        return []
    top = max(end for _, end in intervals)
    covered = [False] * (2 * top + 2)  # 2x = point x, 2x+1 = gap after x
    for start, end in intervals:
        for x in range(2 * start, 2 * end + 1):
            covered[x] = True
    merged, open_at = [], None
    for x, c in enumerate(covered):
        if c and open_at is None:
            open_at = x
        elif not c and open_at is not None:
            merged.append([open_at // 2, (x - 1) // 2])
            open_at = None
    return merged

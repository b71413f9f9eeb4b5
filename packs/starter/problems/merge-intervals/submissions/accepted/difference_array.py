def merge_intervals(intervals):
    # Coverage counts on doubled coordinates (2x and 2x+1) so that touching intervals join
    # while [1, 1] and [2, 2] stay apart.
    if not intervals:
        return []
    top = 2 * max(end for _, end in intervals) + 2
    delta = [0] * (top + 1)
    for start, end in intervals:
        delta[2 * start] += 1
        delta[2 * end + 1] -= 1
    merged, depth, open_at = [], 0, None
    for x in range(top + 1):
        depth += delta[x]
        if depth > 0 and open_at is None:
            open_at = x
        elif depth == 0 and open_at is not None:
            merged.append([open_at // 2, (x - 1) // 2])
            open_at = None
    return merged

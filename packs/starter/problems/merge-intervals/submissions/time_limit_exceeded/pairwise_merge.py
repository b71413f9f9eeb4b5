# Adds intervals one by one, merging with any overlapping one already kept: O(n^2).
def merge_intervals(intervals):
    kept = []
    for start, end in intervals:
        changed = True
        while changed:
            changed = False
            for k, (s, e) in enumerate(kept):
                if s <= end and start <= e:
                    start, end = min(s, start), max(e, end)
                    kept.pop(k)
                    changed = True
                    break
        kept.append([start, end])
    return sorted(kept)

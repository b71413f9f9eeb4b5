# Stores a last-used time per key and scans every entry for the oldest on eviction: O(c) per PUT.
import sys


def main():
    lines = sys.stdin.read().splitlines()
    capacity, q = map(int, lines[0].split())
    value, used = {}, {}
    out = []
    for now, line in enumerate(lines[1:1 + q]):
        parts = line.split()
        k = int(parts[1])
        if parts[0] == 'GET':
            if k in value:
                used[k] = now
                out.append(str(value[k]))
            else:
                out.append('-1')
        else:
            if k not in value and len(value) == capacity:
                oldest = min(used, key=lambda key: used[key])
                del value[oldest], used[oldest]
            value[k] = int(parts[2])
            used[k] = now
    print('\n'.join(out))


main()

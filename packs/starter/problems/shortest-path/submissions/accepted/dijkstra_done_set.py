import heapq
import sys
from collections import defaultdict


def main():
    tokens = iter(sys.stdin.read().split())
    n, m = int(next(tokens)), int(next(tokens))
    adj = defaultdict(list)
    for _ in range(m):
        u, v, w = int(next(tokens)), int(next(tokens)), int(next(tokens))
        adj[u].append((w, v))
    done = set()
    heap = [(0, 1)]
    while heap:
        d, u = heapq.heappop(heap)
        if u in done:
            continue
        done.add(u)
        if u == n:
            print(d)
            return
        for w, v in adj[u]:
            if v not in done:
                heapq.heappush(heap, (d + w, v))
    print(-1)


main()

# Bug: marks a junction final when it is first reached instead of when it is popped,
# so a later, shorter route to it is ignored.
import heapq
import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    adj = [[] for _ in range(n + 1)]
    for i in range(m):
        adj[int(data[2 + 3 * i])].append((int(data[3 + 3 * i]), int(data[4 + 3 * i])))
    dist = {1: 0}
    heap = [(0, 1)]
    while heap:
        d, u = heapq.heappop(heap)
        for v, w in adj[u]:
            if v not in dist:
                dist[v] = d + w
                heapq.heappush(heap, (d + w, v))
    print(dist.get(n, -1))


main()

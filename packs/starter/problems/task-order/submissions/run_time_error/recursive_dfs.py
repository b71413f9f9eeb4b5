# Recursive depth-first search: a long chain of rules exceeds Python's recursion limit.
import sys


def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    after = [[] for _ in range(n + 1)]
    for i in range(m):
        after[int(data[2 + 2 * i])].append(int(data[3 + 2 * i]))
    state = [0] * (n + 1)
    post = []

    def visit(t):
        state[t] = 1
        for u in after[t]:
            if state[u] == 1:
                raise ValueError('cycle')
            if state[u] == 0:
                visit(u)
        state[t] = 2
        post.append(t)

    try:
        for t in range(1, n + 1):
            if state[t] == 0:
                visit(t)
    except ValueError:
        print('IMPOSSIBLE')
        return
    print(' '.join(map(str, reversed(post))))


main()

import sys


def main():
    # Depth-first search with an explicit stack; a task is emitted after everything that must
    # follow it, so the reversed post-order is a valid order. A back edge means a cycle.
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    after = [[] for _ in range(n + 1)]
    for i in range(m):
        after[int(data[2 + 2 * i])].append(int(data[3 + 2 * i]))
    state = [0] * (n + 1)  # 0 = new, 1 = on the stack, 2 = done
    post = []
    for root in range(1, n + 1):
        if state[root]:
            continue
        state[root] = 1
        stack = [(root, 0)]
        while stack:
            t, i = stack[-1]
            if i < len(after[t]):
                stack[-1] = (t, i + 1)
                u = after[t][i]
                if state[u] == 1:
                    print('IMPOSSIBLE')
                    return
                if state[u] == 0:
                    state[u] = 1
                    stack.append((u, 0))
            else:
                stack.pop()
                state[t] = 2
                post.append(t)
    print(' '.join(map(str, reversed(post))))


main()

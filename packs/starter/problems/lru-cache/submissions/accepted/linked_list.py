import sys


class Node:
    __slots__ = ('key', 'value', 'prev', 'next')

    def __init__(self, key=0, value=0):
        self.key, self.value = key, value
        self.prev = self.next = None


def main():
    data = sys.stdin.read().split()
    capacity, q = int(data[0]), int(data[1])
    head, tail = Node(), Node()  # sentinels: head.next is the most recent, tail.prev the least
    head.next, tail.prev = tail, head
    nodes = {}

    def unlink(node):
        node.prev.next, node.next.prev = node.next, node.prev

    def push_front(node):
        node.prev, node.next = head, head.next
        head.next.prev = node
        head.next = node

    out, i = [], 2
    for _ in range(q):
        op, k = data[i], int(data[i + 1])
        if op == 'GET':
            i += 2
            node = nodes.get(k)
            if node is None:
                out.append(-1)
            else:
                unlink(node)
                push_front(node)
                out.append(node.value)
        else:
            v = int(data[i + 2])
            i += 3
            node = nodes.get(k)
            if node is not None:
                node.value = v
                unlink(node)
            else:
                node = nodes[k] = Node(k, v)
                if len(nodes) > capacity:
                    old = tail.prev
                    unlink(old)
                    del nodes[old.key]
            push_front(node)
    print('\n'.join(map(str, out)))


main()

def is_valid(s):
    opening = {'(': 0, '[': 1, '{': 2}
    closing = {')': 0, ']': 1, '}': 2}
    stack = [0] * len(s)
    top = 0
    for c in s:
        kind = opening.get(c)
        if kind is not None:
            stack[top] = kind
            top += 1
        elif top == 0 or stack[top - 1] != closing[c]:
            return False
        else:
            top -= 1
    return top == 0

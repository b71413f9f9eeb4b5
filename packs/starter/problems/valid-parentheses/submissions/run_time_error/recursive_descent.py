# Recursive descent parser: one Python frame per nesting level, so deep input overflows the stack.
def is_valid(s):
    match = {'(': ')', '[': ']', '{': '}'}

    def parse(i):
        # parses a sequence of balanced groups starting at i; returns the index after it
        while i < len(s) and s[i] in match:
            j = parse(i + 1)
            if j >= len(s) or s[j] != match[s[i]]:
                raise ValueError
            i = j + 1
        return i

    try:
        return parse(0) == len(s)
    except ValueError:
        return False

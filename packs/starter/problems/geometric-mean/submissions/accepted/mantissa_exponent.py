import math
import sys


def main():
    # Keeps the running product as mantissa * 2**exponent so it never overflows.
    data = sys.stdin.read().split()
    n = int(data[0])
    mantissa, exponent = 1.0, 0
    for x in data[1:1 + n]:
        m, e = math.frexp(mantissa * int(x))
        mantissa, exponent = m, exponent + e
    # G = (m * 2**e) ** (1/n) = m ** (1/n) * 2 ** (e/n)
    print(f'{mantissa ** (1 / n) * 2 ** (exponent / n):.9f}')


main()

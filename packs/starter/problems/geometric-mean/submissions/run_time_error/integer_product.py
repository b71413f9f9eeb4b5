# Exact integer product, then a float power: "OverflowError: int too large to convert to float".
import math
import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    product = math.prod(int(x) for x in data[1:1 + n])
    print(f'{product ** (1 / n):.9f}')


main()

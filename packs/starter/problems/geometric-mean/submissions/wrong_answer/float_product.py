# Bug: the float product overflows to inf for large inputs.
import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    product = 1.0
    for x in data[1:1 + n]:
        product *= int(x)
    print(f'{product ** (1 / n):.9f}')


main()

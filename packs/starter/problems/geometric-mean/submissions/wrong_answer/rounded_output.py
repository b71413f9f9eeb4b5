# Bug: prints only two decimals, which is outside the 1e-6 tolerance.
import math
import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    print(f'{math.exp(sum(math.log(int(x)) for x in data[1:1 + n]) / n):.2f}')


main()

import math
import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    total = math.fsum(math.log(int(x)) for x in data[1:1 + n])
    print(f'{math.exp(total / n):.9f}')


main()

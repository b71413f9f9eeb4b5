import sys


def main():
    # Exact but slow: multiplies everything into one huge integer, then bisects G (scaled by 10^18)
    # comparing full big-integer powers g ** n against product * scale ** n.
    data = sys.stdin.read().split()
    n = int(data[0])
    product = 1
    for x in data[1:1 + n]:
        product *= int(x)
    scale = 10 ** 18
    target = product * scale ** n
    lo, hi = scale, 10 ** 9 * scale
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if mid ** n <= target:
            lo = mid
        else:
            hi = mid
    print(f'{lo / scale:.9f}')


main()

"""The comparisons of the C builtins whose cost grows faster than their input, for the probe's
operation count (probe_child._count_ops).

Line events cannot see work done inside C, and timing cannot tell a log factor from the memory
hierarchy: on our VMs the CPU time per element of building a set (O(n)) grows as much from 14k to
228k elements (3.5x) as that of sorting them (3x). So the builtins that bring a log factor are
counted instead, by what they are known to cost: sorting k items k*log2(k) comparisons (sorted,
list.sort), a heap or a bisect step log2(k) (heapq, bisect), heapify k. Work that is linear per
call (`x in list`, list.insert, slicing) is left to the timing, which tells a linear factor well.

Used only in the counting pass, which a program can notice anyway (sys.gettrace); the timed runs
and the test-sized runs see the real modules.
"""
import builtins
import math
import sys
import types


def _log2(k):
    return math.log2(k) if k > 1 else 0.0


# Frames of this file's code (the wrappers, the cost functions) are not the program's operations.
FILENAME = __file__


class CostCounter:
    """Adds modelled comparisons to `total` while installed (install/uninstall around one call)."""

    def __init__(self):
        self.total = 0.0
        import heapq
        import bisect
        self._saved = {}
        self.builtins = dict(builtins.__dict__, sorted=self._wrap_sorted(builtins.sorted))
        self.modules = {'heapq': self._wrap_module(heapq, self._heap_costs()), 'bisect': self._wrap_module(bisect, self._bisect_costs())}

    def install(self):
        for name, module in self.modules.items():
            self._saved[name] = sys.modules.get(name)
            sys.modules[name] = module

    def uninstall(self):
        for name, module in self._saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
        self._saved = {}

    def on_c_call(self, function):
        """list.sort, seen by the profile hook (its list is the method's __self__)."""
        if getattr(function, '__name__', None) == 'sort':
            owner = getattr(function, '__self__', None)
            if isinstance(owner, list):
                k = len(owner)
                self.total += k * _log2(k)

    def _wrap_sorted(self, real):
        counter = self

        def sorted(iterable, /, *, key=None, reverse=False):
            result = real(iterable, key=key, reverse=reverse)
            counter.total += len(result) * _log2(len(result))
            return result
        return sorted

    def _heap_costs(self):
        step = lambda heap, *rest: _log2(len(heap) + 1)
        whole = lambda heap: float(len(heap))
        return {'heappush': step, 'heappop': step, 'heappushpop': step, 'heapreplace': step, 'heapify': whole,
                '_heappop_max': step, '_heapreplace_max': step, '_heapify_max': whole}

    def _bisect_costs(self):
        step = lambda a, *rest, **options: _log2(len(a) + 1)
        return {name: step for name in ('bisect', 'bisect_left', 'bisect_right', 'insort', 'insort_left', 'insort_right')}

    def _wrap_module(self, real, costs):
        """A copy of the module whose C functions count, and whose Python functions (heapq.nlargest,
        merge) call the counting ones and the counting `sorted`."""
        module = types.ModuleType(real.__name__, real.__doc__)
        namespace = module.__dict__
        namespace.update(real.__dict__)
        namespace['__builtins__'] = self.builtins
        for name, value in real.__dict__.items():
            if name in costs:
                namespace[name] = self._wrap_function(value, costs[name])
            elif isinstance(value, types.FunctionType):
                namespace[name] = types.FunctionType(value.__code__, namespace, value.__name__, value.__defaults__, value.__closure__)
                namespace[name].__kwdefaults__ = value.__kwdefaults__
        return module

    def _wrap_function(self, real, cost):
        counter = self

        def wrapper(*args, **options):
            try:
                counter.total += cost(*args, **options)
            except TypeError:
                pass  # a wrong call: the real function reports it
            return real(*args, **options)
        wrapper.__name__ = real.__name__
        wrapper.__doc__ = real.__doc__
        return wrapper

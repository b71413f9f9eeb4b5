"""Compiles the submission once (syntax errors become CE before any test) and pre-imports the
standard-library modules it names, so a forked test child does not pay for those imports again.
The user's own top-level code never runs in the harness: it runs in each test child."""
import sys

SOLUTION_FILE = 'solution.py'
# Stdlib modules whose import has side effects or needs a terminal/display: never pre-imported.
NOT_PREIMPORTED = frozenset({
    'antigravity', 'this', '__hello__', '__phello__', 'idlelib', 'tkinter', 'turtle', 'turtledemo',
    'webbrowser', 'pydoc', 'ensurepip', 'venv', 'lib2to3', 'pty', 'tty', 'curses', 'readline',
    'rlcompleter', 'site', 'code', 'pdb', 'test', 'msvcrt', 'winreg', 'winsound', '_winapi',
})


class Compiled:
    def __init__(self, code=None, imports=(), error=None):
        self.code = code
        self.imports = imports
        self.error = error  # (line or None, message)


def compile_solution(source, files):
    """Compiles the entry file and installs the submission's other files as importable modules."""
    others = None
    if files:
        from source_files import SourceFiles  # only multi-file submissions pay for importlib.machinery
        others = SourceFiles(files)
    try:
        code = compile(source, SOLUTION_FILE, 'exec', dont_inherit=True)
        if others is not None:
            others.install()
            others.write_data_files(files)
    except SyntaxError as error:
        where = '' if error.filename in (None, SOLUTION_FILE) else '%s: ' % error.filename
        return Compiled(error=(error.lineno, where + _describe_syntax_error(error)))
    except (ValueError, RecursionError, MemoryError, OverflowError) as error:
        return Compiled(error=(None, '%s: %s' % (type(error).__name__, error)))
    own = others.names() if others is not None else ()
    imports = tuple(name for name in _stdlib_names(code) if name.partition('.')[0] not in own)
    return Compiled(code=code, imports=imports)


# What the compiler meets in a typical submission: the harness's own modules come precompiled, so
# without this the first compile of every run pages the parser in (~1.5 ms here, ~55 faults).
_WARM_UP_SOURCE = """
import sys
from collections import defaultdict
class Solution:
    def solve(self, nums: list[int], k=0, *args, **kwargs) -> int:
        seen, best = {}, -1
        for i, x in enumerate(nums):
            if x in seen and (i - seen[x] <= k or not k):
                best = max(best, i)
            elif x % 2 == 0:
                seen[x] = i
            else:
                continue
        while best > 10 and best is not None:
            best //= 2
        try:
            data = [y * 2 for y in nums if y] + list({y: y for y in nums}) + [f"{best:>3}"]
        except (ValueError, KeyError) as error:
            raise RuntimeError(str(error)) from None
        finally:
            pass
        return sum(data[1:-1:2], start=0) if data else lambda q: q[0]
def main():
    n, *rest = map(int, sys.stdin.read().split())
    print(*sorted(rest)[:n], sep=' ')
if __name__ == '__main__':
    main()
"""


def warm_up():
    """Compiles a representative program once, while the sandbox waits for its run."""
    compile(_WARM_UP_SOURCE, SOLUTION_FILE, 'exec', dont_inherit=True)


def _stdlib_names(code):
    """Names the code refers to that are stdlib modules: a superset of what it imports (an
    `import x.y` or `from x import y` puts 'x.y' / 'x' in co_names), found without `ast`, whose
    own import costs more than most solutions. A variable that happens to share a module's name
    only pre-imports a harmless module."""
    found = []
    pending = [code]
    while pending:
        current = pending.pop()
        for name in current.co_names:
            if name.partition('.')[0] in sys.stdlib_module_names:
                found.append(name)
        pending.extend(const for const in current.co_consts if hasattr(const, 'co_names'))
    return tuple(dict.fromkeys(found))


def _describe_syntax_error(error):
    message = '%s: %s' % (type(error).__name__, error.msg)
    if error.text:
        message += '\n    ' + error.text.rstrip('\n')
        if error.offset and error.offset > 0:
            message += '\n    ' + ' ' * (error.offset - 1) + '^'
    return message


def preimport_stdlib(names):
    for name in names:
        top = name.partition('.')[0]
        if top not in sys.stdlib_module_names or top in NOT_PREIMPORTED or name in sys.modules:
            continue
        try:
            __import__(name)
        except BaseException:  # the child will raise the real error when the user imports it
            pass

"""The other files of a multi-file submission (and a problem's include/python files), importable
from memory: the sandbox needs no writable copy of them, and every forked test child inherits the
finder. Like files beside the entry script on sys.path[0], they shadow standard-library modules
of the same name but not built-in ones."""
import os
import sys
from importlib.machinery import ModuleSpec, PathFinder


class SourceFiles:
    def __init__(self, files):
        self.modules = {}    # module name -> (path, source, is_package)
        self.packages = set()
        for path, text in files.items():
            if not path.endswith('.py'):
                continue
            parts = path[:-3].split('/')
            is_package = parts[-1] == '__init__'
            if is_package:
                parts = parts[:-1]
            if not parts or not all(part.isidentifier() for part in parts):
                continue
            self.modules['.'.join(parts)] = (path, text, is_package)
            for i in range(1, len(parts)):
                self.packages.add('.'.join(parts[:i]))

    def compile_all(self):
        """Compiles every file (a syntax error anywhere is a compile error of the submission)."""
        return {name: compile(text, path, 'exec', dont_inherit=True) for name, (path, text, _) in self.modules.items()}

    def install(self):
        if not self.modules:
            return
        self.code = self.compile_all()
        # Before the path finder (where sys.path[0] would be), after the built-in and frozen importers.
        index = next((i for i, finder in enumerate(sys.meta_path) if finder is PathFinder), len(sys.meta_path))
        sys.meta_path.insert(index, self)

    @staticmethod
    def write_data_files(files, directory='/tmp'):
        """The submission's other files (data an include/ folder adds, say) in the working
        directory, where a program opening them by relative name finds them, as beside a script.
        Read-only for the tests: the harness's uid owns them in a sticky folder."""
        for path, text in files.items():
            if path.endswith('.py'):
                continue
            target = os.path.join(directory, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, 'w', encoding='utf-8') as out:
                out.write(text)
            os.chmod(target, 0o444)

    def names(self):
        return set(self.modules) | self.packages

    # importlib finder/loader protocol
    def find_spec(self, name, path=None, target=None):
        entry = self.modules.get(name)
        if entry is not None:
            spec = ModuleSpec(name, self, origin=entry[0], is_package=entry[2])
            spec.has_location = True
            return spec
        if name in self.packages:  # a folder without __init__.py: a namespace package
            return ModuleSpec(name, None, is_package=True)
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        path, _, is_package = self.modules[module.__spec__.name]
        module.__file__ = path
        exec(self.code[module.__spec__.name], module.__dict__)

    def get_source(self, name):
        entry = self.modules.get(name)
        return entry[1] if entry else None

"""Builds the sandbox's minimal runtime root under DEST from this machine's Python: the
interpreter, the shared libraries it and its extension modules load, its standard library (no
test suite, no build files, no site/dist-packages) and the judge harness, with the harness's
bytecode compiled. Nothing else: no shell, no other program, no system package.

    /usr/bin/python3 -I build_runtime.py DEST HARNESS_DIR

Run it with the Python the sandboxes should use (its version decides what is copied)."""
import compileall
import os
import re
import shutil
import subprocess
import sys
import sysconfig

SKIP_STDLIB_DIRS = {'dist-packages', 'site-packages', 'test', 'idlelib', 'tkinter', 'ensurepip', 'lib2to3',
                    'turtledemo', 'venv', 'pydoc_data'}
SKIP_FILES = {'sitecustomize.py'}  # Debian's points into /etc, which the sandbox does not have
SKIP_EXTENSIONS = re.compile(r'^(_test|_ctypes_test|xxlimited|_xxtestfuzz|_xxsubinterpreters|_tkinter)')


def copy_path(dest, path):
    """Copies `path` (following a symlink chain, keeping the links) to the same place under dest;
    /lib, /lib64 and /bin map to their /usr counterparts (merged /usr)."""
    path = os.path.normpath(path)
    if path.startswith(('/lib/', '/lib64/', '/bin/')):
        path = '/usr' + path
    target = dest + path
    if os.path.lexists(target):
        return
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if os.path.islink(path):
        link = os.readlink(path)
        os.symlink(link, target)
        copy_path(dest, link if link.startswith('/') else os.path.join(os.path.dirname(path), link))
    else:
        shutil.copy2(path, target)


def shared_libraries(elf):
    out = subprocess.run(['ldd', elf], capture_output=True, text=True, check=False).stdout
    return re.findall(r'(/\S+)', out)


def main(dest, harness_dir):
    interpreter = os.path.realpath(sys.executable)
    stdlib = sysconfig.get_paths()['stdlib']
    platstdlib = sysconfig.get_paths()['platstdlib']
    elves = [interpreter]
    for root in dict.fromkeys([stdlib, platstdlib]):
        for folder, dirs, files in os.walk(root):
            if folder == root:
                dirs[:] = [d for d in dirs if d not in SKIP_STDLIB_DIRS and not d.startswith('config-')]
            for name in files:
                if name in SKIP_FILES or (folder.endswith('lib-dynload') and SKIP_EXTENSIONS.match(name)):
                    continue
                source = os.path.join(folder, name)
                copy_path(dest, source)
                if name.endswith('.so'):
                    elves.append(source)
    libraries = set()
    for elf in elves:
        copy_path(dest, elf)
        libraries.update(shared_libraries(elf))
    for library in sorted(libraries):
        copy_path(dest, library)
    python3 = dest + '/usr/bin/python3'
    if not os.path.lexists(python3):
        os.symlink(os.path.basename(interpreter), python3)
    harness = dest + '/harness'
    os.makedirs(harness)
    for name in sorted(os.listdir(harness_dir)):
        if name.endswith('.py'):
            shutil.copy2(os.path.join(harness_dir, name), os.path.join(harness, name))
    # The harness starts once per run with -B (never writes bytecode): give it compiled bytecode.
    compileall.compile_dir(harness, quiet=1)
    for folder, dirs, files in os.walk(dest):
        os.chmod(folder, 0o755)
    return 0


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.stderr.write(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))

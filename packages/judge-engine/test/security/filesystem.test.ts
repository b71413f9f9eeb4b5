/**
 * Filesystem attacks: the rootfs is read-only, /tmp is private per run, nothing the sandbox writes is
 * followed by the host (symlinks, hardlinks), and one run cannot see or touch another.
 */
import { chmodSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  everything,
  expectStillServing,
  expectVerdict,
  hex32,
  hostTempDir,
  linesStartingWith,
  py,
  run,
  sleep,
  stdoutOf,
} from './support.js';

afterEach(expectStillServing);

describe('read-only root', () => {
  it('writing outside /tmp fails (/usr, /, /home, /etc, /var/tmp, cwd) and nothing appears on the host', async () => {
    // Attack: drop files in system dirs (e.g. a trojan python module in /usr/lib/python3.11).
    const name = `duet-sec-w-${hex32().slice(0, 8)}`;
    const code = `
import os, errno
cwd = os.path.realpath(os.getcwd())
print('CWD', cwd)
targets = {'usr': '/usr/${name}', 'pylib': '/usr/lib/python3.11/${name}.py', 'root': '/${name}',
           'home': '/home/${name}', 'etc': '/etc/${name}', 'vartmp': '/var/tmp/${name}', 'bin': '/bin/${name}'}
if not (cwd == '/tmp' or cwd.startswith('/tmp/')):
    targets['cwd'] = os.path.join(cwd, '${name}')
for label, path in targets.items():
    try:
        with open(path, 'w') as f:
            f.write('pwned')
        print('WRITE', label, 'OK', flush=True)
    except OSError as e:
        print('WRITE', label, 'ERR', errno.errorcode.get(e.errno, e.errno), flush=True)
for label, path in (('chmod_usr', '/usr/bin'), ('chmod_python', '/usr/bin/python3.11')):
    try:
        os.chmod(path, 0o777); print('WRITE', label, 'OK')
    except OSError as e:
        print('WRITE', label, 'ERR', errno.errorcode.get(e.errno, e.errno))
`;
    const pythonModeBefore = statSync('/usr/bin/python3.11').mode;
    const { result } = await run(code);
    expectVerdict(result, ['AC']);
    const out = stdoutOf(result);
    const writes = linesStartingWith(out, 'WRITE');
    expect(writes.length).toBeGreaterThanOrEqual(9);
    for (const w of writes) expect(w, out).toMatch(/ ERR /);
    for (const p of [`/usr/${name}`, `/usr/lib/python3.11/${name}.py`, `/${name}`, `/home/${name}`, `/etc/${name}`, `/var/tmp/${name}`, `/bin/${name}`])
      expect(existsSync(p), p).toBe(false);
    expect(statSync('/usr/bin/python3.11').mode).toBe(pythonModeBefore);
  });
});

describe('links planted in the sandbox are not followed by the host', () => {
  it('symlinks/hardlinks to a host canary leave it unchanged, and no file appears at a named host path', async () => {
    // Attack: fill /tmp, cwd and every writable spot with symlinks to a host file / dir and to a
    // host path that does not exist yet, hoping the host writes results, chowns or cleans up through them.
    const host = hostTempDir('duet-sec-canary-');
    try {
      const canary = join(host.dir, 'canary.txt');
      const content = `canary-${hex32()}\n`;
      writeFileSync(canary, content);
      chmodSync(canary, 0o640);
      const before = statSync(canary);
      const named = join(host.dir, 'created-by-sandbox');
      const code = `
import os, errno
cwd = os.getcwd()
targets = [${py(canary)}, ${py(host.dir)}, ${py(named)}, '/etc/passwd']
made = 0
for d in sorted({'/tmp', cwd, '/dev/shm'}):
    try:
        existing = os.listdir(d)
    except OSError:
        continue
    names = existing + ['out', 'stdout', 'stderr', 'result', 'result.json', 'results.json', 'output',
                        'answer', 'ans', 'input', 'bundle.json', 'run', 'log', 'core']
    for i, n in enumerate(names):
        p = os.path.join(d, n)
        try:
            if os.path.isdir(p) and not os.path.islink(p):
                continue
            if os.path.lexists(p):
                os.unlink(p)
            os.symlink(targets[i % len(targets)], p)
            made += 1
        except OSError:
            pass
    for i, t in enumerate(targets):
        try:
            os.symlink(t, os.path.join(d, 'evil%d' % i)); made += 1
        except OSError:
            pass
        try:
            os.link(t, os.path.join(d, 'hard%d' % i)); print('HARDLINK', t)
        except OSError:
            pass
try:
    open(${py(canary)}, 'a').write('pwned')
    print('APPENDED')
except OSError as e:
    print('APPEND_ERR', errno.errorcode.get(e.errno, e.errno))
print('MADE', made)
print('ok')
`;
      const { result } = await run(code);
      expectVerdict(result, ['AC']);
      const out = stdoutOf(result);
      expect(Number(linesStartingWith(out, 'MADE')[0])).toBeGreaterThan(0);
      expect(out).not.toContain('HARDLINK');
      expect(out).not.toContain('APPENDED');
      // The run's result must not contain the canary either (host reading through a symlink).
      expect(everything(result)).not.toContain(content.trim());
      // Canary unchanged: exists, same content, mode, owner, inode; nothing created at the named path.
      await sleep(200);
      expect(readFileSync(canary, 'utf8')).toBe(content);
      const after = statSync(canary);
      expect([after.mode, after.uid, after.gid, after.ino, after.nlink]).toEqual([before.mode, before.uid, before.gid, before.ino, before.nlink]);
      expect(existsSync(named)).toBe(false);
      expect(readdirSync(host.dir)).toEqual(['canary.txt']);
      const passwd = statSync('/etc/passwd');
      expect(passwd.uid).toBe(0);
    } finally {
      host.cleanup();
    }
  });
});

describe('isolation between tests of one run', () => {
  it('modules planted in /tmp or the harness dir are never imported by the harness or later tests', async () => {
    // Attack: test 1 drops trojan stdlib look-alikes (json, base64, sitecustomize…) in /tmp and tries to
    // overwrite the harness, hoping test 2's child or the harness imports them and forges results.
    const mark = `TROJAN${hex32().slice(0, 8)}`;
    const code = `
import os, errno, sys
trojan = "import os\\nos.write(1, b'${mark}\\\\n')\\nraise SystemExit(0)\\n"
if not os.path.exists('/tmp/planted'):
    for name in ('json', 'base64', 'select', 'signal', 'sitecustomize', 'usercustomize', 'runner', 'child', 'duet_trojan'):
        with open('/tmp/%s.py' % name, 'w') as f: f.write(trojan)
    for target in ('/harness/runner.py', '/harness/child.py', '/harness/evil.py'):
        try:
            with open(target, 'a') as f: f.write(trojan)
            print('HARNESS_WRITE', target, 'OK', file=sys.stderr)
        except OSError as e:
            print('HARNESS_WRITE', target, 'ERR', errno.errorcode.get(e.errno, e.errno), file=sys.stderr)
    open('/tmp/planted', 'w').close()
import json, base64
try:
    import duet_trojan
    print('IMPORTED_FROM_TMP')
except ImportError:
    pass
print(input())
`;
    const tests = [1, 2, 3].map((i) => ({ name: `m${i}`, input: `v${i}\n`, answer: `v${i}\n` }));
    const { result } = await run(code, { kind: 'sample', tests });
    expectVerdict(result, ['AC']);
    expect(result.passed).toBe(3);
    expect(everything(result)).not.toContain(mark);
    expect(everything(result)).not.toContain('IMPORTED_FROM_TMP');
    const writes = linesStartingWith(result.tests[0]?.stderr ?? '', 'HARNESS_WRITE');
    expect(writes).toHaveLength(3);
    for (const w of writes) expect(w).toMatch(/ ERR /);
  });
});

describe('isolation between runs', () => {
  it('files in /tmp and /dev/shm written in one run are absent in the next (and never on the host)', async () => {
    // Attack: leave a payload behind for the next user of the sandbox.
    const token = hex32();
    const name = `duet-sec-persist-${token.slice(0, 8)}`;
    const writer = `
import os
for d in ('/tmp', '/dev/shm', '/var/tmp', os.getcwd()):
    try:
        with open(os.path.join(d, ${py(name)}), 'w') as f:
            f.write(${py(token)})
        print('WROTE', d)
    except OSError as e:
        print('NOWRITE', d, e.errno)
`;
    const w = await run(writer);
    expectVerdict(w.result, ['AC']);
    expect(stdoutOf(w.result)).toContain('WROTE /tmp');
    const reader = `
import os
for d in ('/tmp', '/dev/shm', '/var/tmp', os.getcwd()):
    try:
        for n in os.listdir(d):
            try:
                print('SAW', d, n, open(os.path.join(d, n)).read(100))
            except OSError:
                print('SAW', d, n)
    except OSError:
        pass
print('done')
`;
    const r = await run(reader);
    expectVerdict(r.result, ['AC']);
    expect(stdoutOf(r.result)).toContain('done');
    expect(everything(r.result)).not.toContain(token);
    expect(everything(r.result)).not.toContain(name);
    expect(existsSync(`/tmp/${name}`)).toBe(false);
    expect(existsSync(`/dev/shm/${name}`)).toBe(false);
    expect(existsSync(`/var/tmp/${name}`)).toBe(false);
  });

  it("a concurrent run cannot read another run's /tmp, /dev/shm or processes", async () => {
    // Attack: while run A holds a token in /tmp, /dev/shm and its memory, run B searches for it.
    const token = hex32();
    const holder = `
import os, time
with open('/tmp/token-a', 'w') as f: f.write(${py(token)})
try:
    with open('/dev/shm/token-a', 'w') as f: f.write(${py(token)})
except OSError:
    pass
secret_in_memory = ${py(token)}
print('HOLDING', os.getpid(), flush=True)
time.sleep(2.5)
print('ok')
`;
    const searcher = `
import os, time
hits = []
def scan(path):
    try:
        data = open(path, 'rb').read(1 << 20)
        if ${py(token)}.encode() in data: hits.append(path)
    except OSError:
        pass
end = time.monotonic() + 1.5  # scan repeatedly: A may still be starting up
while time.monotonic() < end and not hits:
    for d in ('/tmp', '/dev/shm'):
        try:
            for n in os.listdir(d): scan(os.path.join(d, n))
        except OSError: pass
    for pid in [p for p in os.listdir('/proc') if p.isdigit()]:
        for sub in ('root/tmp/token-a', 'root/dev/shm/token-a', 'cwd/token-a', 'environ', 'cmdline'):
            scan('/proc/%s/%s' % (pid, sub))
    time.sleep(0.1)
print('PIDS', len([p for p in os.listdir('/proc') if p.isdigit()]))
print('HITS', len(hits), *hits)
`;
    const a = run(holder, { time_ms: 4000 });
    await sleep(800); // let A write its token first
    const b = await run(searcher, { time_ms: 3000 });
    const aDone = await a;
    expectVerdict(aDone.result, ['AC']);
    expect(stdoutOf(aDone.result)).toContain('HOLDING');
    expectVerdict(b.result, ['AC']);
    const out = stdoutOf(b.result);
    expect(linesStartingWith(out, 'HITS')[0]).toBe('0');
    expect(everything(b.result)).not.toContain(token);
  });
});

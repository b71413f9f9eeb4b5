/**
 * The judge's own host state: the box (uid pair) pool shared by every judge process, the state
 * folder checks, the seccomp program cache and the runtime root mount.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSandboxDriver, isRoot } from '../src/sandbox/driver.js';
import { loadSeccompFilter } from '../src/sandbox/seccomp.js';
import { StateDirError, ensureOwnedDir } from '../src/sandbox/state-dir.js';
import { UidPool, UidPoolExhausted } from '../src/sandbox/uid-pool.js';

const scratch = mkdtempSync(join(tmpdir(), 'duet-host-state-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the box pool', () => {
  it('gives every holder its own uid pair, even across pools sharing the lock folder (two judge processes)', () => {
    const lockDir = join(scratch, 'boxes-a');
    const one = new UidPool({ base: 70_000, size: 3, lockDir });
    const two = new UidPool({ base: 70_000, size: 3, lockDir });
    const boxes = [one.acquire(), two.acquire(), one.acquire()];
    expect(new Set(boxes.map((b) => b.id)).size).toBe(3);
    for (const box of boxes) expect(box.testUid).toBe(box.supervisorUid + 1);
    expect(() => two.acquire()).toThrow(UidPoolExhausted);
    boxes[1]!.release();
    expect(one.acquire().id).toBe(boxes[1]!.id);
  });

  it('reclaims the box of a holder that died, after killing what still runs under its uids', () => {
    const lockDir = join(scratch, 'boxes-b');
    const pool = new UidPool({ base: 70_100, size: 1, lockDir });
    // A holder that died: its pid is gone (or is another process now, with another start time).
    writeFileSync(join(lockDir, 'box-0'), '999999999 12345');
    expect(pool.acquire().id).toBe(0);
  });

  it.runIf(isRoot())('a stale box is reclaimed only once nothing runs under its uids any more', () => {
    const lockDir = join(scratch, 'boxes-c');
    const pool = new UidPool({ base: 70_200, size: 1, lockDir });
    writeFileSync(join(lockDir, 'box-0'), '999999999 12345');
    const leftover = spawnSync('setpriv', ['--reuid=70201', '--regid=70201', '--clear-groups', 'sh', '-c', 'sleep 60 >/dev/null 2>&1 & echo $!'], { encoding: 'utf8' });
    const pid = Number(leftover.stdout.trim());
    expect(pid).toBeGreaterThan(1);
    pool.acquire();
    let alive = true;
    for (let i = 0; i < 100 && alive; i++) {
      try {
        alive = !readFileSync(`/proc/${pid}/status`, 'utf8').includes('State:\tZ');
      } catch {
        alive = false;
      }
    }
    expect(alive).toBe(false);
  });
});

describe('the state folder', () => {
  it('is refused when a link or someone else’s folder stands where it should be', () => {
    const target = join(scratch, 'real');
    mkdirSync(target);
    const link = join(scratch, 'link');
    symlinkSync(target, link);
    expect(() => ensureOwnedDir(link, 0o700)).toThrow(StateDirError);
    if (isRoot()) {
      const foreign = join(scratch, 'foreign');
      mkdirSync(foreign);
      chownSync(foreign, 65534, 65534);
      expect(() => ensureOwnedDir(foreign, 0o700)).toThrow(/owned by uid 65534/);
    }
    const fresh = ensureOwnedDir(join(scratch, 'fresh'), 0o700);
    expect(readdirSync(fresh)).toEqual([]);
  });
});

describe('the seccomp program', () => {
  it.runIf(isRoot())('is compiled once from the readable policy and cached; a damaged cache is detected', () => {
    const stateDir = join(scratch, 'state-seccomp');
    const first = loadSeccompFilter(stateDir);
    expect(first.ok).toBe(true);
    const [file] = readdirSync(join(stateDir, 'seccomp'));
    expect(file).toMatch(/\.bpf$/);
    writeFileSync(join(stateDir, 'seccomp', file!), 'not bpf');
    expect(loadSeccompFilter(stateDir)).toMatchObject({ ok: false, reason: expect.stringMatching(/damaged seccomp program/) });
  });
});

describe('the runtime root', () => {
  it.runIf(isRoot())('is one read-only, nosuid, nodev tmpfs shared by every driver, holding Python and the harness', () => {
    const a = createSandboxDriver();
    const b = createSandboxDriver();
    expect(a.runtime.kind).toBe('tmpfs');
    expect(b.rootfs).toBe(a.rootfs);
    const mount = readFileSync('/proc/self/mountinfo', 'utf8').split('\n').find((line) => line.split(' ')[4] === a.rootfs);
    expect(mount?.split(' ')[5]?.split(',')).toEqual(expect.arrayContaining(['ro', 'nosuid', 'nodev']));
    expect(mount).toMatch(/ - tmpfs /);
    expect(readdirSync(join(a.rootfs, 'usr/bin')).sort()).toEqual(['python3', expect.stringMatching(/^python3\.\d+$/)]);
    expect(readdirSync(a.harnessDir)).toContain('main.py');
  });
});

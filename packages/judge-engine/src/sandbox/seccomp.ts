/**
 * The seccomp filter of every sandbox: `seccomp/policy.py` (readable, reviewed) compiled to BPF by
 * libseccomp (`seccomp/generate.py`, Debian's python3-seccomp) once per policy version and cached
 * in the judge's state folder.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureOwnedDir } from './state-dir.js';

const POLICY_DIR = fileURLToPath(new URL('../../seccomp/', import.meta.url));
const SOURCES = ['policy.py', 'generate.py'] as const;
/** The system Python, which is where Debian's python3-seccomp is importable. */
const SYSTEM_PYTHON = '/usr/bin/python3';

export type SeccompFilter = { ok: true; program: Buffer } | { ok: false; reason: string };

export function loadSeccompFilter(stateDir: string): SeccompFilter {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return { ok: false, reason: `the seccomp policy is written for x86_64 (this is ${process.platform}/${process.arch})` };
  }
  try {
    const hash = createHash('sha256');
    for (const file of SOURCES) hash.update(file).update(readFileSync(join(POLICY_DIR, file)));
    ensureOwnedDir(stateDir, 0o755);
    const cacheDir = ensureOwnedDir(join(stateDir, 'seccomp'), 0o700);
    const compiled = join(cacheDir, `${hash.digest('hex').slice(0, 32)}.bpf`);
    if (!existsSync(compiled)) {
      execFileSync(SYSTEM_PYTHON, ['-I', join(POLICY_DIR, 'generate.py'), compiled], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
    }
    const program = readFileSync(compiled);
    // A BPF program is a whole number of 8-byte instructions: anything else is a damaged cache file.
    if (program.length === 0 || program.length % 8 !== 0) return { ok: false, reason: `damaged seccomp program ${compiled}` };
    return { ok: true, program };
  } catch (error) {
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '');
    const missing = /No module named 'seccomp'/.test(stderr) || (error as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      ok: false,
      reason: missing
        ? `the seccomp filter needs libseccomp's Python bindings: apt-get install python3-seccomp`
        : `could not compile the seccomp filter: ${stderr.trim().split('\n').slice(-2).join(' ') || (error as Error).message}`,
    };
  }
}

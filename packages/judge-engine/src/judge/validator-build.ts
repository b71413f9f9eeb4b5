/**
 * C and C++ output validators are the pack author's code: they are compiled in a sandbox of their
 * own (read-only toolchain — the host's /usr/{bin,lib,lib64,include} and nothing else —, the sources
 * bound in from pipes, private /tmp, an unprivileged uid, memory/pids/CPU limits, a wall limit),
 * linked statically so that they run in the minimal runtime root, and cached by content hash:
 * successes and failures alike, so a broken validator is compiled once, not once per test.
 *
 * The cache is a folder owned by the judge's user, mode 0700, checked without following links (see
 * state-dir.ts); an entry records the binary's sha256, checked again before every use.
 */
import { createHash, randomUUID } from 'node:crypto';
import { lstatSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type SandboxDriver, privilegeSpec } from '../sandbox/driver.js';
import { startSandbox } from '../sandbox/spawn-sandbox.js';
import { ensureOwnedDir } from '../sandbox/state-dir.js';

const MIB = 1024 * 1024;
export const COMPILE_WALL_MS = 60_000;
const COMPILE_MEMORY = 1024 * MIB;
const MAX_BINARY_BYTES = 64 * MIB;
const DIAGNOSTICS_CAP = 8 * 1024;
const C_SOURCES = /\.c$/;
const CPP_SOURCES = /\.(cc|cpp|cxx|c\+\+)$/;

export type CompiledValidator = { ok: true; binary: Buffer } | { ok: false; error: string };

/** What to compile, and how. */
interface BuildPlan {
  compiler: 'gcc' | 'g++';
  flags: string[];
  files: Record<string, string>;
  /** The source files among `files`, in compile order. */
  sources: string[];
}

interface CacheEntry {
  ok: boolean;
  sha256?: string;
  error?: string;
}

const compiling = new Map<string, Promise<CompiledValidator>>();

/** The compiled validator for these sources: from the cache, or compiled now (once per content). */
export function compiledValidator(driver: SandboxDriver, language: 'c' | 'cpp', files: Record<string, string>, signal?: AbortSignal): Promise<CompiledValidator> {
  const isCpp = language === 'cpp';
  const sources = Object.keys(files).filter((p) => (isCpp ? CPP_SOURCES.test(p) || C_SOURCES.test(p) : C_SOURCES.test(p))).sort();
  if (sources.length === 0) return Promise.resolve({ ok: false, error: `no ${isCpp ? 'C++' : 'C'} source file among ${Object.keys(files).join(', ')}` });
  const plan: BuildPlan = { compiler: isCpp ? 'g++' : 'gcc', flags: [...(isCpp ? ['-std=gnu++17'] : ['-std=gnu11']), '-O2', '-pipe', '-static'], files, sources };
  const key = createHash('sha256').update(JSON.stringify([plan.compiler, plan.flags, Object.entries(files).sort()])).digest('hex');
  let pending = compiling.get(key);
  if (!pending) {
    pending = fromCacheOrBuild(driver, key, plan, signal).finally(() => compiling.delete(key));
    compiling.set(key, pending);
  }
  return pending;
}

async function fromCacheOrBuild(driver: SandboxDriver, key: string, plan: BuildPlan, signal?: AbortSignal): Promise<CompiledValidator> {
  const cacheDir = ensureOwnedDir(driver.validatorCacheDir, 0o700);
  const cached = readCache(cacheDir, key);
  if (cached) return cached;
  const built = await compileInSandbox(driver, plan, signal);
  if (signal?.aborted) return built; // an aborted build says nothing about the sources: not cached
  writeCache(cacheDir, key, built);
  return built;
}

function readCache(cacheDir: string, key: string): CompiledValidator | undefined {
  const entryPath = join(cacheDir, `${key}.json`);
  try {
    if (!lstatSync(entryPath).isFile()) return undefined;
    const entry = JSON.parse(readFileSync(entryPath, 'utf8')) as CacheEntry;
    if (!entry.ok) return { ok: false, error: entry.error ?? 'the validator did not compile' };
    const binaryPath = join(cacheDir, `${key}.bin`);
    if (!lstatSync(binaryPath).isFile()) return undefined;
    const binary = readFileSync(binaryPath);
    // The file must still be what was compiled: anything else is rebuilt, never run.
    if (createHash('sha256').update(binary).digest('hex') !== entry.sha256) return undefined;
    return { ok: true, binary };
  } catch {
    return undefined;
  }
}

function writeCache(cacheDir: string, key: string, built: CompiledValidator): void {
  const temp = (name: string) => join(cacheDir, `.${name}.${randomUUID()}`);
  try {
    if (built.ok) {
      const binaryTemp = temp('bin');
      writeFileSync(binaryTemp, built.binary, { mode: 0o600 });
      renameSync(binaryTemp, join(cacheDir, `${key}.bin`));
    }
    const entry: CacheEntry = built.ok ? { ok: true, sha256: createHash('sha256').update(built.binary).digest('hex') } : { ok: false, error: built.error };
    const entryTemp = temp('json');
    writeFileSync(entryTemp, JSON.stringify(entry), { mode: 0o600 });
    renameSync(entryTemp, join(cacheDir, `${key}.json`)); // the entry last: a reader never sees it before its binary
  } catch {
    rmSync(join(cacheDir, `${key}.json`), { force: true }); // a cache that cannot be written only costs a rebuild
  }
}

/**
 * Compiles in the build sandbox. The binary comes back on stdout (capped), the compiler's
 * diagnostics on stderr (capped): nothing of the host besides the toolchain is in reach of an
 * `#include` or `.incbin`, and the build cannot outgrow its memory or its time.
 */
async function compileInSandbox(driver: SandboxDriver, plan: BuildPlan, signal?: AbortSignal): Promise<CompiledValidator> {
  const { compiler, flags, sources } = plan;
  const entries = Object.entries(plan.files);
  const script = 'cd /src && "$@" -o /tmp/validator -lm 2>&1 1>/dev/null | head -c 8192 >&2; [ -f /tmp/validator ] && cat /tmp/validator';
  const sandbox = startSandbox({
    bwrap: {
      rootfs: driver.toolchainRoot,
      usrDirs: ['usr/bin', 'usr/lib', 'usr/lib64', 'usr/include', 'usr/libexec'],
      dataFiles: entries.map(([path]) => ({ dest: `/src/${path}`, perms: '0444' })),
      tmpSizeBytes: 256 * MIB,
      asPid1: false,
    },
    command: ['/bin/sh', '-c', script, 'sh', compiler, ...flags, ...sources],
    ...privilegeSpec(driver, { memoryBytes: COMPILE_MEMORY, pidsMax: 64, cpuCores: 1 }),
    wallTimeoutMs: COMPILE_WALL_MS,
    stderrCapBytes: DIAGNOSTICS_CAP,
    ...(signal ? { signal } : {}),
  });
  entries.forEach(([, text], i) => sandbox.dataInputs[i]?.end(Buffer.from(text, 'utf8')));
  sandbox.stdin.end();
  const chunks: Buffer[] = [];
  let size = 0;
  sandbox.stdout.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BINARY_BYTES) chunks.push(chunk);
    else sandbox.kill();
  });
  const exit = await sandbox.exited;
  const diagnostics = exit.stderr.trim().slice(-DIAGNOSTICS_CAP);
  if (size > MAX_BINARY_BYTES) return { ok: false, error: `${compiler}: the validator binary is over ${MAX_BINARY_BYTES / MIB} MiB` };
  if (exit.timedOut) return { ok: false, error: `${compiler}: compiling took longer than ${COMPILE_WALL_MS / 1000} s` };
  if (exit.oomKilled) return { ok: false, error: `${compiler}: compiling used more than ${COMPILE_MEMORY / MIB} MiB` };
  if (exit.code !== 0 || size === 0) return { ok: false, error: `${compiler} failed${diagnostics ? `: ${diagnostics}` : ''}` };
  return { ok: true, binary: Buffer.concat(chunks) };
}

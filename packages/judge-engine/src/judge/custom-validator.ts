/**
 * Kattis custom output validators, run in a sandbox of their own (never the submission's):
 * `validator input answer feedback_dir [args...] < team_output`; exit 42 = AC, 43 = WA, else IE.
 * Input, answer, team output and the validator files enter through pipes (bwrap --ro-bind-data), so
 * no host path is shared; feedback_dir is inside the validator's private /tmp and its
 * judgemessage.txt comes back on stdout. C/C++ validators are compiled once on the host and cached
 * by content hash.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CheckerSpec } from '@duet/sdk/judge';
import { type SandboxDriver, privilegeSpec } from '../sandbox/driver.js';
import type { DataFile } from '../sandbox/bwrap-args.js';
import { startSandbox } from '../sandbox/spawn-sandbox.js';

export type CustomChecker = Extract<CheckerSpec, { type: 'custom' }>;

export interface ValidatorOutcome {
  verdict: 'AC' | 'WA' | 'IE';
  message?: string;
}

const MIB = 1024 * 1024;
const VALIDATOR_WALL_MS = 30_000;
const VALIDATOR_MEMORY = 1024 * MIB;
const JUDGE_MESSAGE_CAP = 64 * 1024;
const COMPILE_TIMEOUT_MS = 120_000;
const C_SOURCES = /\.c$/;
const CPP_SOURCES = /\.(cc|cpp|cxx|c\+\+)$/;

/** Runs the validator on one test. Never throws: faults come back as IE with a message. */
export async function runCustomValidator(
  driver: SandboxDriver,
  checker: CustomChecker,
  io: { input: string; answer: string; output: Buffer },
  signal?: AbortSignal,
): Promise<ValidatorOutcome> {
  let program: { files: Array<{ dest: string; perms: string; data: Buffer }>; command: string[] };
  try {
    program = await prepareValidator(driver, checker);
  } catch (error) {
    return { verdict: 'IE', message: `output validator unusable: ${error instanceof Error ? error.message : String(error)}` };
  }
  const files = [
    { dest: '/judge/input', perms: '0444', data: Buffer.from(io.input, 'utf8') },
    { dest: '/judge/answer', perms: '0444', data: Buffer.from(io.answer, 'utf8') },
    { dest: '/judge/team_output', perms: '0444', data: io.output },
    ...program.files,
  ];
  const script =
    'mkdir -p /tmp/feedback && "$@" < /judge/team_output > /dev/null; rc=$?; ' +
    `head -c ${JUDGE_MESSAGE_CAP} /tmp/feedback/judgemessage.txt 2>/dev/null; exit $rc`;
  const sandbox = startSandbox({
    bwrap: { rootfs: driver.rootfs, dataFiles: files.map(({ dest, perms }): DataFile => ({ dest, perms })), tmpSizeBytes: 64 * MIB, asPid1: false },
    command: ['/bin/sh', '-c', script, 'sh', ...program.command, '/judge/input', '/judge/answer', '/tmp/feedback/', ...(checker.args ?? [])],
    ...privilegeSpec(driver, { memoryBytes: VALIDATOR_MEMORY, pidsMax: 32, cpuCores: 1 }),
    wallTimeoutMs: VALIDATOR_WALL_MS,
    ...(signal ? { signal } : {}),
  });
  files.forEach((file, i) => sandbox.dataInputs[i]?.end(file.data));
  sandbox.stdin.end();
  const chunks: Buffer[] = [];
  let size = 0;
  sandbox.stdout.on('data', (chunk: Buffer) => {
    if (size < JUDGE_MESSAGE_CAP) chunks.push(chunk.subarray(0, JUDGE_MESSAGE_CAP - size));
    size += chunk.length;
  });
  const exit = await sandbox.exited;
  const judgeMessage = Buffer.concat(chunks).toString('utf8').trim();
  const withMessage = (verdict: 'AC' | 'WA'): ValidatorOutcome => (judgeMessage ? { verdict, message: judgeMessage } : { verdict });
  if (exit.code === 42) return withMessage('AC');
  if (exit.code === 43) return withMessage('WA');
  const how = exit.timedOut ? `timed out after ${VALIDATOR_WALL_MS} ms` : exit.code !== null ? `exited with code ${exit.code}` : `was killed by ${exit.signal}`;
  const stderr = exit.stderr.trim().slice(-500);
  return { verdict: 'IE', message: `output validator ${how}${stderr ? `: ${stderr}` : ''}${judgeMessage ? ` (${judgeMessage.slice(0, 300)})` : ''}` };
}

async function prepareValidator(driver: SandboxDriver, checker: CustomChecker) {
  if (checker.language === 'python') {
    const entry = pythonEntry(Object.keys(checker.files));
    return {
      files: Object.entries(checker.files).map(([path, text]) => ({ dest: `/validator/${path}`, perms: '0444', data: Buffer.from(text, 'utf8') })),
      command: [driver.pythonPath, '-S', '-B', `/validator/${entry}`],
    };
  }
  const binary = await compiledValidator(driver, checker);
  return { files: [{ dest: '/validator/validator', perms: '0555', data: binary }], command: ['/validator/validator'] };
}

/** The one .py file, or the conventional main file of a multi-file validator. */
function pythonEntry(paths: string[]): string {
  const python = paths.filter((p) => p.endsWith('.py'));
  if (python.length === 1 && python[0]) return python[0];
  for (const name of ['validate.py', 'validator.py', 'output_validator.py', 'main.py', 'check.py', 'checker.py'])
    if (python.includes(name)) return name;
  throw new Error(`cannot tell which of ${python.length} Python files is the validator (name one validate.py)`);
}

const compiling = new Map<string, Promise<Buffer>>();

async function compiledValidator(driver: SandboxDriver, checker: CustomChecker): Promise<Buffer> {
  const isCpp = checker.language === 'cpp';
  const sources = Object.keys(checker.files).filter((p) => (isCpp ? CPP_SOURCES.test(p) || C_SOURCES.test(p) : C_SOURCES.test(p))).sort();
  if (sources.length === 0) throw new Error(`no ${isCpp ? 'C++' : 'C'} source file among ${Object.keys(checker.files).join(', ')}`);
  const flags = isCpp ? ['-O2', '-std=gnu++17', '-pipe'] : ['-O2', '-std=gnu11', '-pipe'];
  const hash = createHash('sha256').update(JSON.stringify([checker.language, flags, Object.entries(checker.files).sort()])).digest('hex');
  let pending = compiling.get(hash);
  if (!pending) {
    pending = compileOnce(driver.validatorCacheDir, hash, isCpp ? 'g++' : 'gcc', flags, checker.files, sources);
    compiling.set(hash, pending);
    pending.catch(() => compiling.delete(hash));
  }
  return pending;
}

async function compileOnce(
  cacheDir: string,
  hash: string,
  compiler: string,
  flags: string[],
  files: Record<string, string>,
  sources: string[],
): Promise<Buffer> {
  const target = join(cacheDir, hash, 'validator');
  mkdirSync(cacheDir, { recursive: true, mode: 0o700 });
  if (!existsSync(target)) {
    const work = mkdtempSync(join(cacheDir, 'build-'));
    try {
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(work, 'src', path)), { recursive: true });
        writeFileSync(join(work, 'src', path), text);
      }
      await new Promise<void>((resolve, reject) => {
        execFile(
          compiler,
          [...flags, '-o', join(work, 'validator'), ...sources.map((s) => join(work, 'src', s)), '-lm'],
          { cwd: join(work, 'src'), timeout: COMPILE_TIMEOUT_MS, maxBuffer: 4 * MIB, env: { PATH: '/usr/bin:/bin' } },
          (error, _stdout, stderr) => (error ? reject(new Error(`${compiler} failed: ${String(stderr).slice(-2000) || error.message}`)) : resolve()),
        );
      });
      mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
      chmodSync(join(work, 'validator'), 0o555);
      renameSync(join(work, 'validator'), target); // atomic: concurrent judges never see half a binary
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }
  return readFileSync(target);
}

/**
 * Kattis custom output validators, run in a sandbox of their own (never the submission's):
 * `validator input answer feedback_dir [args...] < team_output`; exit 42 = AC, 43 = WA, else IE.
 * Input, answer, team output and the validator enter through pipes (bwrap --ro-bind-data), so no
 * host path is shared; the sandbox root is the minimal runtime (Python validators run on its
 * interpreter, C/C++ ones are linked statically, see validator-build.ts); feedback_dir is inside the
 * validator's private /tmp and its judgemessage.txt comes back on stdout.
 */
import type { CheckerSpec } from '@duet/sdk/judge';
import type { DataFile } from '../sandbox/bwrap-args.js';
import { type SandboxDriver, privilegeSpec } from '../sandbox/driver.js';
import { startSandbox } from '../sandbox/spawn-sandbox.js';
import { compiledValidator } from './validator-build.js';

export type CustomChecker = Extract<CheckerSpec, { type: 'custom' }>;

/** IE outcomes carry `detail` (for the operator) besides the message; see judge-test.ts. */
export interface ValidatorOutcome {
  verdict: 'AC' | 'WA' | 'IE';
  message?: string;
}

const MIB = 1024 * 1024;
const VALIDATOR_WALL_MS = 30_000;
const VALIDATOR_MEMORY = 1024 * MIB;
const JUDGE_MESSAGE_CAP = 64 * 1024;

/**
 * Runs the program with the team output on stdin and /dev/null as stdout, then prints at most
 * JUDGE_MESSAGE_CAP bytes of feedback/judgemessage.txt and exits with the program's code (a signal
 * as 128 + its number). The runtime root has no shell: this is the wrapper.
 */
const LAUNCHER = `
import os, subprocess, sys
os.makedirs('/tmp/feedback', exist_ok=True)
with open('/judge/team_output', 'rb') as team, open('/dev/null', 'wb') as null:
    code = subprocess.call(sys.argv[1:], stdin=team, stdout=null)
try:
    with open('/tmp/feedback/judgemessage.txt', 'rb') as message:
        os.write(1, message.read(${JUDGE_MESSAGE_CAP}))
except OSError:
    pass
sys.exit(code if code >= 0 else 128 - code)
`;

/** Runs the validator on one test. Never throws: faults come back as IE with a message. */
export async function runCustomValidator(
  driver: SandboxDriver,
  checker: CustomChecker,
  io: { input: string; answer: string; output: Buffer },
  signal?: AbortSignal,
): Promise<ValidatorOutcome> {
  const program = await prepareValidator(driver, checker, signal);
  if ('error' in program) return { verdict: 'IE', message: `output validator unusable: ${program.error}` };
  const files = [
    { dest: '/judge/launch.py', perms: '0444', data: Buffer.from(LAUNCHER, 'utf8') },
    { dest: '/judge/input', perms: '0444', data: Buffer.from(io.input, 'utf8') },
    { dest: '/judge/answer', perms: '0444', data: Buffer.from(io.answer, 'utf8') },
    { dest: '/judge/team_output', perms: '0444', data: io.output },
    ...program.files,
  ];
  const sandbox = startSandbox({
    bwrap: { rootfs: driver.rootfs, dataFiles: files.map(({ dest, perms }): DataFile => ({ dest, perms })), tmpSizeBytes: 64 * MIB, asPid1: false },
    command: [driver.pythonPath, '-I', '-S', '/judge/launch.py', ...program.command, '/judge/input', '/judge/answer', '/tmp/feedback/', ...(checker.args ?? [])],
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

type PreparedValidator = { files: Array<{ dest: string; perms: string; data: Buffer }>; command: string[] } | { error: string };

async function prepareValidator(driver: SandboxDriver, checker: CustomChecker, signal?: AbortSignal): Promise<PreparedValidator> {
  if (checker.language === 'python') {
    const entry = pythonEntry(Object.keys(checker.files));
    if (entry === undefined) return { error: `cannot tell which of the Python files is the validator (name one validate.py)` };
    return {
      files: Object.entries(checker.files).map(([path, text]) => ({ dest: `/validator/${path}`, perms: '0444', data: Buffer.from(text, 'utf8') })),
      command: [driver.pythonPath, '-S', '-B', `/validator/${entry}`],
    };
  }
  const compiled = await compiledValidator(driver, checker.language, checker.files, signal);
  if (!compiled.ok) return { error: compiled.error };
  return { files: [{ dest: '/validator/validator', perms: '0555', data: compiled.binary }], command: ['/validator/validator'] };
}

/**
 * The one .py file, or the entry of a multi-file validator: `__main__.py` as the Kattis spec says
 * (2023-07+), else a conventional main file.
 */
function pythonEntry(paths: string[]): string | undefined {
  const python = paths.filter((p) => p.endsWith('.py'));
  if (python.length === 1) return python[0];
  for (const name of ['__main__.py', 'validate.py', 'validator.py', 'output_validator.py', 'main.py', 'check.py', 'checker.py'])
    if (python.includes(name)) return name;
  return undefined;
}

import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { RunKind, RunResult, TestResult } from '@duet/sdk/judge';
import { bundleFromProblem, loadPack, readSubmission, resolveTimeLimit, type LoadedProblem } from '@duet/sdk/pack';
import { checkFunctionInput } from '@duet/sdk/run';
import { complexityJson, complexitySummary } from '../complexity-report.js';
import type { CommandContext } from '../context.js';
import { EXIT_CODES, ExitError, type ExitCode } from '../exit-error.js';
import { openJudgeSession, type JudgeSession } from '../judge-session.js';
import { createProgress, type Progress } from '../progress.js';
import { formatTable } from '../table.js';

export interface RunOptions {
  stdin?: string;
  samples?: boolean;
  json?: boolean;
}

/** `duet-pack run <dir> <problem> <file>`: judge one file the way the marketplace would. Exit 0 iff AC. */
export async function runCommand(
  context: CommandContext,
  dir: string,
  problemId: string,
  file: string,
  options: RunOptions,
): Promise<ExitCode> {
  const code = await readUserFile(context.path(file), 'solution file');
  const stdin = options.stdin === undefined ? undefined : await readUserFile(context.path(options.stdin), '--stdin file');
  const pack = await loadPack(context.path(dir));
  const problem = pack.problems.find((p) => p.id === problemId);
  if (!problem) {
    const known = pack.problems.map((p) => p.id).join(', ') || '(none)';
    throw new ExitError(EXIT_CODES.invalidInput, `no problem '${problemId}' in ${dir} (problems: ${known})`);
  }
  const kind: RunKind = stdin !== undefined ? 'custom' : options.samples ? 'sample' : 'submit';
  // A function problem's custom input is a JSON array of the arguments: the user's mistake otherwise.
  if (stdin !== undefined && problem.duet.interface.type === 'function') checkFunctionInput(stdin, `--stdin ${options.stdin}`);

  const session = await openJudgeSession();
  const progress = createProgress(context.io);
  const timeLimitMs = await timeLimitFor(problem, session, progress);
  // The file's name matters only when the problem's include/ has a file of that name (which replaces it).
  const source = { code, entry: basename(file) };
  const bundle = await bundleFromProblem(problem, stdin === undefined ? { ...source, kind, timeLimitMs } : { ...source, kind, timeLimitMs, stdin });
  const total = bundle.tests.length;
  progress.update(`judging ${file} 0/${total}`);
  const result = await session.judge(bundle, {
    onTest: (_test, index) => {
      progress.update(`judging ${file} ${index + 1}/${total}`);
      // The judge runs the probe after the last test: a few seconds with nothing else to show.
      if (index + 1 === total && bundle.complexity) progress.update(`measuring the complexity of ${file}`);
    },
  });
  progress.clear();

  context.out(options.json ? JSON.stringify(jsonReport(result), null, 2) + '\n' : textReport(result));
  return result.verdict === 'AC' ? EXIT_CODES.ok : EXIT_CODES.checkFailed;
}

async function readUserFile(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code ?? error);
    throw new ExitError(EXIT_CODES.invalidInput, `cannot read ${what} ${path}: ${reason}`);
  }
}

/** A declared limit is free; a computed one means judging the accepted submissions first. */
async function timeLimitFor(problem: LoadedProblem, session: JudgeSession, progress: Progress): Promise<number> {
  const resolution = await resolveTimeLimit(problem, async (submission, limitMs, only) => {
    progress.update(`computing the time limit: judging ${submission.name}`);
    const source = await readSubmission(submission, problem);
    return session.judge(await bundleFromProblem(problem, { ...source, kind: 'submit', data: 'all', timeLimitMs: limitMs, complexity: false, ...(only ? { only } : {}) }));
  });
  return resolution.timeLimitMs;
}

/** The documented JSON shape: verdict and per-test figures, plus a few optional extras. */
function jsonReport(result: RunResult): Record<string, unknown> {
  const report: Record<string, unknown> = {
    verdict: result.verdict,
    tests: result.tests.map(jsonTest),
    passed: result.passed,
    total: result.total,
    time_limit_ms: result.time_limit_ms,
  };
  if (result.compile_error) report.compile_error = result.compile_error;
  if (result.internal_error) report.message = result.internal_error;
  if (result.complexity) report.complexity = complexityJson(result.complexity);
  if (result.complexity_error) report.complexity_error = result.complexity_error;
  return report;
}

function jsonTest(test: TestResult): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: test.name,
    verdict: test.verdict,
    cpu_ms: test.cpu_ms,
    wall_ms: test.wall_ms,
    memory_kb: test.memory_kb,
  };
  for (const key of ['coarse', 'stdout', 'stderr', 'diff', 'message', 'signal', 'exit_code'] as const) {
    if (test[key] !== undefined) out[key] = test[key];
  }
  return out;
}

function textReport(result: RunResult): string {
  const lines: string[] = [];
  if (result.compile_error) {
    const where = result.compile_error.line === null ? '' : ` at line ${result.compile_error.line}`;
    lines.push(`compile error${where}:\n${result.compile_error.message}`);
  }
  if (result.internal_error) lines.push(`judge error: ${result.internal_error}`);
  if (result.tests.length > 0) {
    // Hidden tests' figures are buckets: "≤ 250" is all the judge says.
    const upTo = (t: TestResult) => (t.coarse ? '≤ ' : '');
    const rows = result.tests.map((t) => [
      t.name,
      t.verdict,
      upTo(t) + String(Math.round(t.cpu_ms)),
      t.coarse ? '' : String(Math.round(t.wall_ms)),
      upTo(t) + (t.memory_kb / 1024).toFixed(1),
      t.message ?? t.signal ?? '',
    ]);
    lines.push(
      formatTable(
        [
          { header: 'test' },
          { header: 'verdict' },
          { header: 'cpu ms', align: 'right' },
          { header: 'wall ms', align: 'right' },
          { header: 'mem MiB', align: 'right' },
          { header: 'message' },
        ],
        rows,
      ).trimEnd(),
    );
  }
  for (const test of result.tests) {
    // A custom run exists to show the output, even an empty one; elsewhere empty output is noise.
    if (test.stdout !== undefined && (test.stdout !== '' || result.kind === 'custom')) {
      lines.push(section(`${test.name}: stdout`, test.stdout));
    }
    if (test.stderr) lines.push(section(`${test.name}: stderr`, test.stderr));
    if (test.diff && test.verdict !== 'AC') lines.push(section(`${test.name}: diff (expected vs actual)`, test.diff));
  }
  lines.push(`verdict: ${result.verdict} (${result.passed}/${result.total} tests, time limit ${result.time_limit_ms} ms)`);
  if (result.complexity) lines.push(`complexity:\n${indent(complexitySummary(result.complexity))}`);
  if (result.complexity_error) lines.push(`complexity: not measured: ${result.complexity_error}`);
  return lines.join('\n') + '\n';
}

function indent(text: string): string {
  return text.trimEnd().split('\n').map((line) => `  ${line}`).join('\n');
}

function section(title: string, body: string): string {
  return `--- ${title} ---\n${body.endsWith('\n') || body === '' ? body : body + '\n'}--- end ---`;
}

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { probeSpecFor } from '@duet/sdk/pack';
import { DEFAULT_PROBE_BUDGET_MS, MAX_PROBE_BUDGET_MS, MIN_PROBE_BUDGET_MS, isDuetError } from '@duet/sdk/run';
import type { CommandContext } from '../context.js';
import { complexityJson, complexityText } from '../complexity-report.js';
import { EXIT_CODES, ExitError, type ExitCode } from '../exit-error.js';
import { openJudgeSession } from '../judge-session.js';
import { loadProbeProblem } from '../probe-problem.js';
import { createProgress } from '../progress.js';

export interface ComplexityOptions {
  json?: boolean;
  /** Seconds of analysis (default: the judge's 5 s). */
  budget?: string;
}

const MIN_BUDGET_SECONDS = MIN_PROBE_BUDGET_MS / 1000;
const MAX_BUDGET_SECONDS = MAX_PROBE_BUDGET_MS / 1000;

/**
 * `duet-pack complexity <problem-dir> <solution.py>`: measure a solution's time and space classes
 * with the problem's complexity probe (duet.yaml `complexity.generator`), in the sandbox.
 * Exit 0, or 1 when duet.yaml declares expected classes and the solution is slower.
 */
export async function complexityCommand(
  context: CommandContext,
  dir: string,
  file: string,
  options: ComplexityOptions,
): Promise<ExitCode> {
  const budgetMs = options.budget === undefined ? undefined : parseBudget(options.budget);
  const code = await readSolution(context.path(file));
  const problem = await loadProbeProblem(context.path(dir));
  const probe = await probeSpecFor(problem, budgetMs === undefined ? {} : { budgetMs });
  if (!probe) {
    throw new ExitError(
      EXIT_CODES.invalidInput,
      `${join(problem.dir, 'duet.yaml')}: complexity.generator: missing: expected a generator to probe with, ` +
        'e.g. `complexity: {generator: generators/probe.py}` defining generate(n, rng)',
    );
  }
  const iface = problem.duet.interface;
  const session = await openJudgeSession();
  const progress = createProgress(context.io);
  progress.update(`probing ${file} (about ${((budgetMs ?? probe.budget_ms ?? DEFAULT_PROBE_BUDGET_MS) / 1000).toFixed(0)} s)`);
  const report = await session
    .probe({
      code,
      interface: iface.type === 'function' ? { type: 'function', entry: iface.entry } : { type: 'stdio' },
      probe,
      memory_mb: problem.memoryMb,
    })
    .catch((error: unknown) => {
      throw probeFailure(error, file, join(problem.dir, problem.duet.complexity?.generator ?? ''));
    })
    .finally(() => progress.clear());
  context.out(options.json ? JSON.stringify(complexityJson(report), null, 2) + '\n' : complexityText(report));
  return report.verdict === 'slower_than_expected' ? EXIT_CODES.checkFailed : EXIT_CODES.ok;
}

/**
 * The probe's DuetError codes as exit codes: the solution's failure is a failed check
 * (1), the generator's or the probe spec's is the author's to fix (2), the judge's is ours (3).
 */
function probeFailure(error: unknown, solution: string, generator: string): unknown {
  if (!isDuetError(error)) return error;
  const code = error.code;
  if (code === 'COMPILE_ERROR' || code === 'SOLUTION_ERROR') return new ExitError(EXIT_CODES.checkFailed, `${solution}: ${error.message}`);
  if (code === 'GENERATOR_ERROR') return new ExitError(EXIT_CODES.invalidInput, `${generator}: ${error.message}`);
  if (code === 'PROBE_INVALID') return new ExitError(EXIT_CODES.invalidInput, error.message);
  return new ExitError(EXIT_CODES.internal, error.message);
}

function parseBudget(text: string): number {
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(seconds >= MIN_BUDGET_SECONDS) || seconds > MAX_BUDGET_SECONDS) {
    throw new ExitError(
      EXIT_CODES.invalidInput,
      `--budget: expected seconds of analysis from ${MIN_BUDGET_SECONDS} to ${MAX_BUDGET_SECONDS}, got ${JSON.stringify(text)}`,
    );
  }
  return Math.round(seconds * 1000);
}

async function readSolution(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code ?? error);
    throw new ExitError(EXIT_CODES.invalidInput, `cannot read solution file ${path}: ${reason}`);
  }
}

import { readFile, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import type { ProbeSpec } from '@duet/judge';
import type { LoadedProblem } from '@duet/sdk/pack';
import { EXIT_CODES, ExitError } from './exit-error.js';

/** The judge's default analysis budget (issue 3: ≤ 5 s of wall time per analysis). */
export const DEFAULT_PROBE_BUDGET_MS = 5000;
/** `duet-pack test` probes every accepted submission, so it spends less on each. */
export const TEST_PROBE_BUDGET_MS = 2000;

export interface ProbeSpecOptions {
  budgetMs?: number;
  seed?: number;
}

type ProbeProblem = Pick<LoadedProblem, 'id' | 'dir' | 'duet'>;

/** Whether duet.yaml declares a complexity probe (a generator). */
export function hasProbe(problem: Pick<LoadedProblem, 'duet'>): boolean {
  return problem.duet.complexity?.generator !== undefined;
}

/**
 * The problem's complexity probe as the judge takes it: the generator's source, `max_n` and the
 * expected classes from duet.yaml. Null when duet.yaml declares no `complexity.generator`.
 */
export async function probeSpecFor(problem: ProbeProblem, options: ProbeSpecOptions = {}): Promise<ProbeSpec | null> {
  const complexity = problem.duet.complexity;
  if (!complexity?.generator) return null;
  const spec: ProbeSpec = { generator: await readGenerator(problem.dir, complexity.generator) };
  if (complexity.max_n !== undefined) spec.max_n = complexity.max_n;
  if (complexity.expected_time !== undefined) spec.expected_time = complexity.expected_time;
  if (complexity.expected_space !== undefined) spec.expected_space = complexity.expected_space;
  if (options.budgetMs !== undefined) spec.budget_ms = options.budgetMs;
  if (options.seed !== undefined) spec.seed = options.seed;
  return spec;
}

/** Reads the generator, refusing a path (or symlink) that leaves the problem folder. */
async function readGenerator(dir: string, generator: string): Promise<string> {
  const where = `${join(dir, 'duet.yaml')}: complexity.generator`;
  const path = join(dir, generator);
  const [root, real] = await Promise.all([realpath(dir), realpath(path).catch(() => null)]);
  if (real === null) throw new ExitError(EXIT_CODES.invalidInput, `${where}: ${generator} does not exist in ${dir}`);
  const rel = relative(root, real);
  if (rel.startsWith('..') || isAbsolute(rel)) {
    throw new ExitError(EXIT_CODES.invalidInput, `${where}: ${generator} leaves the problem folder`);
  }
  try {
    return await readFile(real, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EISDIR' ? 'is a directory, expected a Python file' : String(code ?? error);
    throw new ExitError(EXIT_CODES.invalidInput, `${where}: cannot read ${generator}: ${reason}`);
  }
}

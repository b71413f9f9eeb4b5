/**
 * From a loaded problem to the judge's run bundle (`@duet/sdk/run`): which tests a run carries,
 * their text, the checker, the limits and the complexity probe. Node only (reads the pack folder).
 */
import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative } from 'node:path';
import type { RunKind } from '../judge/verdict.js';
import type { ProbeSpec } from '../run/probe-spec.js';
import type { RunBundle } from '../run/bundle.js';
import { substituteConstants, substituteInFiles } from './constants.js';
import { PackValidationError } from './errors.js';
import { checkerSpecFor } from './problem-data.js';
import type { LoadedProblem, SubmissionFile, TestCaseFiles } from './types.js';

/** Which of a problem's tests a bundle carries: `all` (samples then secret) is what `test` judges. */
export type BundleData = 'sample' | 'secret' | 'all';

export interface BundleOptions {
  /** The entry file's source. */
  code: string;
  /** The other files of a multi-file submission (see readSubmission). */
  files?: Record<string, string>;
  /** The entry file's name: an included file of that name replaces it, as Kattis' include/ does. */
  entry?: string;
  kind: RunKind;
  timeLimitMs: number;
  /** The one input of a `custom` run. */
  stdin?: string;
  /** Overrides the tests implied by `kind` (sample → sample, submit → secret). */
  data?: BundleData;
  /** Keeps only the tests of these names (e.g. the ones a time-limit rule covers). */
  only?: ReadonlySet<string>;
  /**
   * Submit runs on a problem whose duet.yaml declares `complexity.generator` carry the probe, so
   * the judge reports time/space classes after the tests. `false` leaves it out (calibration runs).
   */
  complexity?: boolean;
}

/** Kattis: data/sample is public, data/secret (with its subgroups) is hidden. */
export function isSampleTest(test: TestCaseFiles): boolean {
  return test.group === 'sample';
}

export function testsFor(problem: Pick<LoadedProblem, 'tests'>, data: BundleData): TestCaseFiles[] {
  const samples = problem.tests.filter(isSampleTest);
  const secret = problem.tests.filter((t) => !isSampleTest(t));
  if (data === 'all') return [...samples, ...secret];
  // A problem without hidden tests (the loader warns) is judged on its samples.
  if (data === 'secret') return secret.length ? secret : samples;
  return samples;
}

/**
 * Builds the judge's run bundle for one piece of code on one problem: sample runs get
 * data/sample, submit runs data/secret (Kattis hidden tests; samples are not re-judged), custom
 * runs one test with the given stdin and no answer. Submit runs carry the problem's complexity
 * probe when it has one.
 */
export async function bundleFromProblem(problem: LoadedProblem, options: BundleOptions): Promise<RunBundle> {
  const tests =
    options.kind === 'custom'
      ? [{ name: 'custom', input: options.stdin ?? '' }]
      : await readTests(testsFor(problem, options.data ?? (options.kind === 'sample' ? 'sample' : 'secret')).filter((t) => !options.only || options.only.has(t.name)));
  const iface = problem.duet.interface;
  const probe = options.kind === 'submit' && options.complexity !== false ? await probeSpecFor(problem) : null;
  const { code, files } = await withIncludedFiles(problem, options);
  return {
    kind: options.kind,
    language: 'python',
    code,
    ...(files ? { files } : {}),
    interface: iface.type === 'function' ? { type: 'function', entry: iface.entry } : { type: 'stdio' },
    tests,
    limits: {
      time_ms: options.timeLimitMs,
      memory_mb: problem.limits.memoryMb,
      output_kb: problem.limits.outputKb,
    },
    checker: await checkerSpecFor(problem),
    ...(probe ? { complexity: probe } : {}),
  };
}

/**
 * Kattis' included code: "The files should be copied from a language directory based on the
 * language of the submission, to the submission files before compiling, … overwriting files from
 * the submission in the case of name collision" (constants replaced, as in all included code).
 */
export async function withIncludedFiles(problem: Pick<LoadedProblem, 'include' | 'constants'>, options: Pick<BundleOptions, 'code' | 'files' | 'entry'>) {
  let code = options.code;
  const files: Record<string, string> = { ...options.files };
  if (problem.include) {
    for (const path of problem.include.files) {
      const text = substituteConstants(await readFile(join(problem.include.dir, path), 'utf8'), problem.constants);
      if (path === options.entry) code = text;
      else files[path] = text;
    }
  }
  return Object.keys(files).length ? { code, files } : { code };
}

/** The text of tests, in the order given, with each one's output validator arguments. */
export async function readTests(tests: readonly TestCaseFiles[]): Promise<Array<{ name: string; input: string; answer: string; validator_args?: string[] }>> {
  return Promise.all(
    tests.map(async (test) => ({
      name: test.name,
      input: await readFile(test.inputPath, 'utf8'),
      answer: await readFile(test.answerPath, 'utf8'),
      ...(test.validatorArgs ? { validator_args: [...test.validatorArgs] } : {}),
    })),
  );
}

/** A submission as a bundle takes it: the entry file's source and name, and its other files. */
export interface SubmissionSource {
  code: string;
  files?: Record<string, string>;
  entry: string;
}

/**
 * A submission's source as a bundle takes it: a single file is the entry; a folder (Kattis
 * multi-file submission) has as its entry submissions.yaml's `entrypoint`, else `__main__.py`, else
 * `main.py` (the languages table's default entry point for Python 3), else its only .py file; every
 * other .py file is beside it. Example submissions get the problem's constants replaced.
 */
export async function readSubmission(
  submission: Pick<SubmissionFile, 'name' | 'path'> & { entrypoint?: string | undefined },
  problem: Pick<LoadedProblem, 'constants'> = { constants: {} },
): Promise<SubmissionSource> {
  if (!(await stat(submission.path)).isDirectory()) {
    return { code: substituteConstants(await readFile(submission.path, 'utf8'), problem.constants), entry: basename(submission.path) };
  }
  const paths = (await listFiles(submission.path)).filter((p) => p.endsWith('.py')).sort();
  const entry = entryPoint(submission.entrypoint, paths);
  if (entry === undefined) {
    const why = submission.entrypoint
      ? `its entrypoint ${submission.entrypoint} (submissions.yaml) is not one of its .py files`
      : 'a multi-file Python submission needs a __main__.py or main.py (or exactly one .py file)';
    throw new PackValidationError([{ file: `submissions/${submission.name}`, message: why }], `submission ${submission.name}`);
  }
  const sources: Record<string, string> = {};
  for (const path of paths) sources[path] = await readFile(join(submission.path, path), 'utf8');
  const { [entry]: code = '', ...files } = substituteInFiles(sources, problem.constants);
  return Object.keys(files).length ? { code, files, entry } : { code, entry };
}

function entryPoint(declared: string | undefined, paths: readonly string[]): string | undefined {
  if (declared !== undefined) return paths.includes(declared) ? declared : undefined;
  return ['__main__.py', 'main.py'].find((name) => paths.includes(name)) ?? (paths.length === 1 ? paths[0] : undefined);
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

export interface ProbeSpecOptions {
  budgetMs?: number;
  seed?: number;
}

/** Whether duet.yaml declares a complexity probe (a generator). */
export function hasProbe(problem: Pick<LoadedProblem, 'duet'>): boolean {
  return problem.duet.complexity?.generator !== undefined;
}

/**
 * The problem's complexity probe as the judge takes it: the generator's source, `max_n` and the
 * expected classes from duet.yaml. Null when duet.yaml declares no `complexity.generator`.
 */
export async function probeSpecFor(problem: Pick<LoadedProblem, 'id' | 'dir' | 'duet'>, options: ProbeSpecOptions = {}): Promise<ProbeSpec | null> {
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
  const fail = (message: string): never => {
    throw new PackValidationError([{ file: 'duet.yaml', field: 'complexity.generator', message }], `problem ${dir}`);
  };
  const [root, real] = await Promise.all([realpath(dir), realpath(join(dir, generator)).catch(() => null)]);
  if (real === null) return fail(`${generator} does not exist in ${dir}`);
  const rel = relative(root, real);
  if (rel.startsWith('..') || isAbsolute(rel)) return fail(`${generator} leaves the problem folder`);
  try {
    return await readFile(real, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(`cannot read ${generator}: ${code === 'EISDIR' ? 'is a directory, expected a Python file' : String(code ?? error)}`);
  }
}

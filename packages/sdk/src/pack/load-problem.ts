import * as path from 'node:path';
import type * as z from 'zod';
import { defaultDuetYaml, duetYamlSchema, type DuetYaml } from './duet-yaml.js';
import { PackValidationError, type PackIssue } from './errors.js';
import { FsTree } from './fs-tree.js';
import { constantsFromProblemYaml } from './constants.js';
import { findIncludedFiles } from './include-files.js';
import { findOutputValidator } from './output-validator.js';
import { unsupportedTypeIssues } from './problem-type.js';
import { formatGeneration, isLegacyProblemYaml, problemYamlSchema, type ProblemYaml } from './problem-yaml.js';
import { findStatement } from './statement.js';
import { collectSubmissions } from './submissions.js';
import { collectTests } from './test-data.js';
import type { LoadedProblem, OutputValidatorFiles, ProblemLimits } from './types.js';
import { DEFAULT_MEMORY_MB, DEFAULT_OUTPUT_MB } from '../run/limits.js';
import { parseYamlWith } from './yaml-source.js';

export interface LoadProblemOptions {
  /** Defaults to the folder name. */
  id?: string;
  /** Inside a pack every problem has a duet.yaml; a lone Kattis problem defaults to stdio. */
  requireDuetYaml?: boolean;
}

/** Load a problem folder and report every issue (file paths relative to the folder); never throws for user mistakes. */
export async function inspectProblem(
  dir: string,
  options: LoadProblemOptions = {},
): Promise<{ problem: LoadedProblem | null; issues: PackIssue[]; warnings: PackIssue[] }> {
  const tree = await FsTree.open(dir);
  const id = options.id ?? path.basename(tree.root);
  if ((await tree.kind('')) !== 'dir') {
    return { problem: null, issues: [{ file: '.', message: 'missing folder: expected a problem folder with problem.yaml' }], warnings: [] };
  }
  const { issues, warnings } = tree;

  const parsed = await readYaml(tree, 'problem.yaml', problemYamlSchema, 'every problem needs a problem.yaml (Kattis problem package)');
  const problem = parsed?.data;
  let duet: DuetYaml | undefined;
  if ((await tree.kind('duet.yaml')) === 'file' || options.requireDuetYaml) {
    duet = (await readYaml(tree, 'duet.yaml', duetYamlSchema, 'every problem in a pack needs a duet.yaml (at least `interface: {type: stdio}`)'))?.data;
  } else {
    duet = defaultDuetYaml();
  }
  const raw = parsed?.raw;
  const format = formatGeneration(raw && typeof raw === 'object' ? raw : {});
  const constants = parsed && format !== 'legacy' ? constantsFromProblemYaml(parsed.text) : {};
  if (problem) checkProblemYaml(tree, problem);

  const statementPath = await findStatement(tree);
  if (!statementPath) {
    const folder = format === 'legacy' ? 'problem_statement' : 'statement';
    issues.push({ file: folder, message: `missing statement: expected ${folder}/problem.en.md (or problem.md, another language, or a .tex variant)` });
  }
  const outputValidator = await findOutputValidator(tree, format);
  const custom = problem ? usesCustomValidation(problem, outputValidator !== null) : false;
  const tests = await collectTests(tree, duet?.interface, { generation: format, constants, defaultValidator: !custom && duet?.checker !== 'exact' });
  const submissions = await collectSubmissions(tree, format, tests);
  const include = await findIncludedFiles(tree, format);
  if (problem && duet) checkConsistency(tree, problem, duet, outputValidator);
  if (duet?.complexity?.generator && (await tree.kind(duet.complexity.generator)) !== 'file') {
    issues.push({ file: 'duet.yaml', field: 'complexity.generator', message: `expected a file in the problem folder, but ${duet.complexity.generator} does not exist` });
  }
  const declaredTimeLimitMs = problem && duet ? await declaredTimeLimit(tree, problem, duet) : null;

  if (issues.length || !problem || !duet) return { problem: null, issues, warnings };
  const loaded: LoadedProblem = {
    id,
    dir: tree.root,
    problem,
    duet,
    statementPath,
    tests,
    submissions,
    outputValidator,
    declaredTimeLimitMs,
    limits: limitsOf(problem),
    format,
    constants,
    include,
    warnings,
  };
  return { problem: loaded, issues: [], warnings };
}

/** Load one problem folder on its own (complexity CLI, Kattis import); throws PackValidationError with every issue. */
export async function loadProblem(dir: string, options: LoadProblemOptions = {}): Promise<LoadedProblem> {
  const { problem, issues } = await inspectProblem(dir, options);
  if (!problem) throw new PackValidationError(issues, `problem ${path.resolve(dir)}`);
  return problem;
}

async function readYaml<S extends z.ZodType>(
  tree: FsTree,
  file: string,
  schema: S,
  why: string,
): Promise<{ data: z.output<S> | undefined; raw: unknown; text: string } | undefined> {
  if ((await tree.kind(file)) !== 'file') {
    tree.issues.push({ file, message: `missing: ${why}` });
    return undefined;
  }
  const text = await tree.read(file);
  if (text === null) return undefined;
  const { data, raw, issues } = parseYamlWith(text, file, schema);
  tree.issues.push(...issues);
  return { data, raw, text };
}

/** What problem.yaml's schema cannot say: types Duet cannot judge, languages without Python, a missing uuid. */
function checkProblemYaml(tree: FsTree, problem: ProblemYaml): void {
  tree.issues.push(...unsupportedTypeIssues(problem));
  const languages = problem.languages;
  const codes = typeof languages === 'string' ? languages.split(/\s+/) : (languages ?? ['all']);
  if (!codes.includes('all') && !codes.includes('python3')) {
    tree.issues.push({ file: 'problem.yaml', field: 'languages', message: 'does not allow python3, the language Duet judges: expected "all" or a list with python3' });
  }
  if (!isLegacyProblemYaml(problem) && problem.uuid === undefined) {
    tree.warnings.push({ file: 'problem.yaml', field: 'uuid', message: `missing: ${problem.problem_format_version} requires a uuid that identifies the problem across versions` });
  }
}

/** Whether the problem is judged by its own output validator rather than the Kattis default. */
export function usesCustomValidation(problem: ProblemYaml, hasValidator: boolean): boolean {
  if (isLegacyProblemYaml(problem)) return (problem.validation ?? 'default').startsWith('custom');
  return hasValidator; // 2023-07+: an output_validator/ folder is what makes validation custom.
}

function checkConsistency(tree: FsTree, problem: ProblemYaml, duet: DuetYaml, validator: OutputValidatorFiles | null): void {
  const custom = usesCustomValidation(problem, validator !== null);
  if (custom && isLegacyProblemYaml(problem) && !validator && !tree.issues.some((i) => i.file.startsWith('output_validators'))) {
    tree.issues.push({
      file: 'problem.yaml',
      field: 'validation',
      message: `is "${problem.validation}" but there is no output validator: expected its sources in output_validators/<name>/`,
    });
  }
  if (custom && duet.checker === 'exact') {
    tree.issues.push({
      file: 'duet.yaml',
      field: 'checker',
      message: 'is "exact" but problem.yaml uses a custom output validator: expected "default" (which runs the validator)',
    });
  }
}

async function declaredTimeLimit(tree: FsTree, problem: ProblemYaml, duet: DuetYaml): Promise<number | null> {
  if (duet.time_limit !== undefined) return Math.round(duet.time_limit * 1000);
  if (!isLegacyProblemYaml(problem) && problem.limits?.time_limit !== undefined) return Math.round(problem.limits.time_limit * 1000);
  if ((await tree.kind('.timelimit')) !== 'file') return null;
  const text = (await tree.read('.timelimit'))?.trim() ?? '';
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(seconds > 0)) {
    tree.issues.push({ file: '.timelimit', message: `expected a positive number of seconds, got ${JSON.stringify(text.slice(0, 40))}` });
    return null;
  }
  return Math.round(seconds * 1000);
}

function limitsOf(problem: ProblemYaml): ProblemLimits {
  const memoryMb = problem.limits?.memory ?? DEFAULT_MEMORY_MB;
  const outputKb = Math.round((problem.limits?.output ?? DEFAULT_OUTPUT_MB) * 1024);
  if (isLegacyProblemYaml(problem)) {
    return { timeMultiplier: problem.limits?.time_multiplier ?? 5, timeSafetyMargin: problem.limits?.time_safety_margin ?? 2, memoryMb, outputKb };
  }
  const m = problem.limits?.time_multipliers;
  return { timeMultiplier: m?.ac_to_time_limit ?? 2, timeSafetyMargin: m?.time_limit_to_tle ?? 1.5, memoryMb, outputKb };
}

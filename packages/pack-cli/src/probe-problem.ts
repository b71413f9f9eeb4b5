import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import {
  duetYamlSchema,
  inspectProblem,
  PackValidationError,
  parseYamlWith,
  problemYamlSchema,
  type DuetYaml,
  type PackIssue,
} from '@duet/sdk/pack';
import { DEFAULT_MEMORY_MB } from '@duet/sdk/run';

/** What the complexity probe needs of a problem folder. */
export interface ProbeProblem {
  id: string;
  dir: string;
  duet: DuetYaml;
  memoryMb: number;
}

/**
 * Issues of a problem folder that do not concern a complexity probe: it needs no statement, no test
 * data and no submissions (issue 3: "a problem folder that has only problem.yaml, duet.yaml and the
 * generator"). Only absences are forgiven; malformed data or submissions are still reported.
 */
function irrelevantToProbe(issue: PackIssue): boolean {
  if (issue.file === 'problem_statement') return true;
  if (issue.file === 'data' || issue.file === 'data/secret') return issue.message.startsWith('missing folder') || issue.message.startsWith('no tests');
  if (issue.file === 'submissions') return issue.message.startsWith('missing folder');
  if (issue.file === 'submissions/accepted') return issue.message.startsWith('no accepted submission');
  return false;
}

/**
 * Loads a problem folder for `duet-pack complexity`. The SDK's loader wants a statement and
 * data/secret, which a probe does not: every other issue (bad YAML, unknown keys, a missing
 * generator) is still reported, all at once, naming the file and field.
 */
export async function loadProbeProblem(dir: string): Promise<ProbeProblem> {
  const { problem, issues } = await inspectProblem(dir, { requireDuetYaml: true });
  if (problem) return { id: problem.id, dir: problem.dir, duet: problem.duet, memoryMb: problem.limits.memoryMb };
  const relevant = issues.filter((issue) => !irrelevantToProbe(issue));
  if (relevant.length > 0) throw new PackValidationError(relevant, `problem ${dir}`);
  // Only statement/data issues: both YAML files parsed cleanly above, so these parses succeed.
  const problemYaml = parseYamlWith(await readFile(join(dir, 'problem.yaml'), 'utf8'), 'problem.yaml', problemYamlSchema).data;
  const duet = parseYamlWith(await readFile(join(dir, 'duet.yaml'), 'utf8'), 'duet.yaml', duetYamlSchema).data;
  if (!problemYaml || !duet) throw new PackValidationError(issues, `problem ${dir}`);
  const abs = resolve(dir);
  return { id: basename(abs), dir: abs, duet, memoryMb: problemYaml.limits?.memory ?? DEFAULT_MEMORY_MB };
}

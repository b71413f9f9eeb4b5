import { relative } from 'node:path';
import { formatWarnings, importKattisProblem, type LoadedProblem } from '@duet/sdk/pack';
import type { CommandContext } from '../context.js';
import { EXIT_CODES, type ExitCode } from '../exit-error.js';

/** `duet-pack import-kattis <problem-dir> <pack-dir>`: add an unchanged Kattis package as a problem. */
export async function importKattisCommand(
  context: CommandContext,
  problemDir: string,
  packDir: string,
  options: { id?: string },
): Promise<ExitCode> {
  const packPath = context.path(packDir);
  const problem = await importKattisProblem(
    context.path(problemDir),
    packPath,
    options.id === undefined ? {} : { id: options.id },
  );
  context.out(describeImport(problem, relative(packPath, problem.dir), packDir));
  return EXIT_CODES.ok;
}

/** What an author wants to check after an import: where it went and what Duet recognised. */
function describeImport(problem: LoadedProblem, where: string, packDir: string): string {
  const count = (group: string) => problem.tests.filter((t) => t.group === group).length;
  const runnable = problem.submissions.filter((s) => s.language === 'python').length;
  const format = problem.format === 'legacy' ? 'legacy' : problem.problem.problem_format_version;
  const skipped = problem.submissions.length - runnable;
  const validator = problem.outputValidator
    ? `custom output validator (${problem.outputValidator.language}, ${problem.outputValidator.files.length} files)`
    : 'Kattis default validator';
  const timeLimit =
    problem.declaredTimeLimitMs === null
      ? 'computed by `duet-pack test` from the accepted submissions'
      : `${problem.declaredTimeLimitMs} ms (declared)`;
  const warnings = problem.warnings.map((w) => ({ ...w, file: `${where}/${w.file}` }));
  return [
    ...(warnings.length ? [formatWarnings(warnings)] : []),
    `Imported problem '${problem.id}' into ${where}/ and added it to pack.yaml`,
    `  format:      ${format}`,
    `  tests:       ${count('sample')} sample, ${count('secret')} secret`,
    `  submissions: ${runnable} Python${skipped ? `, ${skipped} in other languages (listed, not judged)` : ''}`,
    `  checker:     ${validator}`,
    `  time limit:  ${timeLimit}`,
    `  statement:   ${problem.statementPath ? relative(problem.dir, problem.statementPath) : 'none'}`,
    '',
    `Next: review ${where}/duet.yaml (interface, difficulty, tags), then run: duet-pack test ${packDir} --problem ${problem.id}`,
    '',
  ].join('\n');
}

import { formatWarnings, loadPack, testProblem, type ProblemOutcome, type ProblemProbe, type SubmissionOutcome } from '@duet/sdk/pack';
import { DEFAULT_PROBE_BUDGET_MS } from '@duet/sdk/run';
import type { CommandContext } from '../context.js';
import { EXIT_CODES, ExitError, type ExitCode } from '../exit-error.js';
import { openJudgeSession } from '../judge-session.js';
import { createProgress } from '../progress.js';
import { formatTable } from '../table.js';

export interface TestOptions {
  problem?: string;
  json?: boolean;
  /** false (`--no-complexity`): do not probe accepted submissions. */
  complexity?: boolean;
}

/** `duet-pack test <dir>`: every submission gets the verdict its directory promises, or exit 1. */
export async function testCommand(context: CommandContext, dir: string, options: TestOptions): Promise<ExitCode> {
  const pack = await loadPack(context.path(dir));
  const problems = options.problem ? pack.problems.filter((p) => p.id === options.problem) : pack.problems;
  if (options.problem && problems.length === 0) {
    const known = pack.problems.map((p) => p.id).join(', ') || '(none)';
    throw new ExitError(EXIT_CODES.invalidInput, `no problem '${options.problem}' in ${dir} (problems: ${known})`);
  }
  // Warnings of the problems being tested: allowed, but they change what is judged (e.g. no hidden tests).
  const warnings = pack.warnings.filter((w) => problems.some((p) => w.file.startsWith(`problems/${p.id}/`)));
  if (warnings.length && !options.json) context.out(`${formatWarnings(warnings)}\n`);
  const session = await openJudgeSession();
  const progress = createProgress(context.io);
  const started = performance.now();
  const outcomes: ProblemOutcome[] = [];
  for (const problem of problems) {
    const outcome = await testProblem(problem, session, {
      complexity: options.complexity !== false,
      onProgress: (text) => progress.update(text),
    });
    progress.clear();
    outcomes.push(outcome);
    if (!options.json) context.out(formatProblem(outcome));
  }
  const ok = outcomes.every((o) => o.ok);
  const seconds = (performance.now() - started) / 1000;
  if (options.json) {
    context.out(JSON.stringify({ ok, seconds: Number(seconds.toFixed(2)), warnings, problems: outcomes }, null, 2) + '\n');
  } else {
    context.out(summaryLine(outcomes, seconds));
  }
  return ok ? EXIT_CODES.ok : EXIT_CODES.checkFailed;
}

function formatProblem(outcome: ProblemOutcome): string {
  const rows = outcome.submissions.map((s) => [
    s.name,
    s.expected,
    s.got ?? '-',
    s.total === undefined ? '-' : `${s.passed}/${s.total}`,
    s.max_cpu_ms === undefined ? '-' : String(Math.round(s.max_cpu_ms)),
    s.max_memory_kb === undefined ? '-' : (s.max_memory_kb / 1024).toFixed(1),
    s.complexity?.time ?? '-',
    s.complexity?.space ?? '-',
    resultLabel(s),
    s.status === 'ok' ? '' : (s.note ?? ''),
  ]);
  const table = formatTable(
    [
      { header: 'submission' },
      { header: 'expected' },
      { header: 'got' },
      { header: 'passed', align: 'right' },
      { header: 'max cpu ms', align: 'right' },
      { header: 'max mem MiB', align: 'right' },
      { header: 'time' },
      { header: 'space' },
      { header: 'result' },
      { header: 'note' },
    ],
    rows,
  );
  const probe = outcome.complexity ? `\n${probeText(outcome.complexity)}` : '';
  const validator = outcome.validator
    ? outcome.validator.ok
      ? '\noutput validator: rejects hostile output (invalid UTF-8, empty, one huge token) without crashing'
      : `\n${outcome.validator.failures.map((f) => `MISMATCH ${f}`).join('\n')}`
    : '';
  return `${outcome.id}: ${outcome.tests} tests, time limit ${timeLimitText(outcome)}${probe}${validator}\n${table}\n`;
}

/** Says what the time/space columns hold and why most rows have none. */
function probeText(probe: ProblemProbe): string {
  const expected = [
    probe.expected_time ? `time ${probe.expected_time}` : null,
    probe.expected_space ? `space ${probe.expected_space}` : null,
  ].filter((part) => part !== null);
  const against = expected.length ? `expected ${expected.join(', ')}` : 'no expected classes declared';
  return (
    `complexity: ${against}; probed accepted submissions that got AC only ` +
    `(${(probe.budget_ms / 1000).toFixed(0)} s each; a slower result is re-checked at ${DEFAULT_PROBE_BUDGET_MS / 1000} s)`
  );
}

function resultLabel(s: SubmissionOutcome): string {
  return s.status === 'ok' ? 'ok' : s.status === 'skipped' ? 'skipped' : 'MISMATCH';
}

function timeLimitText(outcome: ProblemOutcome): string {
  if (outcome.time_limit_source === 'declared') return `${outcome.time_limit_ms} ms (declared)`;
  const from = outcome.time_limit_from;
  if (!from) return `${outcome.time_limit_ms} ms (computed; no accepted submission passed)`;
  return `${outcome.time_limit_ms} ms (computed: ${from.submission} took ${from.cpu_ms} ms cpu on ${from.test}, × time_multiplier)`;
}

function summaryLine(outcomes: readonly ProblemOutcome[], seconds: number): string {
  const all = outcomes.flatMap((o) => o.submissions);
  const count = (status: SubmissionOutcome['status']) => all.filter((s) => s.status === status).length;
  const problems = outcomes.length === 1 ? '1 problem' : `${outcomes.length} problems`;
  const verdict = count('mismatch') === 0 ? 'PASS' : 'FAIL';
  return (
    `${verdict}: ${problems}, ${all.length} submissions: ${count('ok')} ok, ${count('mismatch')} mismatched, ` +
    `${count('skipped')} skipped (${seconds.toFixed(1)} s)\n`
  );
}

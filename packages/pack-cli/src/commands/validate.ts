import { formatIssues, formatWarnings, validatePack } from '@duet/sdk/pack';
import type { CommandContext } from '../context.js';
import { EXIT_CODES, type ExitCode } from '../exit-error.js';

/** `duet-pack validate <dir>`: every issue at once; exit 2 when there is any (warnings alone pass). */
export async function validateCommand(context: CommandContext, dir: string, options: { json?: boolean }): Promise<ExitCode> {
  const result = await validatePack(context.path(dir));
  if (options.json) {
    context.out(JSON.stringify({ ok: result.ok, issues: result.issues, warnings: result.warnings }, null, 2) + '\n');
    return result.ok ? EXIT_CODES.ok : EXIT_CODES.invalidInput;
  }
  if (result.warnings.length) context.out(`${formatWarnings(result.warnings)}\n`);
  if (result.pack) {
    const { manifest, problems } = result.pack;
    const list = problems.map((p) => `  ${p.id}: ${p.tests.length} tests, ${p.submissions.length} submissions`);
    context.out([`${dir}: valid: ${manifest.name}@${manifest.version}, ${problems.length} problems`, ...list, ''].join('\n'));
  } else {
    const count = result.issues.length === 1 ? '1 issue' : `${result.issues.length} issues`;
    context.out(`${formatIssues(result.issues)}\n`);
    context.io.stderr.write(`duet-pack: ${dir} is invalid (${count})\n`);
  }
  return result.ok ? EXIT_CODES.ok : EXIT_CODES.invalidInput;
}

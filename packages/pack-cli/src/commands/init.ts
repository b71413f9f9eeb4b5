import { relative } from 'node:path';
import { scaffoldPack } from '@duet/sdk/pack';
import type { CommandContext } from '../context.js';
import { EXIT_CODES, type ExitCode } from '../exit-error.js';

/** `duet-pack init <dir>`: a new pack with one example problem that passes `validate` and `test`. */
export async function initCommand(context: CommandContext, dir: string, options: { name?: string }): Promise<ExitCode> {
  const target = context.path(dir);
  await scaffoldPack(target, options.name === undefined ? {} : { name: options.name });
  const shown = relative(context.path('.'), target) || '.';
  context.out(
    [
      `Created a Duet pack in ${shown}`,
      '',
      'Next steps:',
      `  1. Edit ${shown}/pack.yaml (name, title, license, price).`,
      `  2. Write problems under ${shown}/problems/<id>/: statement, data/sample and data/secret tests,`,
      '     submissions/accepted/ and submissions/wrong_answer/ solutions.',
      `  3. duet-pack validate ${shown}`,
      `  4. duet-pack test ${shown}      # every submission must get the verdict its folder promises`,
      `  5. duet-pack run ${shown} <problem> solution.py --samples`,
      '',
    ].join('\n'),
  );
  return EXIT_CODES.ok;
}

import { Command, Option } from 'commander';
import type { CommandContext } from './context.js';
import type { ExitCode } from './exit-error.js';
import { packageVersion } from './version.js';

/**
 * The command tree. Command modules are imported lazily so `duet-pack --help` and `init` do not
 * load the judge. Each action stores its exit code in `result.code`.
 */
export function buildProgram(context: CommandContext, result: { code: ExitCode }): Command {
  const program = new Command('duet-pack')
    .description('Author, validate, test and judge Duet problem packs.')
    .version(packageVersion(), '-V, --version', 'print the duet-pack version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => void context.io.stdout.write(text),
      writeErr: (text) => void context.io.stderr.write(text),
    })
    .exitOverride();

  program
    .command('init')
    .description('create a new pack with one example problem')
    .argument('<dir>', 'directory to create (must be empty or absent)')
    .option('--name <name>', 'pack name, npm style: @scope/name')
    .action(async (dir: string, options: { name?: string }) => {
      const { initCommand } = await import('./commands/init.js');
      result.code = await initCommand(context, dir, options);
    });

  program
    .command('validate')
    .description('check a pack against the pack format and list every problem found')
    .argument('<dir>', 'pack directory')
    .option('--json', 'print {"ok", "issues", "warnings"} as JSON')
    .action(async (dir: string, options: { json?: boolean }) => {
      const { validateCommand } = await import('./commands/validate.js');
      result.code = await validateCommand(context, dir, options);
    });

  program
    .command('test')
    .description(
      "judge every submission of every problem on all data and check it meets its folder's (and submissions.yaml's) requirements",
    )
    .argument('<dir>', 'pack directory')
    .option('--problem <id>', 'test only this problem')
    .option('--json', 'print a machine-readable report')
    .option('--no-complexity', "skip the complexity probe of accepted submissions (duet.yaml complexity)")
    .action(async (dir: string, options: { problem?: string; json?: boolean; complexity?: boolean }) => {
      const { testCommand } = await import('./commands/test.js');
      result.code = await testCommand(context, dir, options);
    });

  program
    .command('run')
    .description('judge one solution file: hidden tests by default, samples with --samples, or one custom input')
    .argument('<dir>', 'pack directory')
    .argument('<problem>', 'problem id')
    .argument('<file>', 'solution file (Python)')
    .addOption(new Option('--stdin <file>', 'run once on this input and show stdout and stderr').conflicts('samples'))
    .option('--samples', 'judge on the sample tests (shows output and diffs)')
    .option('--json', 'print the result as JSON')
    .action(
      async (dir: string, problem: string, file: string, options: { stdin?: string; samples?: boolean; json?: boolean }) => {
        const { runCommand } = await import('./commands/run.js');
        result.code = await runCommand(context, dir, problem, file, options);
      },
    );

  program
    .command('complexity')
    .description("measure a solution's time and space complexity classes with the problem's probe (duet.yaml complexity.generator)")
    .argument('<problem-dir>', 'problem folder (problem.yaml, duet.yaml and the generator are enough)')
    .argument('<file>', 'solution file (Python)')
    .option('--json', 'print {"time", "space"} with class, confidence and points as JSON')
    .option('--budget <seconds>', 'seconds of analysis (default 5)')
    .action(async (problemDir: string, file: string, options: { json?: boolean; budget?: string }) => {
      const { complexityCommand } = await import('./commands/complexity.js');
      result.code = await complexityCommand(context, problemDir, file, options);
    });

  program
    .command('import-kattis')
    .description('copy a Kattis problem package into a pack as a new problem')
    .argument('<problem-dir>', 'Kattis problem package directory')
    .argument('<pack-dir>', 'pack directory to add it to')
    .option('--id <id>', 'problem id in the pack (default: the directory name)')
    .action(async (problemDir: string, packDir: string, options: { id?: string }) => {
      const { importKattisCommand } = await import('./commands/import-kattis.js');
      result.code = await importKattisCommand(context, problemDir, packDir, options);
    });

  program
    .command('login')
    .description('store an org API key for a marketplace (read from standard input, or a hidden prompt on a terminal)')
    .option('--registry <url>', 'the marketplace URL (default: $DUET_REGISTRY, else http://127.0.0.1:4000)')
    .action(async (options: { registry?: string }) => {
      const { loginCommand } = await import('./commands/login.js');
      result.code = await loginCommand(context, options);
    });

  program
    .command('publish')
    .description('validate, judge every submission, pack a deterministic tarball and publish it to the marketplace')
    .argument('[dir]', 'pack directory', '.')
    .option('--tag <tag>', 'the dist-tag to point at the new version (default latest; prereleases need one)')
    .option('--dry-run', 'do everything but the upload: print the tarball and its integrity')
    .option('--registry <url>', 'the marketplace URL (default: $DUET_REGISTRY, else http://127.0.0.1:4000)')
    .option('--json', 'print {name, version, integrity, size, files, tag} as JSON')
    .action(async (dir: string, options: { tag?: string; dryRun?: boolean; registry?: string; json?: boolean }) => {
      const { publishCommand } = await import('./commands/publish.js');
      result.code = await publishCommand(context, dir, options);
    });

  return program;
}

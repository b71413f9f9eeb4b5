/**
 * A custom output validator meets hostile output on every hidden test of a marketplace pack: any
 * bytes a program may print. Before a pack is accepted, its validator is fed such output (invalid
 * UTF-8, nothing at all, one huge token) on a real test, and must reject it (WA) or accept it, not
 * crash: a crash is a judge error on every test a hostile submission reaches.
 */
import type { RunResult } from '../../judge/verdict.js';
import { bundleFromProblem } from '../run-bundle.js';
import type { LoadedProblem } from '../types.js';
import type { PackJudge } from './pack-judge.js';

/** Output as a stdio program would print it, and as a function's return value (its JSON). */
const HOSTILE_OUTPUTS = [
  { what: 'invalid UTF-8', stdio: "import sys\nsys.stdout.buffer.write(b'\\xff\\xfe\\x80 caf\\xc3 \\xed\\xa0\\x80\\n')\n", returns: "'\\udcff\\udc80'" },
  { what: 'empty', stdio: 'pass\n', returns: 'None' },
  { what: 'one huge token', stdio: "import sys\nsys.stdout.write('9' * (4 << 20))\n", returns: "'9' * (4 << 20)" },
] as const;

export interface ValidatorRobustness {
  ok: boolean;
  /** One line per hostile output the validator crashed on. */
  failures: string[];
}

/** Null when the problem has no custom output validator. */
export async function checkValidatorRobustness(problem: LoadedProblem, session: PackJudge, timeLimitMs: number): Promise<ValidatorRobustness | null> {
  if (!problem.outputValidator) return null;
  const iface = problem.duet.interface;
  const failures: string[] = [];
  for (const hostile of HOSTILE_OUTPUTS) {
    const code =
      iface.type === 'function'
        ? `def ${iface.entry}(*args, **kwargs):\n    return ${hostile.returns}\n\nclass Solution:\n    def ${iface.entry}(self, *args, **kwargs):\n        return ${hostile.returns}\n`
        : hostile.stdio;
    const bundle = await bundleFromProblem(problem, { code, kind: 'sample', data: 'all', timeLimitMs });
    const first = bundle.tests[0];
    if (!first) return null;
    const run: RunResult = await session.judge({ ...bundle, tests: [first] });
    const test = run.tests[0];
    if (run.verdict === 'IE' || test?.verdict === 'IE') {
      const why = test?.message ?? run.internal_error ?? 'judge error';
      failures.push(`the output validator crashed on ${hostile.what} output instead of rejecting it (${first.name}): ${why.slice(0, 300)}`);
    }
  }
  return { ok: failures.length === 0, failures };
}

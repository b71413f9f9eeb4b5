import { readFile } from 'node:fs/promises';
import type { RunBundle } from '@duet/judge';
import type { RunKind } from '@duet/sdk/judge';
import { checkerSpecFor, type LoadedProblem } from '@duet/sdk/pack';
import { probeSpecFor } from './probe-spec.js';

/** Which of a problem's tests a bundle carries: `all` (samples then secret) is what `test` judges. */
export type BundleData = 'sample' | 'secret' | 'all';

export interface BundleOptions {
  code: string;
  kind: RunKind;
  timeLimitMs: number;
  /** The one input of a `custom` run. */
  stdin?: string;
  /** Overrides the tests implied by `kind` (sample → sample, submit → secret). */
  data?: BundleData;
  /**
   * Submit runs on a problem whose duet.yaml declares `complexity.generator` carry the probe, so
   * the judge reports time/space classes after the tests. `false` leaves it out (calibration runs).
   */
  complexity?: boolean;
}

type LoadedTest = LoadedProblem['tests'][number];

/** Kattis: data/sample is public, data/secret (with its subgroups) is hidden. */
export function isSampleTest(test: LoadedTest): boolean {
  return test.group === 'sample';
}

export function testsFor(problem: LoadedProblem, data: BundleData): LoadedTest[] {
  if (data === 'all') return [...problem.tests.filter(isSampleTest), ...problem.tests.filter((t) => !isSampleTest(t))];
  return problem.tests.filter((t) => isSampleTest(t) === (data === 'sample'));
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
      : await readTests(testsFor(problem, options.data ?? (options.kind === 'sample' ? 'sample' : 'secret')));
  const iface = problem.duet.interface;
  const probe = options.kind === 'submit' && options.complexity !== false ? await probeSpecFor(problem) : null;
  return {
    kind: options.kind,
    language: 'python',
    code: options.code,
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

async function readTests(tests: readonly LoadedTest[]): Promise<RunBundle['tests']> {
  return Promise.all(
    tests.map(async (test) => ({
      name: test.name,
      input: await readFile(test.inputPath, 'utf8'),
      answer: await readFile(test.answerPath, 'utf8'),
    })),
  );
}

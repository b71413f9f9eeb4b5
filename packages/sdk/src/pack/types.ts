import type { ValidatorLanguage } from '../judge/checker-spec.js';
import type { DuetYaml } from './duet-yaml.js';
import type { PackManifest } from './pack-yaml.js';
import type { ProblemYaml } from './problem-yaml.js';

export const SUBMISSION_EXPECTATIONS = [
  'accepted',
  'wrong_answer',
  'time_limit_exceeded',
  'run_time_error',
  'memory_limit_exceeded',
] as const;
export type SubmissionExpectation = (typeof SUBMISSION_EXPECTATIONS)[number];

export type TestGroup = 'sample' | 'secret';

export interface TestCaseFiles {
  /** Path under data/ without extension, e.g. "secret/03-large" or "secret/group1/01". */
  name: string;
  group: TestGroup;
  inputPath: string;
  answerPath: string;
}

export interface SubmissionFile {
  /** Path under submissions/, e.g. "accepted/solution.py". */
  name: string;
  /** Absolute path of the file (or folder, for a multi-file submission). */
  path: string;
  expected: SubmissionExpectation;
  /** Duet judges single-file Python submissions; anything else is loaded but not run. */
  language: 'python' | 'unsupported';
}

export interface OutputValidatorFiles {
  /** Absolute path of the validator's folder. */
  dir: string;
  language: ValidatorLanguage;
  /** Paths relative to `dir`. */
  files: string[];
}

export interface ProblemLimits {
  /** Kattis: time limit = slowest accepted × timeMultiplier. */
  timeMultiplier: number;
  /** Kattis: submissions must fail within time limit × timeSafetyMargin to count as TLE. */
  timeSafetyMargin: number;
  memoryMb: number;
  outputKb: number;
}

export interface LoadedProblem {
  id: string;
  /** Absolute path of the problem folder. */
  dir: string;
  problem: ProblemYaml;
  duet: DuetYaml;
  /** Absolute path of the statement, or null when there is none. */
  statementPath: string | null;
  tests: TestCaseFiles[];
  submissions: SubmissionFile[];
  outputValidator: OutputValidatorFiles | null;
  /** duet.yaml time_limit, limits.time_limit (2023-07+), or a `.timelimit` file; null = compute it. */
  declaredTimeLimitMs: number | null;
  limits: ProblemLimits;
}

export interface LoadedPack {
  /** Absolute path of the pack folder. */
  dir: string;
  manifest: PackManifest;
  problems: LoadedProblem[];
}

import type { ValidatorLanguage } from '../judge/checker-spec.js';
import type { Constants } from './constants.js';
import type { DuetYaml } from './duet-yaml.js';
import type { PackIssue } from './errors.js';
import type { PackManifest } from './pack-yaml.js';
import type { FormatGeneration, ProblemYaml } from './problem-yaml.js';
import type { SubmissionRequirement } from './submission-rules.js';

/** The submissions/ folders of the legacy format (plus Duet's memory_limit_exceeded). */
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
  /** 2023-07+: the test's `output_validator_args` (its own .yaml, else the nearest group that sets them). */
  validatorArgs?: string[];
}

export interface SubmissionFile {
  /** Path under submissions/, e.g. "accepted/solution.py". */
  name: string;
  /** Absolute path of the file (or folder, for a multi-file submission). */
  path: string;
  /** The folder under submissions/, e.g. "accepted". */
  category: string;
  /** Duet judges Python 3 submissions (one file, or a folder of .py files); others are listed, not run. */
  language: 'python' | 'unsupported';
  /** submissions.yaml `entrypoint` of a multi-file submission. */
  entrypoint?: string;
  /** What it must do on the tests: its folder's default, then submissions.yaml's matching globs. */
  requirements: SubmissionRequirement[];
}

/** include/python3/ (else include/default/): files added to every Python submission. */
export interface IncludedFiles {
  /** Absolute path of the folder. */
  dir: string;
  /** Paths relative to `dir`. */
  files: string[];
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
  /** Which format's rules apply (from problem_format_version). */
  format: FormatGeneration;
  /** problem.yaml `constants`, each as written (2023-07+; empty otherwise). */
  constants: Constants;
  include: IncludedFiles | null;
  /** What is allowed but worth the author's attention (e.g. no hidden tests); paths relative to `dir`. */
  warnings: PackIssue[];
}

export interface LoadedPack {
  /** Absolute path of the pack folder. */
  dir: string;
  manifest: PackManifest;
  problems: LoadedProblem[];
  /** Every problem's warnings, paths relative to the pack. */
  warnings: PackIssue[];
}

import { readFile } from 'node:fs/promises';
import type { ProblemPublicView } from '@duet/sdk/api';
import { bundleFromProblem, PackValidationError, problemName, type LoadedProblem } from '@duet/sdk/pack';
import { DuetError, parseProblemData, type ProblemData } from '@duet/sdk/run';
import { difficultyOf } from '../packs/views.js';

/** What a version stores per problem: the public view (anyone), the judge data (judges only) and search text. */
export interface ProblemArtifacts {
  slug: string;
  title: string;
  difficulty: string | null;
  tags: string[];
  interfaceType: 'stdio' | 'function';
  timeLimitMs: number;
  statement: string;
  publicView: ProblemPublicView;
  data: ProblemData;
}

/**
 * The public view and the judge data of a loaded problem, at the time limit the publish checks
 * settled on. The public view is built field by field from public parts only (statement, samples,
 * limits, interface, starter code, expected classes); tests, validators and generators go into the
 * judge data, which is stored as a blob and never shown.
 */
export async function problemArtifacts(problem: LoadedProblem, timeLimitMs: number): Promise<ProblemArtifacts> {
  const samples = await bundleFromProblem(problem, { code: '', kind: 'sample', data: 'sample', timeLimitMs, complexity: false });
  const hidden = await bundleFromProblem(problem, { code: '', kind: 'submit', data: 'secret', timeLimitMs });
  let data: ProblemData;
  try {
    data = parseProblemData({
      format: 1,
      interface: hidden.interface,
      limits: hidden.limits,
      checker: hidden.checker,
      tests: { sample: samples.tests, secret: hidden.tests },
      ...(hidden.complexity ? { complexity: hidden.complexity } : {}),
    });
  } catch (error) {
    const message = error instanceof DuetError ? error.message.replace(/^problem data: /, '') : String(error);
    throw new PackValidationError([{ file: `problems/${problem.id}`, message: `cannot be judged: ${message}` }], `problem ${problem.id}`);
  }
  const statementPath = problem.statementPath;
  const statement = statementPath ? await readFile(statementPath, 'utf8') : '';
  const iface = problem.duet.interface;
  const expected = problem.duet.complexity;
  const title = problemName(problem.problem, problem.id);
  const publicView: ProblemPublicView = {
    id: problem.id,
    title,
    statement,
    statementFormat: statementPath === null ? 'none' : statementPath.endsWith('.tex') ? 'latex' : 'markdown',
    difficulty: difficultyOf(problem.duet.difficulty ?? null),
    tags: problem.duet.tags,
    interface: iface,
    limits: { timeMs: timeLimitMs, memoryMb: problem.limits.memoryMb, outputKb: problem.limits.outputKb },
    samples: samples.tests.map((t) => ({ name: t.name, input: t.input, answer: t.answer ?? '' })),
    starter: problem.duet.starter.python === undefined ? {} : { python: problem.duet.starter.python },
    complexity:
      expected?.expected_time || expected?.expected_space
        ? { expectedTime: expected.expected_time ?? null, expectedSpace: expected.expected_space ?? null }
        : null,
    checker: data.checker.type,
  };
  return {
    slug: problem.id,
    title,
    difficulty: problem.duet.difficulty ?? null,
    tags: problem.duet.tags,
    interfaceType: iface.type,
    timeLimitMs,
    statement,
    publicView,
    data,
  };
}

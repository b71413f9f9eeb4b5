import type { PackIssue } from './errors.js';
import { isLegacyProblemYaml, type ProblemYaml } from './problem-yaml.js';

/** Duet's judge runs pass-fail problems only: one run per test, a verdict, no score. */
const UNSUPPORTED: Record<string, string> = {
  scoring: 'scoring (a score per test group)',
  interactive: 'interactive (the validator talks to the submission)',
  'multi-pass': 'multi-pass (the validator feeds the next pass)',
  'submit-answer': 'submit-answer (answers instead of a program)',
};

/**
 * One issue per problem type Duet cannot judge, naming it: legacy `type: scoring` and
 * `validation: custom interactive|score`; 2023-07+ `type` (a string or a list).
 */
export function unsupportedTypeIssues(problem: ProblemYaml): PackIssue[] {
  const found: Array<{ field: string; type: string }> = [];
  if (isLegacyProblemYaml(problem)) {
    if (problem.type === 'scoring') found.push({ field: 'type', type: 'scoring' });
    for (const word of (problem.validation ?? '').split(' ').slice(1)) {
      const type = word === 'score' ? 'scoring' : word;
      if (!found.some((f) => f.type === type)) found.push({ field: 'validation', type });
    }
  } else {
    for (const type of [problem.type ?? []].flat()) if (type !== 'pass-fail') found.push({ field: 'type', type });
  }
  return found
    .filter((f) => UNSUPPORTED[f.type] !== undefined)
    .map(({ field, type }) => ({
      file: 'problem.yaml',
      field,
      message: `Duet cannot judge ${UNSUPPORTED[type]} problems yet: expected a pass-fail problem judged by the default or a custom output validator`,
    }));
}

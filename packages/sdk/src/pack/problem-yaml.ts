import * as z from 'zod';
import { legacyProblemYaml, type LegacyProblemYaml } from './problem-yaml-legacy.js';
import { modernProblemYaml, type ModernProblemYaml } from './problem-yaml-modern.js';

/**
 * problem.yaml as the Kattis problem package format defines it (problemarchive.org): the legacy
 * format, plus the 2023-07 / 2025-09 keys when `problem_format_version` says so. Unknown keys are
 * errors, as in Kattis; Duet's own settings live in duet.yaml.
 */

export const PROBLEM_FORMAT_VERSIONS = ['legacy', 'legacy-icpc', '2023-07-draft', '2023-07', '2025-09'] as const;

export const problemYamlSchema = z.preprocess(
  // A problem.yaml without problem_format_version is legacy (the Kattis rule).
  (value) =>
    value && typeof value === 'object' && !Array.isArray(value) && !('problem_format_version' in value)
      ? { problem_format_version: 'legacy', ...value }
      : value,
  z.discriminatedUnion('problem_format_version', [legacyProblemYaml, modernProblemYaml]),
);

export type ProblemYaml = z.output<typeof problemYamlSchema>;
export type { LegacyProblemYaml, ModernProblemYaml };

export function isLegacyProblemYaml(problem: ProblemYaml): problem is LegacyProblemYaml {
  return problem.problem_format_version === 'legacy' || problem.problem_format_version === 'legacy-icpc';
}

/**
 * The generation of the format whose rules apply: `2023-07` (and its draft) names test group
 * settings `testdata.yaml`, `2025-09` names them `test_group.yaml`; otherwise the two agree.
 */
export type FormatGeneration = 'legacy' | '2023-07' | '2025-09';

export function formatGeneration(problem: { problem_format_version?: unknown }): FormatGeneration {
  // Also asked of a problem.yaml that failed validation, so its other files are read as its version says.
  const version = problem.problem_format_version;
  if (version === '2025-09') return '2025-09';
  return version === '2023-07' || version === '2023-07-draft' ? '2023-07' : 'legacy';
}

/** The problem's display name: `name` (in `lang` when it is a language map), else the fallback. */
export function problemName(problem: ProblemYaml, fallback: string, lang = 'en'): string {
  const name = problem.name;
  if (typeof name === 'string') return name;
  if (name) return name[lang] ?? Object.values(name)[0] ?? fallback;
  return fallback;
}

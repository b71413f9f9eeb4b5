import { describe, expect, test } from 'vitest';
import {
  duetYamlSchema,
  formatIssues,
  isLegacyProblemYaml,
  packYamlSchema,
  PackValidationError,
  parseValidatorFlags,
  parseYamlWith,
  problemName,
  problemYamlSchema,
} from './index.js';

const issuesOf = (text: string, schema: Parameters<typeof parseYamlWith>[2], file = 'problem.yaml') =>
  parseYamlWith(text, file, schema).issues;

describe('problem.yaml (Kattis legacy, strict)', () => {
  test('accepts every legacy key and defaults the format version to legacy', () => {
    const text = `name: Hello
uuid: 5ca6ba5b-36d4-4d4e-8d0a-2e5a4e3bd0f1
author: Ada Lovelace and Alan Turing
source: NCPC 2015
source_url: https://ncpc.example
license: cc by-sa
rights_owner: Ada
type: pass-fail
limits: {time_multiplier: 3, time_safety_margin: 1.5, memory: 1024, output: 16, code: 128,
  compilation_time: 60, compilation_memory: 2048, validation_time: 60, validation_memory: 2048, validation_output: 8}
validation: custom score
validator_flags: anything goes for a custom validator
keywords: graphs greedy
languages: python3 cpp
grading: {objective: max, show_test_data_groups: true, accept_score: 1, reject_score: 0, range: "0 1", on_reject: worst_error}
`;
    const { data, issues } = parseYamlWith(text, 'problem.yaml', problemYamlSchema);
    expect(issues).toEqual([]);
    expect(data?.problem_format_version).toBe('legacy');
    expect(data && problemName(data, 'x')).toBe('Hello');
  });

  test('rejects an unknown key, naming the field, its line and the allowed keys', () => {
    const issues = issuesOf('name: A\ntimelimit: 2\n', problemYamlSchema);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'problem.yaml', field: 'timelimit', line: 2, column: 1 });
    expect(issues[0]!.message).toMatch(/unknown key .*allowed keys: .*validator_flags/);
  });

  test('reports every wrong field at once with what is expected and what was found', () => {
    const issues = issuesOf('limits:\n  memory: lots\n  foo: 1\ntype: multi\nvalidator_flags: float_tolerance\n', problemYamlSchema);
    expect(formatIssues(issues).split('\n')).toEqual([
      'problem.yaml:2:11: limits.memory: expected a positive number of MiB, got "lots"',
      expect.stringMatching(/^problem\.yaml:3:3: limits\.foo: unknown key/),
      'problem.yaml:4:7: type: expected "pass-fail" or "scoring", got "multi"',
      'problem.yaml:5:18: validator_flags: float_tolerance needs a number after it, e.g. "float_tolerance 1e-6"',
    ]);
  });

  test('2023-07 keys are accepted only when problem_format_version says so', () => {
    const modern = `problem_format_version: 2023-07-draft
name: {en: Hello, sv: Hej}
uuid: 5ca6ba5b-36d4-4d4e-8d0a-2e5a4e3bd0f1
type: [pass-fail]
credits: {authors: [Ada]}
source: [{name: NCPC, url: https://ncpc.example}]
limits: {time_limit: 2.5, time_multipliers: {ac_to_time_limit: 3}, memory: 512}
keywords: [graphs]
languages: all
allow_file_writing: false
constants: {maxn: 100000}
`;
    const parsed = parseYamlWith(modern, 'problem.yaml', problemYamlSchema);
    expect(parsed.issues).toEqual([]);
    expect(parsed.data && problemName(parsed.data, 'x', 'sv')).toBe('Hej');
    expect(parsed.data && problemName(parsed.data, 'x')).toBe('Hello');

    const legacy = issuesOf('name: A\nlimits: {time_limit: 2}\nkeywords: [a]\n', problemYamlSchema);
    expect(legacy.map((i) => i.field)).toEqual(['limits.time_limit', 'keywords']);
    const unknownVersion = issuesOf('problem_format_version: "2019"\nname: A\n', problemYamlSchema);
    expect(unknownVersion[0]).toMatchObject({ field: 'problem_format_version' });
    expect(unknownVersion[0]!.message).toContain('"legacy" or "legacy-icpc" or "2023-07-draft" or "2023-07" or "2025-09", got "2019"');
  });

  test('legacy as contest archives write it: name as a language map, keys with empty values', () => {
    const { data, issues } = parseYamlWith('name:\n  en: Hello\n  sv: Hej\nsource: NWERC\nsource_url:\nvalidator_flags:\nlicense: cc by\n', 'problem.yaml', problemYamlSchema);
    expect(issues).toEqual([]);
    expect(data && problemName(data, 'x')).toBe('Hello');
    expect(data && isLegacyProblemYaml(data) && data.validator_flags).toBeNull();
  });

  test('2025-09 credits, source, type, constants and time multipliers follow the spec\'s forms', () => {
    const valid = `problem_format_version: 2025-09
name: Hello
credits:
  authors: [Ada <ada@example.com>, {name: Alan, email: alan@example.com}]
  translators: {sv: Sonja}
  acknowledgements: Grace
source: {name: NWERC 2024, url: https://nwerc.example}
type: [pass-fail, interactive]
constants: {max_n: 10, eps: 1e-6, word: hi}
`;
    expect(issuesOf(valid, problemYamlSchema)).toEqual([]);
    const invalid = `problem_format_version: 2025-09
name: Hello
credits: {authors: [{name: A, mail: a@example.com}], writers: B}
source: [{url: https://nwerc.example}]
type: [pass-fail, scoring, pass-fail]
constants: {1x: 1}
limits: {time_multipliers: {ac_to_time_limit: 0.5}}
validator_flags: float_tolerance 1e-6
`;
    expect(issuesOf(invalid, problemYamlSchema).map((i) => `${i.field}: ${i.message}`)).toEqual([
      expect.stringMatching(/^credits\.authors\.0\.mail: unknown key/),
      expect.stringMatching(/^credits\.writers: unknown key \(allowed keys: authors, contributors, testers, translators, packagers, acknowledgements\)/),
      'source.0.name: missing: expected the source name, e.g. NWERC 2024',
      'type: lists pass-fail more than once: expected each type once',
      'type: "pass-fail" and "scoring" are incompatible: expected at most one of them',
      expect.stringMatching(/^constants\.1x: expected a constant name matching/),
      'limits.time_multipliers.ac_to_time_limit: expected a number >= 1 (times the slowest accepted submission), got 0.5',
      expect.stringMatching(/^validator_flags: unknown key/),
    ]);
  });

  test('legacy-icpc is the legacy format', () => {
    const { data, issues } = parseYamlWith('problem_format_version: legacy-icpc\nvalidation: custom\n', 'problem.yaml', problemYamlSchema);
    expect(issues).toEqual([]);
    expect(data && isLegacyProblemYaml(data)).toBe(true);
  });

  test('an empty problem.yaml is valid, as in Kattis', () => {
    expect(parseYamlWith('', 'problem.yaml', problemYamlSchema).issues).toEqual([]);
  });

  test('YAML syntax errors name the file, line and column', () => {
    const issues = issuesOf('name: A\nlimits: {memory: 256\nvalidation: default\n', problemYamlSchema);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatchObject({ file: 'problem.yaml', line: expect.any(Number), column: expect.any(Number) });
    expect(issues[0]!.message).toMatch(/^YAML syntax error: /);
    const dup = issuesOf('name: A\nname: B\n', problemYamlSchema);
    expect(formatIssues(dup)).toBe('problem.yaml:2:1: YAML syntax error: Map keys must be unique');
  });
});

describe('validator_flags', () => {
  test('parses the Kattis default validator flags', () => {
    expect(parseValidatorFlags('')).toEqual({ ok: true, flags: {} });
    expect(parseValidatorFlags('case_sensitive space_change_sensitive')).toEqual({
      ok: true,
      flags: { case_sensitive: true, space_change_sensitive: true },
    });
    expect(parseValidatorFlags(' float_tolerance 1e-6 ')).toEqual({ ok: true, flags: { float_tolerance: 1e-6 } });
    expect(parseValidatorFlags('float_absolute_tolerance 0.5 float_relative_tolerance .25')).toEqual({
      ok: true,
      flags: { float_absolute_tolerance: 0.5, float_relative_tolerance: 0.25 },
    });
  });

  test('reports unknown flags and bad numbers, all of them', () => {
    const result = parseValidatorFlags('case_insensitive float_tolerance -1 float_relative_tolerance 0x10 float_absolute_tolerance');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      expect.stringMatching(/^unknown flag "case_insensitive" for the default validator \(known flags: case_sensitive, /),
      'float_tolerance: expected a non-negative number, got "-1"',
      'float_relative_tolerance: expected a non-negative number, got "0x10"',
      'float_absolute_tolerance needs a number after it, e.g. "float_absolute_tolerance 1e-6"',
    ]);
  });

  test('flags of a custom validator are its arguments and are not parsed', () => {
    expect(issuesOf('validation: custom\nvalidator_flags: strict --eps 3\n', problemYamlSchema)).toEqual([]);
    expect(issuesOf('validator_flags: strict\n', problemYamlSchema)[0]).toMatchObject({ field: 'validator_flags' });
  });
});

describe('pack.yaml', () => {
  test('applies defaults and accepts both author forms and both price forms', () => {
    const { data, issues } = parseYamlWith(
      'name: "@acme/basics"\nversion: 1.2.3-beta.1\ntitle: Basics\nauthors: ["Ada <ada@example.com>", {name: Alan, url: https://a.example}]\nproblems: [two-sum]\n',
      'pack.yaml',
      packYamlSchema,
    );
    expect(issues).toEqual([]);
    expect(data).toMatchObject({ description: '', price: 0, runtime: { image: 'duet/python:3.11', language: 'python', version: '3.11' } });
    const paid = parseYamlWith('name: "@a/b"\nversion: 1.0.0\ntitle: T\nprice: {amount: 9.99, currency: usd}\nproblems: [a]\n', 'pack.yaml', packYamlSchema);
    expect(paid.data?.price).toEqual({ amount: 9.99, currency: 'usd' });
  });

  test('names each wrong field', () => {
    const issues = issuesOf('name: Basics\nversion: 1.0\nprice: 5\nproblems: [Two_Sum]\n', packYamlSchema, 'pack.yaml');
    expect(issues.map((i) => `${i.field}: ${i.message}`)).toEqual([
      'name: expected a scoped npm-style name, lowercase, e.g. "@acme/interview-basics", got "Basics"',
      'version: expected a semver version, e.g. 1.0.0, got 1',
      'price: expected 0 (free) or {amount: 9.99, currency: usd}, got 5',
      'problems.0: expected a problem id of lowercase letters, digits and dashes, e.g. "two-sum", got "Two_Sum"',
      'title: missing: expected a title',
    ]);
  });
});

describe('duet.yaml', () => {
  test('defaults to a stdio problem with the default checker', () => {
    expect(duetYamlSchema.parse({})).toEqual({ interface: { type: 'stdio' }, checker: 'default', tags: [], starter: {} });
  });

  test('validates the function interface and complexity keys', () => {
    const issues = issuesOf(
      'interface: {type: function, entry: two-sum, params: [{name: nums}], returns: int}\ncomplexity: {expected_time: "O(n!)", max_n: 0, budget: 3}\n',
      duetYamlSchema,
      'duet.yaml',
    );
    expect(issues.map((i) => i.field)).toEqual([
      'interface.entry',
      'interface.params.0.type',
      'complexity.expected_time',
      'complexity.max_n',
      'complexity.budget',
    ]);
    expect(issues[0]!.message).toBe('expected the function to call, a Python identifier, got "two-sum"');
  });
});

test('PackValidationError carries every issue and formats one line each', () => {
  const error = new PackValidationError([
    { file: 'problems/two-sum/problem.yaml', field: 'limits.memory', message: 'expected a positive number of MiB, got "lots"' },
    { file: 'pack.yaml', message: 'missing: expected pack.yaml' },
  ]);
  expect(error.code).toBe('PACK_INVALID');
  expect(error.issues).toHaveLength(2);
  expect(error.format()).toBe(
    'problems/two-sum/problem.yaml: limits.memory: expected a positive number of MiB, got "lots"\npack.yaml: missing: expected pack.yaml',
  );
  expect(error.message).toBe(`invalid pack (2 issues):\n${error.format()}`);
});

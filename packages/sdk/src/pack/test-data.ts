import type { ProblemInterface } from './duet-yaml.js';
import type { FsTree } from './fs-tree.js';
import type { FormatGeneration } from './problem-yaml.js';
import { applyTestConfig, warnLegacyValidatorFlags, type TestConfigOptions } from './test-config.js';
import type { TestCaseFiles, TestGroup } from './types.js';

const GROUPS: TestGroup[] = ['sample', 'secret'];

export interface CollectTestsOptions extends Omit<TestConfigOptions, 'generation'> {
  generation: FormatGeneration;
}

/**
 * Pair data/{sample,secret}/**\/*.in with *.ans by path (subfolders are test groups), sorted by
 * path as Kattis does. Unpaired files and malformed function-interface data are issues. A problem
 * without hidden tests is a warning: its samples are judged in their place. 2023-07+ problems get
 * each test's output validator arguments from the test data settings files.
 */
export async function collectTests(tree: FsTree, iface: ProblemInterface | undefined, options: CollectTestsOptions): Promise<TestCaseFiles[]> {
  if ((await tree.kind('data')) !== 'dir') {
    tree.issues.push({ file: 'data', message: 'missing folder: expected data/secret/ (hidden tests) and optionally data/sample/' });
    return [];
  }
  const tests: TestCaseFiles[] = [];
  for (const group of GROUPS) {
    const root = `data/${group}`;
    if ((await tree.kind(root)) !== 'dir') continue;
    const files = new Set(await tree.walk(root));
    const found: TestCaseFiles[] = [];
    for (const file of files) {
      if (file.endsWith('.in')) {
        const base = file.slice(0, -'.in'.length);
        if (!files.has(`${base}.ans`)) {
          tree.issues.push({ file, message: `no answer file: expected ${base}.ans beside it` });
          continue;
        }
        found.push({ name: base.slice('data/'.length), group, inputPath: tree.abs(file), answerPath: tree.abs(`${base}.ans`) });
      } else if (file.endsWith('.ans') && !files.has(`${file.slice(0, -'.ans'.length)}.in`)) {
        tree.issues.push({ file, message: `no input file: expected ${file.slice(0, -'.ans'.length)}.in beside it` });
      }
    }
    tests.push(...found);
  }
  await checkSecret(tree, tests, options.generation);
  if (options.generation !== 'legacy') await applyTestConfig(tree, tests, { ...options, generation: options.generation });
  else await warnLegacyValidatorFlags(tree);
  if (iface?.type === 'function') await checkFunctionData(tree, tests, iface.params.length);
  return tests;
}

/** Hidden tests: missing ones are a warning (samples stand in), and 2025-09 keeps groups and cases apart. */
async function checkSecret(tree: FsTree, tests: readonly TestCaseFiles[], generation: FormatGeneration): Promise<void> {
  const secret = tests.filter((t) => t.group === 'secret');
  if (secret.length === 0) {
    const where = (await tree.kind('data/secret')) === 'dir' ? 'no tests in data/secret' : 'no data/secret folder';
    if (tests.length === 0) {
      tree.issues.push({ file: 'data', message: `no tests: expected data/secret/*.in (hidden tests) or data/sample/*.in, each with a matching .ans file` });
    } else {
      tree.warnings.push({ file: 'data/secret', message: `${where}: the samples are judged in place of hidden tests` });
    }
    return;
  }
  // 2025-09: "data/secret can only have test data groups *or* test cases, never both."
  const direct = secret.some((t) => !t.name.slice('secret/'.length).includes('/'));
  if (generation === '2025-09' && direct && secret.some((t) => t.name.slice('secret/'.length).includes('/'))) {
    tree.issues.push({ file: 'data/secret', message: 'has both test cases and test data groups: expected only one kind (2025-09)' });
  }
}

/** Function problems: each .in is a JSON array of the positional arguments, each .ans JSON. */
async function checkFunctionData(tree: FsTree, tests: TestCaseFiles[], arity: number): Promise<void> {
  for (const test of tests) {
    const inFile = `data/${test.name}.in`;
    const input = await tree.read(inFile);
    if (input !== null) {
      const parsed = parseJson(input);
      if (!parsed.ok) {
        tree.issues.push({ file: inFile, message: `expected a JSON array of the ${arity} argument(s), but it is not JSON (${parsed.error})` });
      } else if (!Array.isArray(parsed.value)) {
        tree.issues.push({ file: inFile, message: `expected a JSON array of the ${arity} argument(s), got a JSON ${jsonKind(parsed.value)}` });
      } else if (parsed.value.length !== arity) {
        tree.issues.push({ file: inFile, message: `expected ${arity} argument(s) as duet.yaml interface.params says, got ${parsed.value.length}` });
      }
    }
    const ansFile = `data/${test.name}.ans`;
    const answer = await tree.read(ansFile);
    if (answer !== null) {
      const parsed = parseJson(answer);
      if (!parsed.ok) tree.issues.push({ file: ansFile, message: `expected the JSON return value, but it is not JSON (${parsed.error})` });
    }
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

function jsonKind(value: unknown): string {
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value;
}

import * as path from 'node:path/posix';
import type * as z from 'zod';
import { substituteConstants, type Constants } from './constants.js';
import type { FsTree } from './fs-tree.js';
import { testCaseYamlSchema, testdataYamlSchema, testGroupYamlSchema, UNJUDGEABLE_KEYS, type TestSettings } from './test-config-schemas.js';
import type { TestCaseFiles } from './types.js';
import { parseValidatorFlags } from './validator-flags.js';
import { parseYaml, parseYamlWith } from './yaml-source.js';

export interface TestConfigOptions {
  generation: '2023-07' | '2025-09';
  constants: Constants;
  /** The default output validator judges the problem: output_validator_args must be its flags. */
  defaultValidator: boolean;
}

/**
 * Reads the group settings files and each test case's `.yaml`, and gives every test the output
 * validator arguments that apply to it. Inheritance, 2023-07: "Some of the keys and their associated
 * values will be inherited from the testdata.yaml in the closest ancestor group from the test case
 * to the root data directory that has one"; 2025-09: a test case's settings are "Inherited from
 * test_group.yaml", which sits in data/sample, data/secret and each test data group. A test case's
 * own `.yaml` comes first, then the nearest group that sets the key.
 */
export async function applyTestConfig(tree: FsTree, tests: TestCaseFiles[], options: TestConfigOptions): Promise<void> {
  const groupFile = options.generation === '2025-09' ? 'test_group.yaml' : 'testdata.yaml';
  const otherFile = options.generation === '2025-09' ? 'testdata.yaml' : 'test_group.yaml';
  const groups = new Map<string, TestSettings>(); // folder under data/ ('' = data itself) → settings
  for (const file of await settingsFiles(tree, [groupFile, otherFile])) {
    const name = path.basename(file);
    if (name === otherFile) {
      tree.warnings.push({ file, message: `ignored: the ${options.generation} format reads test data settings from ${groupFile}` });
      continue;
    }
    const folder = path.dirname(file).slice('data'.length + 1);
    if (options.generation === '2025-09' && !isGroupFolder(folder)) {
      tree.issues.push({ file, message: 'misplaced: test_group.yaml belongs in data/sample, data/secret or a test data group (a folder directly in data/secret)' });
      continue;
    }
    const text = await tree.read(file);
    if (text === null) continue;
    const schema = options.generation === '2025-09' ? testGroupYamlSchema : testdataYamlSchema;
    const settings = parseSettings(tree, file, substituteConstants(text, options.constants), schema, options);
    if (settings) groups.set(folder, settings);
  }

  for (const test of tests) {
    const own = await readTestCaseSettings(tree, test, options);
    const chain = [own, ...ancestors(test.name).map((folder) => groups.get(folder))];
    const args = chain.find((s) => s?.output_validator_args !== undefined)?.output_validator_args;
    if (args !== undefined) test.validatorArgs = args;
  }
}

/** Files of these names directly in data/, then everywhere below data/sample and data/secret. */
async function settingsFiles(tree: FsTree, names: readonly string[]): Promise<string[]> {
  const root: string[] = [];
  for (const name of names) if ((await tree.kind(`data/${name}`)) === 'file') root.push(`data/${name}`);
  const below = [...(await tree.walk('data/sample')), ...(await tree.walk('data/secret'))];
  return [...root, ...below.filter((file) => names.includes(path.basename(file)))];
}

/** data/sample, data/secret, or a folder directly in data/secret (2025-09 has no nested groups). */
function isGroupFolder(folder: string): boolean {
  return folder === 'sample' || folder === 'secret' || /^secret\/[^/]+$/.test(folder);
}

/** Folders under data/ from the test's own up to data itself: secret/g/01 → secret/g, secret, ''. */
function ancestors(testName: string): string[] {
  const out: string[] = [];
  for (let dir = path.dirname(testName); dir !== '.'; dir = path.dirname(dir)) out.push(dir);
  return [...out, ''];
}

async function readTestCaseSettings(tree: FsTree, test: TestCaseFiles, options: TestConfigOptions): Promise<TestSettings | undefined> {
  const file = `data/${test.name}.yaml`;
  if ((await tree.kind(file)) !== 'file') return undefined;
  const text = await tree.read(file);
  // Test data files keep their `{{…}}`: "Constant sequences are not replaced in test data files".
  return text === null ? undefined : parseSettings(tree, file, text, testCaseYamlSchema, options);
}

function parseSettings(tree: FsTree, file: string, text: string, schema: z.ZodType<TestSettings>, options: TestConfigOptions): TestSettings | undefined {
  const { data, issues } = parseYamlWith(text, file, schema);
  tree.issues.push(...issues);
  if (!data) return undefined;
  for (const [key, why] of Object.entries(UNJUDGEABLE_KEYS)) {
    const value = data[key as keyof TestSettings];
    if (value !== undefined && value !== false) tree.issues.push({ file, field: key, message: why });
  }
  if (data.args?.length) {
    tree.issues.push({ file, field: 'args', message: "Duet's judge does not pass command-line arguments to submissions: expected no args" });
  }
  if (options.defaultValidator && data.output_validator_args) {
    const parsed = parseValidatorFlags(data.output_validator_args.join(' '));
    if (!parsed.ok) for (const message of parsed.errors) tree.issues.push({ file, field: 'output_validator_args', message });
  }
  return data;
}

/**
 * Legacy `testdata.yaml` `output_validator_flags` ("If a string, this is the name of the output
 * validator …"; problemtools appends them to validator_flags): Duet does not apply them, so say so.
 */
export async function warnLegacyValidatorFlags(tree: FsTree): Promise<void> {
  for (const file of await settingsFiles(tree, ['testdata.yaml'])) {
    const text = await tree.read(file);
    const value = text === null ? undefined : parseYaml(text, file).value;
    if (value && typeof value === 'object' && (value as Record<string, unknown>).output_validator_flags) {
      tree.warnings.push({ file, field: 'output_validator_flags', message: 'not applied: Duet judges legacy problems with problem.yaml validator_flags only' });
    }
  }
}

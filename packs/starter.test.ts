import { fileURLToPath } from 'node:url';
import { loadPack } from '@duet/sdk/pack';
import { runCli } from '@duet/pack-cli';
import { describe, expect, it } from 'vitest';

const STARTER = fileURLToPath(new URL('./starter', import.meta.url));

describe('packs/starter', () => {
  it('is a full interview pack: ≥ 10 problems, both interfaces, float tolerance and a custom validator', async () => {
    const pack = await loadPack(STARTER);
    expect(pack.problems.length).toBeGreaterThanOrEqual(10);
    const interfaces = new Set(pack.problems.map((p) => p.duet.interface.type));
    expect(interfaces).toEqual(new Set(['function', 'stdio']));
    expect(pack.problems.some((p) => p.problem.validator_flags?.includes('float_tolerance'))).toBe(true);
    expect(pack.problems.some((p) => p.outputValidator !== null)).toBe(true);
    for (const problem of pack.problems) {
      expect(problem.statementPath, problem.id).toMatch(/\.md$/);
      expect(problem.tests.filter((t) => t.group === 'sample').length, problem.id).toBeGreaterThan(0);
      expect(problem.tests.filter((t) => t.group === 'secret').length, problem.id).toBeGreaterThanOrEqual(10);
      const kinds = new Set(problem.submissions.map((s) => s.category));
      for (const kind of ['accepted', 'wrong_answer', 'time_limit_exceeded'] as const) expect(kinds, `${problem.id} ${kind}`).toContain(kind);
    }
  });

  it('`duet-pack test packs/starter` passes: every submission gets the verdict of its folder', async () => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['test', STARTER, '--json'], {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text), isTTY: false },
    });
    const report = JSON.parse(stdout) as { ok: boolean; problems: Array<{ id: string; ok: boolean; submissions: Array<{ name: string; status: string; note?: string }> }> };
    const mismatches = report.problems.flatMap((p) => p.submissions.filter((s) => s.status === 'mismatch').map((s) => `${p.id}/${s.name}: ${s.note ?? ''}`));
    expect(mismatches, stderr).toEqual([]);
    expect(report.ok).toBe(true);
    expect(code).toBe(0);
  }, 900_000);
});

/**
 * What a run on hidden tests (`submit`) may tell its caller. Everything in a result can carry the
 * hidden data back out (a program can encode the input in its exit code, its exception text, its
 * validator's messages, the exact time or memory it used), so a hidden test's result keeps only:
 * - the verdict;
 * - an ordinal ("test 3"), never the author's test name;
 * - for RE, the signal name or "non-zero exit" (no exit code, no exception text);
 * - messages the judge writes itself about limits (TLE, MLE, OLE), nothing from the program or the
 *   output validator;
 * - CPU time and memory as coarse buckets of the limits (`coarse: true`): the bucket's upper edge,
 *   one of four per figure; `wall_ms` repeats the CPU bucket (sleeping is no channel either);
 * - for a judge fault (IE), a fixed message and an incident id; the details go to the operator's
 *   log through `onIncident`.
 * The README's security section states the bits per test that remain and how they were measured.
 */
import { randomUUID } from 'node:crypto';
import type { TestResult } from '@duet/sdk/judge';

export interface Incident {
  /** Quoted in the fixed message the caller sees. */
  id: string;
  /** The test's ordinal (1-based), or undefined for a fault of the whole run. */
  test?: number;
  /** Everything known about the fault: for the operator only. */
  detail: string;
}

export type IncidentReporter = (incident: Incident) => void;

/** Where incidents go when the caller gave no reporter: one JSON line on stderr. */
export const stderrIncidents: IncidentReporter = (incident) => {
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'judge incident', ...incident })}\n`);
};

/** Bucket edges as fractions of the limit: a figure is reported as the first edge at or above it. */
const EDGES = [1 / 8, 1 / 4, 1 / 2, 1] as const;

export function coarseFigure(value: number, limit: number): number {
  for (const edge of EDGES) if (value <= limit * edge) return Math.round(limit * edge);
  return Math.round(limit);
}

export function internalErrorMessage(id: string): string {
  return `internal judge error (incident ${id}); the details are in the judge's log`;
}

export function newIncidentId(): string {
  return randomUUID().slice(0, 8);
}

/** The hidden view of one test's full result. */
export function hideTestResult(
  full: TestResult,
  ordinal: number,
  limits: { time_ms: number; memory_mb: number },
  report: IncidentReporter,
): TestResult {
  const cpu = coarseFigure(Math.min(full.cpu_ms, limits.time_ms), limits.time_ms);
  const hidden: TestResult = {
    name: `test ${ordinal}`,
    verdict: full.verdict,
    cpu_ms: cpu,
    wall_ms: cpu,
    memory_kb: coarseFigure(Math.min(full.memory_kb, limits.memory_mb * 1024), limits.memory_mb * 1024),
    coarse: true,
  };
  switch (full.verdict) {
    case 'RE':
      if (full.signal !== undefined) hidden.signal = full.signal;
      hidden.message = full.signal !== undefined ? `killed by ${full.signal}` : 'non-zero exit';
      break;
    case 'TLE':
    case 'MLE':
    case 'OLE':
      if (full.message !== undefined) hidden.message = limitMessage(full.verdict, limits);
      break;
    case 'IE': {
      const id = newIncidentId();
      report({ id, test: ordinal, detail: full.message ?? 'no detail' });
      hidden.message = internalErrorMessage(id);
      break;
    }
    default:
    // AC, WA: the verdict alone (a validator's feedback is hidden-test data too)
  }
  return hidden;
}

function limitMessage(verdict: 'TLE' | 'MLE' | 'OLE', limits: { time_ms: number; memory_mb: number }): string {
  if (verdict === 'TLE') return `over the time limit (${limits.time_ms} ms)`;
  if (verdict === 'MLE') return `over the memory limit (${limits.memory_mb} MiB)`;
  return 'over the output limit';
}

/**
 * The host side of the harness wire protocol (harness/README.md): the bundle stream sent on
 * the harness's stdin, and validation of the JSON lines it writes back. Answers are never encoded.
 */
import type { RunBundle } from '@duet/sdk/run';

export interface HarnessLimits {
  time_ms: number;
  memory_mb: number;
  output_kb: number;
  /** Per-test wall-clock kill, ms. */
  wall_ms: number;
}

/** A test child's limits for a run's limits: the wall-clock kill leaves room for waiting on I/O. */
export function testLimits(limits: { time_ms: number; memory_mb: number; output_kb: number }): HarnessLimits {
  const { time_ms, memory_mb, output_kb } = limits;
  return { time_ms, memory_mb, output_kb, wall_ms: time_ms * 2 + 1000 };
}

/** What one test child did, as reported by the harness (figures measured by the harness itself). */
export interface TestObservation {
  index: number;
  outcome: 'exited' | 'signaled' | 'wall_timeout' | 'cpu_timeout';
  exit_code: number | null;
  signal: string | null;
  cpu_ms: number;
  wall_ms: number;
  memory_kb: number;
  /** Base64 of the child's stdout (whole when under the output cap, else a display prefix). */
  stdout: string;
  stdout_bytes: number;
  stderr: string;
  stderr_bytes: number;
  /** Function problems: the JSON-encoded return value. */
  result: string | null;
  result_bytes: number;
  output_over_limit: boolean;
  exception: { type: string; message: string } | null;
  setup_error: string | null;
}

export type HarnessEvent =
  | { event: 'ready'; python: string }
  | { event: 'compile_error'; line: number | null; message: string }
  | ({ event: 'test' } & TestObservation)
  | { event: 'done' }
  | { event: 'fatal'; message: string };

/**
 * "<N>\n" + N bytes of header JSON, then for each test "<M>\n" + its M input bytes: the harness
 * learns a test's size only when it reads that test.
 */
export function encodeBundleStream(bundle: RunBundle, limits: HarnessLimits): Buffer[] {
  const inputs = bundle.tests.map((test) => Buffer.from(test.input, 'utf8'));
  const header = Buffer.from(
    JSON.stringify({
      code: bundle.code,
      files: bundle.files ?? {},
      interface: bundle.interface.type === 'function' ? { type: 'function', entry: bundle.interface.entry } : { type: 'stdio' },
      limits,
      stderr: bundle.kind !== 'submit',
      tests: inputs.length,
    }),
    'utf8',
  );
  return [Buffer.from(`${header.length}\n`, 'ascii'), header, ...inputs.flatMap((input) => [Buffer.from(`${input.length}\n`, 'ascii'), input])];
}

export class ProtocolViolation extends Error {
  readonly code = 'HARNESS_PROTOCOL' as const;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isStr = (v: unknown): v is string => typeof v === 'string';
const strOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

/** Parses and checks one line; anything unexpected is a ProtocolViolation (a judge fault). */
export function parseHarnessLine(line: string): HarnessEvent {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new ProtocolViolation(`harness wrote a non-JSON line: ${line.slice(0, 120)}`);
  }
  if (typeof value !== 'object' || value === null) throw new ProtocolViolation('harness wrote a non-object line');
  const e = value as Record<string, unknown>;
  switch (e.event) {
    case 'ready':
      return { event: 'ready', python: isStr(e.python) ? e.python : '?' };
    case 'done':
      return { event: 'done' };
    case 'fatal':
      return { event: 'fatal', message: isStr(e.message) ? e.message : 'unknown harness failure' };
    case 'compile_error':
      if (!(e.line === null || isInt(e.line)) || !isStr(e.message)) break;
      return { event: 'compile_error', line: e.line, message: e.message };
    case 'test': {
      const ok =
        isInt(e.index) && ['exited', 'signaled', 'wall_timeout', 'cpu_timeout'].includes(e.outcome as string) &&
        (e.exit_code === null || isInt(e.exit_code)) && strOrNull(e.signal) &&
        isNum(e.cpu_ms) && isNum(e.wall_ms) && isNum(e.memory_kb) && isStr(e.stdout) && isNum(e.stdout_bytes) &&
        isStr(e.stderr) && isNum(e.stderr_bytes) && strOrNull(e.result) && isNum(e.result_bytes) &&
        typeof e.output_over_limit === 'boolean' && strOrNull(e.setup_error) &&
        (e.exception === null || (typeof e.exception === 'object' && isStr((e.exception as Record<string, unknown>).type)));
      if (!ok) break;
      return e as unknown as { event: 'test' } & TestObservation;
    }
  }
  throw new ProtocolViolation(`harness wrote an unexpected record: ${line.slice(0, 200)}`);
}

/**
 * Runs the Python harness for one bundle in one sandbox and streams its events. The harness is the
 * sandbox's pid 1 (so no test child can signal it or reach its result pipe); the host reads JSON
 * lines from the sandbox's stdout with a per-line and a total cap.
 */
import type { RunBundle } from '@duet/sdk/run';
import type { SandboxDriver } from '../sandbox/driver.js';
import type { SandboxExit } from '../sandbox/spawn-sandbox.js';
import { type HarnessEvent, type HarnessLimits, encodeBundleStream, parseHarnessLine, testLimits } from '../harness/protocol.js';
import { readHarnessLines, startHarnessSandbox } from '../harness/sandbox.js';
const STARTUP_ALLOWANCE_MS = 10_000;

export function harnessLimits(bundle: RunBundle): HarnessLimits {
  return testLimits(bundle.limits);
}

export interface HarnessRun {
  /** Resolves once the sandbox is gone; `stopReason` says why the host stopped reading, if it did. */
  finished: Promise<{ exit: SandboxExit; stopReason?: string }>;
  /** Kills the sandbox (e.g. stopOnFirstFailure). */
  stop(): void;
  /** Processes the run's memory cgroup has OOM-killed so far. */
  oomKills(): number;
}

export function runHarness(
  driver: SandboxDriver,
  bundle: RunBundle,
  onEvent: (event: HarnessEvent) => void,
  signal?: AbortSignal,
): HarnessRun {
  const limits = harnessLimits(bundle);
  const sandbox = startHarnessSandbox(driver, {
    memoryMb: limits.memory_mb,
    wallTimeoutMs: STARTUP_ALLOWANCE_MS + bundle.tests.length * (limits.wall_ms + 500),
    ...(signal ? { signal } : {}),
  });
  for (const chunk of encodeBundleStream(bundle, limits)) sandbox.stdin.write(chunk);
  sandbox.stdin.end();

  // A test line carries at most the capped stdout (base64) plus display-capped stderr and result.
  const maxLineBytes = Math.ceil(((limits.output_kb * 1024 + 1) * 4) / 3) + 512 * 1024;
  const reader = readHarnessLines(sandbox, { maxLineBytes, maxTotalBytes: maxLineBytes * (bundle.tests.length + 4) }, (line) =>
    onEvent(parseHarnessLine(line)),
  );
  const finished = sandbox.exited.then((exit) => (reader.stopReason === undefined ? { exit } : { exit, stopReason: reader.stopReason }));
  return {
    finished,
    stop: () => reader.fail('stopped by the host'),
    oomKills: () => sandbox.oomKills(),
  };
}

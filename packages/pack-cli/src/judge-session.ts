import type { ProbeInput } from '@duet/judge-engine';
import type { RunBundle } from '@duet/sdk/run';
import type { ComplexityReport, RunResult, TestResult } from '@duet/sdk/judge';
import { EXIT_CODES, ExitError } from './exit-error.js';

export interface JudgeOptions {
  /** Called after each test, in order. */
  onTest?: (test: TestResult, index: number) => void;
  /** Stop at the first non-AC test: enough to know the verdict of a submission expected to fail. */
  stopOnFirstFailure?: boolean;
}

/** The local sandbox judge, loaded only by commands that judge. */
export interface JudgeSession {
  judge(bundle: RunBundle, options?: JudgeOptions): Promise<RunResult>;
  /** The complexity probe (its own sandbox run). */
  probe(input: ProbeInput): Promise<ComplexityReport>;
}

const INSTALL_HINT =
  'duet-pack judges locally in a bubblewrap sandbox (Linux). Install it with ' +
  '`sudo apt-get install bubblewrap` (Debian/Ubuntu) or `sudo dnf install bubblewrap` (Fedora), ' +
  'and make sure unprivileged user namespaces are enabled.';

/** Opens the sandbox judge, or fails with exit 3 and how to install bubblewrap. */
export async function openJudgeSession(): Promise<JudgeSession> {
  const judgeModule = await import('@duet/judge-engine');
  const unavailable = describeUnavailable(await judgeModule.sandboxAvailable());
  if (unavailable !== null) {
    throw new ExitError(EXIT_CODES.internal, `the sandbox is unavailable${unavailable}. ${INSTALL_HINT}`);
  }
  const driver = judgeModule.createSandboxDriver();
  return {
    judge(bundle, options = {}) {
      const { onTest, stopOnFirstFailure = false } = options;
      return judgeModule.judgeBundle(bundle, onTest ? { driver, onTest, stopOnFirstFailure } : { driver, stopOnFirstFailure });
    },
    probe(input) {
      return judgeModule.probeComplexity(input, { driver });
    },
  };
}

/**
 * `sandboxAvailable()` answers true/false or `{ok, reason}`; null means available, otherwise the
 * text to append to "the sandbox is unavailable".
 */
function describeUnavailable(availability: unknown): string | null {
  if (availability === true) return null;
  if (typeof availability === 'object' && availability !== null) {
    const { ok, reason } = availability as { ok?: unknown; reason?: unknown };
    if (ok === true) return null;
    return typeof reason === 'string' && reason ? `: ${reason}` : '';
  }
  return '';
}

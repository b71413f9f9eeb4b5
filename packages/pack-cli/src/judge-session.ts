import type { PackJudge } from '@duet/sdk/pack';
import { EXIT_CODES, ExitError } from './exit-error.js';

/** The local sandbox judge, loaded only by commands that judge. */
export type JudgeSession = PackJudge;

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
  return judgeModule.createEngineJudge(judgeModule.createSandboxDriver());
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

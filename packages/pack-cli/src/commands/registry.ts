import type { CommandContext } from '../context.js';
import { DEFAULT_REGISTRY, normalizeRegistry } from '../credentials.js';
import { EXIT_CODES, ExitError } from '../exit-error.js';

/** --registry, else DUET_REGISTRY, else the local development marketplace. */
export function registryFor(context: CommandContext, option: string | undefined): string {
  const raw = option ?? context.env.DUET_REGISTRY ?? DEFAULT_REGISTRY;
  try {
    return normalizeRegistry(raw);
  } catch {
    throw new ExitError(EXIT_CODES.invalidInput, `--registry: expected the marketplace's http(s) URL, e.g. ${DEFAULT_REGISTRY} (got ${JSON.stringify(raw)})`);
  }
}

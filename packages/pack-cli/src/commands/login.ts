import { isDuetError } from '@duet/sdk/run';
import type { CommandContext } from '../context.js';
import { normalizeRegistry, saveToken } from '../credentials.js';
import { EXIT_CODES, ExitError, type ExitCode } from '../exit-error.js';
import { marketplaceApi } from '../marketplace-api.js';
import { registryFor } from './registry.js';

export interface LoginOptions {
  registry?: string;
}

/**
 * `duet-pack login [--registry URL]`: reads an org API key from standard input (or a hidden prompt
 * on a terminal), checks it with the marketplace, and stores it for that registry in the user's
 * config folder, readable by the user only.
 */
export async function loginCommand(context: CommandContext, options: LoginOptions): Promise<ExitCode> {
  const registry = registryFor(context, options.registry);
  const stdin = context.io.stdin;
  if (!stdin) throw new ExitError(EXIT_CODES.invalidInput, 'no standard input to read the API key from');
  const token = (await stdin.readAll()).trim();
  if (token === '') {
    throw new ExitError(
      EXIT_CODES.invalidInput,
      'no API key given: pipe one in (`duet-pack login < key.txt`) or paste it when asked; an org admin creates keys with the packs:publish scope',
    );
  }
  if (!token.startsWith('duet_sk_')) throw new ExitError(EXIT_CODES.invalidInput, 'that is not a Duet API key (keys start with duet_sk_)');
  let me;
  try {
    me = await marketplaceApi(registry, token).whoami();
  } catch (error) {
    if (isDuetError(error) && error.code === 'NETWORK') throw new ExitError(EXIT_CODES.internal, error.message);
    throw new ExitError(EXIT_CODES.invalidInput, `${registry} refused the key: ${(error as Error).message}`);
  }
  if (me.kind !== 'apiKey' || !me.org) throw new ExitError(EXIT_CODES.invalidInput, 'that token is not an org API key');
  const path = await saveToken(context.env, normalizeRegistry(registry), token, me.org);
  context.out(`logged in to ${registry} as org ${me.org} (scopes: ${(me.scopes ?? []).join(', ') || 'none'})\nkey saved in ${path} (readable by you only)\n`);
  if (!me.scopes?.includes('packs:publish')) {
    context.io.stderr.write('duet-pack: note: this key lacks the packs:publish scope, so `duet-pack publish` will be refused\n');
  }
  return EXIT_CODES.ok;
}

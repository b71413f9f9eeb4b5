import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The marketplace `duet-pack` talks to when neither --registry nor DUET_REGISTRY says otherwise. */
export const DEFAULT_REGISTRY = 'http://127.0.0.1:4000';

interface CredentialsFile {
  registries: Record<string, { token: string; org?: string }>;
}

/** `$DUET_CONFIG_DIR`, else `$XDG_CONFIG_HOME/duet`, else `~/.config/duet`. */
export function configDir(env: Record<string, string | undefined>): string {
  if (env.DUET_CONFIG_DIR) return env.DUET_CONFIG_DIR;
  return join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'duet');
}

export function credentialsPath(env: Record<string, string | undefined>): string {
  return join(configDir(env), 'credentials.json');
}

/** The registry URL without a trailing slash: the key credentials are stored under. */
export function normalizeRegistry(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new TypeError(`not an http(s) URL: ${url}`);
  return parsed.toString().replace(/\/+$/, '');
}

async function readCredentials(env: Record<string, string | undefined>): Promise<CredentialsFile> {
  const text = await readFile(credentialsPath(env), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (text === null) return { registries: {} };
  const parsed = JSON.parse(text) as Partial<CredentialsFile>;
  return { registries: parsed.registries ?? {} };
}

/** The API key stored for a registry (DUET_API_KEY wins), or null. */
export async function tokenFor(env: Record<string, string | undefined>, registry: string): Promise<string | null> {
  if (env.DUET_API_KEY) return env.DUET_API_KEY;
  return (await readCredentials(env)).registries[registry]?.token ?? null;
}

/**
 * Stores an API key for a registry in the credentials file, readable by its owner only (folder
 * 0700, file 0600), written whole (temp file, then rename) so a crash never leaves half a file.
 */
export async function saveToken(env: Record<string, string | undefined>, registry: string, token: string, org: string | undefined): Promise<string> {
  const dir = configDir(env);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const credentials = await readCredentials(env);
  credentials.registries[registry] = org ? { token, org } : { token };
  const path = credentialsPath(env);
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, path);
  return path;
}

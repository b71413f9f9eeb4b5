import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuetError, JUDGE_DATA_PATH, parseProblemData, type ProblemData } from '@duet/sdk/run';

/**
 * Problems' judge data by digest: from memory, else from the disk cache, else fetched from the
 * marketplace (bearer worker secret; a marketplace that cannot be reached or answers 5xx is tried
 * again for about a minute, as when it restarts), checked against its digest, and written to the
 * cache atomically (temp file + rename). A digest names its content, so entries never go stale.
 */
export interface JudgeDataCache {
  get(digest: string): Promise<ProblemData>;
}

/** Waits between fetch attempts while the marketplace cannot be reached (about a minute in all). */
const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000, 8000, 16_000, 30_000];

export function createJudgeDataCache(options: { dir: string; marketUrl: string; secret: string; fetch?: typeof fetch; retryDelaysMs?: number[] }): JudgeDataCache {
  const memory = new Map<string, Promise<ProblemData>>();
  const doFetch = options.fetch ?? fetch;
  const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

  /** The bytes from the marketplace; a marketplace that is down or restarting is tried again for a while. */
  const fetchData = async (digest: string): Promise<Uint8Array> => {
    const retries = options.retryDelaysMs ?? RETRY_DELAYS_MS;
    for (let attempt = 0; ; attempt++) {
      let failure: DuetError;
      try {
        const response = await doFetch(`${options.marketUrl}${JUDGE_DATA_PATH}/${digest}`, {
          headers: { authorization: `Bearer ${options.secret}` },
          signal: AbortSignal.timeout(30_000),
        });
        if (response.ok) return new Uint8Array(await response.arrayBuffer());
        failure = new DuetError(response.status === 404 ? 'NOT_FOUND' : response.status === 401 ? 'UNAUTHORIZED' : 'NETWORK', `the marketplace answered HTTP ${response.status} for judge data ${digest}`);
        if (response.status < 500) throw failure;
      } catch (error) {
        if (error instanceof DuetError) throw error;
        failure = new DuetError('NETWORK', `cannot fetch judge data ${digest} from ${options.marketUrl}: ${(error as Error).message}`);
      }
      const delay = retries[attempt];
      if (delay === undefined) throw failure;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  };

  const load = async (digest: string): Promise<ProblemData> => {
    if (!/^[0-9a-f]{64}$/.test(digest)) throw new DuetError('BAD_REQUEST', `not a judge data digest: ${digest}`);
    const file = join(options.dir, digest);
    const cached = await readFile(file).catch(() => null);
    if (cached && sha256(cached) === digest) return parseProblemData(JSON.parse(cached.toString('utf8')));
    const bytes = await fetchData(digest);
    if (sha256(bytes) !== digest) throw new DuetError('NETWORK', `judge data ${digest} arrived corrupted (its SHA-256 differs)`);
    const data = parseProblemData(JSON.parse(Buffer.from(bytes).toString('utf8')));
    await mkdir(options.dir, { recursive: true, mode: 0o700 });
    const temp = join(options.dir, `.${digest}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(temp, bytes, { mode: 0o600 });
      await rename(temp, file);
    } catch {
      await rm(temp, { force: true });
    }
    return data;
  };

  return {
    get(digest) {
      const hit = memory.get(digest);
      if (hit) return hit;
      const loading = load(digest);
      loading.catch(() => memory.delete(digest));
      if (memory.size >= 100) memory.delete(memory.keys().next().value!);
      memory.set(digest, loading);
      return loading;
    },
  };
}

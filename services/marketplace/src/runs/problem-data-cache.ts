import { DuetError, parseProblemData, type ProblemData } from '@duet/sdk/run';
import type { BlobStore } from '../blobs/blob-store.js';

/** Problems' judge data by digest, parsed once (immutable: a digest names its content). */
export interface ProblemDataCache {
  get(digest: string): Promise<ProblemData>;
}

export function createProblemDataCache(blobs: BlobStore, maxEntries = 200): ProblemDataCache {
  const entries = new Map<string, Promise<ProblemData>>();
  return {
    get(digest) {
      const hit = entries.get(digest);
      if (hit) return hit;
      const loading = blobs.get(digest).then((bytes) => {
        if (!bytes) throw new DuetError('INTERNAL', `the judge data ${digest} is missing from the blob store`);
        return parseProblemData(JSON.parse(Buffer.from(bytes).toString('utf8')));
      });
      loading.catch(() => entries.delete(digest));
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(digest, loading);
      return loading;
    },
  };
}

import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sha256Hex } from '@duet/sdk/pack';
import { DuetError } from '@duet/sdk/run';
import { checkDigest, type BlobStore } from './blob-store.js';

/**
 * Blobs as files under `<dir>/sha256/<2 hex>/<digest>`. A write goes to `<dir>/tmp/` first, is
 * flushed to disk, then renamed into place (atomic on one file system), so a crash leaves either
 * no blob or the whole blob, never part of one. Reads check the digest. One process owns the
 * folder: opening it clears the half-written temp files a killed process left.
 */
export async function createLocalBlobStore(dir: string): Promise<BlobStore> {
  const tmpDir = join(dir, 'tmp');
  await rm(tmpDir, { recursive: true, force: true });
  await mkdir(tmpDir, { recursive: true });
  const pathOf = (digest: string) => join(dir, 'sha256', checkDigest(digest).slice(0, 2), digest);
  const exists = async (digest: string) => (await stat(pathOf(digest)).catch(() => null))?.isFile() ?? false;

  return {
    kind: 'local',
    async put(bytes) {
      const digest = sha256Hex(bytes);
      if (await exists(digest)) return { digest, size: bytes.byteLength };
      const target = pathOf(digest);
      await mkdir(dirname(target), { recursive: true });
      const tmp = join(tmpDir, `${digest}.${randomBytes(6).toString('hex')}`);
      const handle = await open(tmp, 'wx', 0o644);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, target);
      await syncDir(dirname(target));
      return { digest, size: bytes.byteLength };
    },
    async get(digest) {
      const bytes = await readFile(pathOf(digest)).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return null;
        throw error;
      });
      if (bytes && sha256Hex(bytes) !== digest) throw new DuetError('INTERNAL', `blob ${digest} is corrupt on disk`);
      return bytes;
    },
    has: exists,
    async delete(digest) {
      await rm(pathOf(digest), { force: true });
    },
  };
}

/** Makes a rename durable: the directory entry reaches the disk too. */
async function syncDir(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

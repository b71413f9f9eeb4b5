import type { BlobConfig } from '../config/env.js';
import type { BlobStore } from './blob-store.js';
import { createLocalBlobStore } from './local-blob-store.js';
import { createS3BlobStore } from './s3-blob-store.js';

/** A local folder by default; S3 when a bucket is configured. */
export async function openBlobStore(config: BlobConfig): Promise<BlobStore> {
  return config.kind === 's3' ? createS3BlobStore(config) : createLocalBlobStore(config.dir);
}

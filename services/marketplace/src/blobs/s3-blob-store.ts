import { createHash } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { sha256Hex } from '@duet/sdk/pack';
import { DuetError } from '@duet/sdk/run';
import type { BlobConfig } from '../config/env.js';
import { checkDigest, type BlobStore } from './blob-store.js';

type S3Config = Extract<BlobConfig, { kind: 's3' }>;

/**
 * Blobs as objects `<prefix>sha256/<digest>` in an S3 bucket. A PUT is atomic in S3; it carries
 * `ChecksumSHA256` so S3 refuses bytes that changed on the way. Credentials come from the AWS SDK's
 * default chain (environment, profile, instance role).
 */
export function createS3BlobStore(config: S3Config, client?: S3Client): BlobStore {
  const s3 =
    client ??
    new S3Client({
      region: config.region,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      forcePathStyle: config.forcePathStyle,
    });
  const Bucket = config.bucket;
  const keyOf = (digest: string) => `${config.prefix}sha256/${checkDigest(digest)}`;
  const has = async (digest: string) => {
    try {
      await s3.send(new HeadObjectCommand({ Bucket, Key: keyOf(digest) }));
      return true;
    } catch (error) {
      if (error instanceof NotFound || (error as { name?: string }).name === 'NotFound') return false;
      throw error;
    }
  };

  return {
    kind: 's3',
    async put(bytes, mediaType) {
      const digest = sha256Hex(bytes);
      if (await has(digest)) return { digest, size: bytes.byteLength };
      await s3.send(
        new PutObjectCommand({
          Bucket,
          Key: keyOf(digest),
          Body: bytes,
          ContentType: mediaType,
          ContentLength: bytes.byteLength,
          ChecksumSHA256: createHash('sha256').update(bytes).digest('base64'),
        }),
      );
      return { digest, size: bytes.byteLength };
    },
    async get(digest) {
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket, Key: keyOf(digest) }));
        if (!object.Body) return null;
        const bytes = Buffer.from(await object.Body.transformToByteArray());
        if (sha256Hex(bytes) !== digest) throw new DuetError('INTERNAL', `blob ${digest} is corrupt in s3://${Bucket}`);
        return bytes;
      } catch (error) {
        if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
        throw error;
      }
    },
    has,
    async delete(digest) {
      await s3.send(new DeleteObjectCommand({ Bucket, Key: keyOf(digest) }));
    },
  };
}

import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, onTestFinished, test } from 'vitest';
import { sha256Hex } from '@duet/sdk/pack';
import { createLocalBlobStore } from '../src/blobs/local-blob-store.js';
import { createS3BlobStore } from '../src/blobs/s3-blob-store.js';

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'market-blobs-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe('local blob store', () => {
  test('content-addressed by sha256, idempotent, atomic (no temp file left), verified on read', async () => {
    const dir = await tempDir();
    const store = await createLocalBlobStore(dir);
    const bytes = Buffer.from('hidden tests');
    const { digest, size } = await store.put(bytes, 'text/plain');
    expect(digest).toBe(sha256Hex(bytes));
    expect(size).toBe(bytes.length);
    expect(await store.put(bytes, 'text/plain')).toEqual({ digest, size });
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
    expect(await readFile(join(dir, 'sha256', digest.slice(0, 2), digest), 'utf8')).toBe('hidden tests');
    expect((await store.get(digest))?.toString()).toBe('hidden tests');
    expect(await store.has(digest)).toBe(true);

    await writeFile(join(dir, 'sha256', digest.slice(0, 2), digest), 'tampered');
    await expect(store.get(digest)).rejects.toThrow(/corrupt/);
    await store.delete(digest);
    expect(await store.get(digest)).toBeNull();
    expect(await store.has(digest)).toBe(false);
    await expect(store.get('../../etc/passwd')).rejects.toThrow(/not a sha256 digest/);
  });
});

describe('S3 blob store (aws-sdk-client-mock: the requests the SDK sends)', () => {
  const s3 = mockClient(S3Client);
  afterEach(() => s3.reset());
  const store = () => createS3BlobStore({ kind: 's3', bucket: 'duet-packs', prefix: 'market/', region: 'eu-central-1', endpoint: null, forcePathStyle: false }, new S3Client({ region: 'eu-central-1' }));

  test('put: HEAD first, then a PUT under <prefix>sha256/<digest> with its SHA-256 checksum and type', async () => {
    const bytes = Buffer.from('{"format":1}');
    const digest = sha256Hex(bytes);
    s3.on(HeadObjectCommand).rejects(new NotFound({ message: 'not found', $metadata: {} }));
    s3.on(PutObjectCommand).resolves({ ETag: '"x"' });
    expect(await store().put(bytes, 'application/json')).toEqual({ digest, size: bytes.length });
    expect(s3.commandCalls(HeadObjectCommand)[0]!.args[0].input).toEqual({ Bucket: 'duet-packs', Key: `market/sha256/${digest}` });
    expect(s3.commandCalls(PutObjectCommand)[0]!.args[0].input).toEqual({
      Bucket: 'duet-packs',
      Key: `market/sha256/${digest}`,
      Body: bytes,
      ContentType: 'application/json',
      ContentLength: bytes.length,
      ChecksumSHA256: Buffer.from(digest, 'hex').toString('base64'),
    });
  });

  test('put of a blob that exists sends no PUT', async () => {
    s3.on(HeadObjectCommand).resolves({});
    await store().put(Buffer.from('x'), 'text/plain');
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  test('get verifies the digest; a missing key is null; delete sends DELETE', async () => {
    const bytes = Buffer.from('tarball');
    const digest = sha256Hex(bytes);
    const body = (b: Buffer) => ({ Body: { transformToByteArray: async () => new Uint8Array(b) } }) as never;
    s3.on(GetObjectCommand, { Key: `market/sha256/${digest}` }).resolves(body(bytes));
    expect((await store().get(digest))?.toString()).toBe('tarball');
    s3.on(GetObjectCommand, { Key: `market/sha256/${digest}` }).resolves(body(Buffer.from('other')));
    await expect(store().get(digest)).rejects.toThrow(/corrupt in s3:\/\/duet-packs/);
    s3.on(GetObjectCommand).rejects(new NoSuchKey({ message: 'gone', $metadata: {} }));
    expect(await store().get(digest)).toBeNull();
    s3.on(DeleteObjectCommand).resolves({});
    await store().delete(digest);
    expect(s3.commandCalls(DeleteObjectCommand)[0]!.args[0].input).toEqual({ Bucket: 'duet-packs', Key: `market/sha256/${digest}` });
  });
});

import { chmod, mkdir, readdir, symlink, utimes, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Header } from 'tar';
import { describe, expect, test } from 'vitest';
import { readTree, tempDir } from '../../../test/pack-fixtures.js';
import { createPackTarball, extractPackTarball, loadPack, PACK_TARBALL_LIMITS, PackTarballError, scaffoldPack, sriIntegrity } from '../index.js';
import { endOfArchive, fileEntry } from './tar-entries.js';

async function scaffolded(): Promise<string> {
  const dir = path.join(await tempDir(), 'basics');
  await scaffoldPack(dir, { name: '@acme/basics' });
  return dir;
}

/** A gzipped tar of hand-made entries: files by default, or raw header fields. */
function tarball(entries: Array<{ path: string; data?: string; type?: string; linkpath?: string }>): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    if (!entry.type || entry.type === 'File') {
      blocks.push(...fileEntry(entry.path, Buffer.from(entry.data ?? '')));
      continue;
    }
    const block = Buffer.alloc(512);
    new Header({ path: entry.path, type: entry.type as 'File', mode: 0o644, size: 0, mtime: new Date(0), linkpath: entry.linkpath ?? '' }).encode(block, 0);
    blocks.push(block);
  }
  blocks.push(endOfArchive());
  return gzipSync(Buffer.concat(blocks));
}

const VALID = [{ path: 'pack/pack.yaml', data: 'name: x\n' }];

describe('createPackTarball', () => {
  test('is deterministic: the same bytes whatever the files mtimes and modes', async () => {
    const dir = await scaffolded();
    const first = await createPackTarball(await loadPack(dir));
    const pyFile = path.join(dir, 'problems', 'max-subarray', 'submissions', 'accepted', 'kadane.py');
    await utimes(pyFile, new Date('2030-01-01'), new Date('2030-01-01'));
    await chmod(pyFile, 0o755);
    const second = await createPackTarball(await loadPack(dir));
    expect(second.bytes.equals(first.bytes)).toBe(true);
    expect(second.integrity).toBe(first.integrity);
    expect(first.integrity).toBe(sriIntegrity(first.bytes));
    expect(first.integrity).toMatch(/^sha512-[A-Za-z0-9+/]{86}==$/);
    // gzip header: no timestamp, OS "unknown"
    expect([...first.bytes.subarray(4, 10)]).toEqual([0, 0, 0, 0, 2, 0xff]);
    const paths = first.files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths[0]).toBe('pack.yaml');
  });

  test('holds pack.yaml, README and the listed problems only, without interpreter droppings; symlinks inside become files', async () => {
    const dir = await scaffolded();
    await writeFile(path.join(dir, 'README.md'), '# Basics\n');
    await mkdir(path.join(dir, 'tools'));
    await writeFile(path.join(dir, 'tools', 'gen.py'), 'print(1)\n');
    const problem = path.join(dir, 'problems', 'max-subarray');
    await mkdir(path.join(problem, '__pycache__'));
    await writeFile(path.join(problem, '__pycache__', 'x.cpython-311.pyc'), 'junk');
    await symlink('problem.en.md', path.join(problem, 'problem_statement', 'problem.md'));
    const { files } = await createPackTarball(await loadPack(dir));
    const paths = files.map((f) => f.path);
    expect(paths).toContain('README.md');
    expect(paths).toContain('problems/max-subarray/problem_statement/problem.md');
    expect(paths.some((p) => p.startsWith('tools/') || p.includes('__pycache__'))).toBe(false);
  });

  test('names the cap a pack goes over', async () => {
    const pack = await loadPack(await scaffolded());
    await expect(createPackTarball(pack, { ...PACK_TARBALL_LIMITS, maxFiles: 3 })).rejects.toThrow(/over the cap of 3 files/);
    await expect(createPackTarball(pack, { ...PACK_TARBALL_LIMITS, maxBytes: 100 })).rejects.toThrow(/over the 100 bytes cap/);
  });
});

describe('extractPackTarball', () => {
  test('round trip: the unpacked folder loads as the same pack, file for file', async () => {
    const dir = await scaffolded();
    const made = await createPackTarball(await loadPack(dir));
    const dest = await tempDir();
    const out = await extractPackTarball(made.bytes, dest);
    expect(out.dir).toBe(path.join(dest, 'pack'));
    expect(out.files).toEqual(made.files.map((f) => f.path));
    const reloaded = await loadPack(out.dir);
    expect(reloaded.manifest).toEqual((await loadPack(dir)).manifest);
    const original = await readTree(dir);
    expect(await readTree(out.dir)).toEqual(Object.fromEntries(made.files.map((f) => [f.path, original[f.path]])));
  });

  test('long paths survive (pax headers)', async () => {
    const long = `pack/problems/${'a'.repeat(120)}/${'b'.repeat(120)}.in`;
    const dest = await tempDir();
    const out = await extractPackTarball(tarball([...VALID, { path: long, data: '1\n' }]), dest);
    expect(out.files).toContain(long.slice('pack/'.length));
  });

  const refused: Array<[string, Array<{ path: string; data?: string; type?: string; linkpath?: string }>, RegExp]> = [
    ['path traversal', [...VALID, { path: 'pack/../../etc/cron.d/x', data: 'x' }], /path traversal/],
    ['an absolute path', [...VALID, { path: '/etc/passwd', data: 'x' }], /absolute path/],
    ['a symlink', [...VALID, { path: 'pack/problems/a', type: 'SymbolicLink', linkpath: '/etc/passwd' }], /symbolic link/],
    ['a hard link', [...VALID, { path: 'pack/x', type: 'Link', linkpath: 'pack/pack.yaml' }], /hard link/],
    ['a character device', [...VALID, { path: 'pack/tty', type: 'CharacterDevice' }], /character device/],
    ['a block device', [...VALID, { path: 'pack/sda', type: 'BlockDevice' }], /block device/],
    ['a FIFO', [...VALID, { path: 'pack/fifo', type: 'FIFO' }], /FIFO/],
    ['an entry outside pack/', [...VALID, { path: 'other/file', data: 'x' }], /under pack\//],
    ['a backslash path', [...VALID, { path: 'pack\\..\\x', data: 'x' }], /backslash/],
    ['a duplicate entry', [...VALID, { path: 'pack/pack.yaml', data: 'y' }], /twice/],
    ['a file that is also a folder', [...VALID, { path: 'pack/a', data: 'x' }, { path: 'pack/a/b', data: 'y' }], /a file and a folder/],
  ];
  test.each(refused)('refuses %s whole, writing nothing', async (_what, entries, message) => {
    const dest = await tempDir();
    const error = await extractPackTarball(tarball(entries), dest).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PackTarballError);
    expect((error as PackTarballError).code).toBe('TARBALL_INVALID');
    expect((error as Error).message).toMatch(message);
    expect(await readdir(dest)).toEqual([]);
  });

  test('refuses over the caps, naming them: size, files, and a gzip bomb', async () => {
    const dest = await tempDir();
    const many = [...VALID, ...Array.from({ length: 5 }, (_, i) => ({ path: `pack/f${i}`, data: 'x' }))];
    await expect(extractPackTarball(tarball(many), dest, { ...PACK_TARBALL_LIMITS, maxFiles: 4 })).rejects.toThrow(/more than the cap of 4 files/);
    const bytes = tarball(VALID);
    await expect(extractPackTarball(bytes, dest, { ...PACK_TARBALL_LIMITS, maxBytes: bytes.length - 1 })).rejects.toMatchObject({
      code: 'TARBALL_TOO_LARGE',
      message: expect.stringMatching(/over the \d+ bytes cap/),
    });
    const bomb = tarball([...VALID, { path: 'pack/zeros', data: '\0'.repeat(4 << 20) }]);
    expect(bomb.length).toBeLessThan(64 << 10);
    await expect(extractPackTarball(bomb, dest, { ...PACK_TARBALL_LIMITS, maxUnpackedBytes: 1 << 20 })).rejects.toThrow(/unpacks to more than the 1 MiB cap/);
    expect(await readdir(dest)).toEqual([]);
  });

  test('refuses what is not a gzip tarball', async () => {
    const dest = await tempDir();
    await expect(extractPackTarball(Buffer.from('PK\x03\x04zip'), dest)).rejects.toThrow(/not a gzip-compressed tarball/);
    await expect(extractPackTarball(Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]), dest)).rejects.toThrow(/corrupt gzip data/);
    const tar = gunzipSync(tarball(VALID));
    tar[148] = 0x39; // break the header checksum
    await expect(extractPackTarball(gzipSync(tar), dest)).rejects.toMatchObject({ code: 'TARBALL_INVALID' });
    await expect(extractPackTarball(tarball([{ path: 'pack/', type: 'Directory' }]), dest)).rejects.toThrow(/no files under pack\//);
    expect(await readdir(dest)).toEqual([]);
  });
});

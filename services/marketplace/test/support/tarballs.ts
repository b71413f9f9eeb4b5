/** Hand-made tarballs, for what `duet-pack publish` never makes: unsafe entries, too many files. */
import { gzipSync } from 'node:zlib';
import { Header } from 'tar';

export interface RawEntry {
  path: string;
  data?: string;
  type?: 'File' | 'SymbolicLink' | 'Link' | 'CharacterDevice' | 'BlockDevice' | 'FIFO' | 'Directory';
  linkpath?: string;
}

export function rawTarball(entries: readonly RawEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.from(entry.data ?? '');
    const block = Buffer.alloc(512);
    new Header({ path: entry.path, type: entry.type ?? 'File', mode: 0o644, size: entry.type && entry.type !== 'File' ? 0 : data.length, mtime: new Date(0), linkpath: entry.linkpath ?? '' }).encode(block, 0);
    blocks.push(block);
    if (!entry.type || entry.type === 'File') blocks.push(data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

import { Header, Pax } from 'tar';

const BLOCK = 512;
const EPOCH = new Date(0);

/**
 * One regular-file entry of a deterministic tar stream: mode 0644, uid/gid 0, no owner names,
 * mtime 0; a pax header only when the path does not fit the ustar fields.
 */
export function fileEntry(path: string, data: Uint8Array): Buffer[] {
  const header = new Header({ path, mode: 0o644, uid: 0, gid: 0, uname: '', gname: '', size: data.byteLength, mtime: EPOCH, type: 'File' });
  const block = Buffer.alloc(BLOCK);
  const needsPax = header.encode(block, 0);
  const blocks: Buffer[] = [];
  if (needsPax) blocks.push(new Pax({ path, mtime: EPOCH }).encode());
  blocks.push(block, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  const padding = (BLOCK - (data.byteLength % BLOCK)) % BLOCK;
  if (padding) blocks.push(Buffer.alloc(padding));
  return blocks;
}

/** The end of a tar stream: two zero blocks. */
export function endOfArchive(): Buffer {
  return Buffer.alloc(2 * BLOCK);
}

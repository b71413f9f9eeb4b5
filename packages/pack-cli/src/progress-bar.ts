import { formatBytes } from '@duet/sdk/pack';

const WIDTH = 24;

/** `uploading [########--------]  52% 1.3 MiB/2.5 MiB`. */
export function progressBar(label: string, done: number, total: number): string {
  const fraction = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(fraction * WIDTH);
  const percent = `${Math.floor(fraction * 100)}%`.padStart(4);
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${percent} ${formatBytes(done)}/${formatBytes(total)}`;
}

/** A participant's colour: stable per user id, distinguishable on light and dark backgrounds. */
const PALETTE = ['#3b82f6', '#e11d48', '#059669', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];

export function participantColor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length] ?? '#3b82f6';
}

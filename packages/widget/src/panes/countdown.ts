/** The timed modes' clock: what is left until `endsAt`, as the timer shows it. */
export function remainingMs(endsAt: string | undefined, now = Date.now()): number | undefined {
  if (!endsAt) return undefined;
  const end = Date.parse(endsAt);
  return Number.isNaN(end) ? undefined : Math.max(0, end - now);
}

export function formatRemaining(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mm = String(minutes).padStart(2, '0');
  const ss = String(seconds).padStart(2, '0');
  return hours ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/**
 * A long two-author session for the replay benchmark and the seek-latency test: `updates` changes
 * spread over `minutes`, mostly the candidate typing Python line by line (with backspaces), the
 * interviewer commenting, runs every few minutes, a paste now and then.
 */
import { SessionSimulator } from './simulate.js';

const LINES = [
  'def solve(values, target):',
  '    seen = {}',
  '    for index, value in enumerate(values):',
  '        need = target - value',
  '        if need in seen:',
  '            return [seen[need], index]',
  '        seen[value] = index',
  '    return []',
  '',
  'def parse(text):',
  '    return [int(token) for token in text.split()]',
];

export function generateSession(options: { updates?: number; minutes?: number; seed?: number } = {}): SessionSimulator {
  const total = options.updates ?? 20_000;
  const span = (options.minutes ?? 60) * 60_000;
  let seed = options.seed ?? 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const s = new SessionSimulator({ snapshotEvery: 200 });
  s.open({ problem: 'two-sum', mode: 'interview', language: 'python' }, 'def solve(values, target):\n    pass\n');
  s.join('cand', 'Candidate', 'candidate').join('intv', 'Interviewer', 'interviewer');
  const step = () => Math.max(1, Math.round((span / total) * (0.5 + random())));
  let line = 0;
  let nextRun = s.updateCount + 600;
  while (s.updateCount < total) {
    const r = random();
    if (s.updateCount >= nextRun) {
      s.run(random() < 0.3 ? 'submit' : 'sample', 'cand').result(random() < 0.5 ? 'AC' : 'WA', 3, 5);
      nextRun += 600 + Math.floor(random() * 400);
    } else if (r < 0.08) {
      const code = s.code();
      const at = Math.floor(random() * code.length);
      s.type('intv', '# ?\n', { pos: code.lastIndexOf('\n', at) + 1, msPerChar: step() });
    } else if (r < 0.16 && s.code().length > 40) {
      const code = s.code();
      const n = 1 + Math.floor(random() * 6);
      s.erase('cand', Math.max(0, code.length - n), Math.min(n, code.length), step());
    } else if (r < 0.161) {
      s.paste('cand', `\n# pasted ${s.updateCount}\n${LINES.slice(0, 4).join('\n')}\n`);
    } else {
      const text = `${LINES[line++ % LINES.length]}\n`;
      const room = total - s.updateCount;
      s.type('cand', text.slice(0, Math.max(1, room)), { msPerChar: step() });
    }
  }
  return s;
}

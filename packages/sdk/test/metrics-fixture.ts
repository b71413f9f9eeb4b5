/** A realistic two-person interview session, shared by the metrics tests. */
import { SessionSimulator } from '../src/metrics/simulate.js';

export const STARTER = 'def two_sum(nums, target):\n    pass\n';
export const HELPER = '\ndef index_of(values):\n    seen = {}\n    for i, v in enumerate(values):\n        seen[v] = i\n    return seen\n';

export function interviewSession(): SessionSimulator {
  const s = new SessionSimulator({ snapshotEvery: 50 });
  s.open({ problem: 'two-sum', pack: '@acme/arrays@1.0.0', mode: 'interview', language: 'python' }, STARTER);
  s.join('cand', 'Ada Lovelace', 'candidate').join('intv', 'Grace Hopper', 'interviewer');
  s.wait(20_000);
  // The candidate replaces `pass` with a loop, typing.
  const passAt = s.code().indexOf('pass');
  s.erase('cand', passAt, 4);
  s.type('cand', 'for i in range(len(nums)):\n        for j in range(i + 1, len(nums)):\n            if nums[i] + nums[j] == target:\n                return [i, j]', { pos: passAt });
  s.run('sample', 'cand').result('AC', 2, 2);
  // The window loses focus for 45 s, then an external paste of a helper.
  s.focusLoss('cand', 45_000, 'hidden');
  s.paste('cand', HELPER);
  // The interviewer adds a comment at the top.
  s.type('intv', '# try a dict\n', { pos: 0, msPerChar: 120 });
  s.wait(150_000); // idle: thinking
  // The candidate copies their own loop header (internal paste) and a bulk insert arrives with no paste event.
  s.paste('cand', 'for i in range(len(nums)):', { copiedInRoom: true });
  s.bulkInsert('cand', '\n# ' + 'x'.repeat(60) + '\n');
  s.run('submit', 'cand').result('AC', 10, 10, { time: 'O(n^2)', space: 'O(1)' });
  s.end('intv');
  return s;
}

/** A realistic interview (real Yjs documents through the SDK's simulator) and its report, for the report tests. */
import { buildReport, notesTimeline, SessionSimulator, type RoomReport, type Timeline } from '@duet/sdk/metrics';

export const CANDIDATE = { id: 'user_ada', name: 'Ada Lovelace' };
export const INTERVIEWER = { id: 'user_grace', name: 'Grace Hopper' };
export const HELPER = '\n\ndef index_of(values):\n    """Map each value to its last index."""\n    seen = {}\n    for i, v in enumerate(values):\n        seen[v] = i\n    return seen\n';
export const NOTES = 'Good grasp of nested loops.\nNudged towards a dictionary at minute 4.\nAsk about the pasted helper.\n';

export function interviewTimelines(): { room: Timeline; notes: Timeline; code: string } {
  const s = new SessionSimulator({ snapshotEvery: 50 });
  s.open({ problem: 'two-sum', pack: '@acme/arrays@1.2.0', mode: 'interview', language: 'python' }, 'def two_sum(nums, target):\n    pass\n');
  s.join(CANDIDATE.id, CANDIDATE.name, 'candidate').join(INTERVIEWER.id, INTERVIEWER.name, 'interviewer');
  s.wait(30_000);
  const at = s.code().indexOf('pass');
  s.erase(CANDIDATE.id, at, 4);
  s.type(CANDIDATE.id, 'for i in range(len(nums)):\n        for j in range(i + 1, len(nums)):\n            if nums[i] + nums[j] == target:\n                return [i, j]\n    return []', { pos: at });
  s.run('sample', CANDIDATE.id).result('WA', 1, 2);
  s.type(INTERVIEWER.id, '# could a dict make this O(n)?\n', { pos: 0, msPerChar: 110 });
  s.focusLoss(CANDIDATE.id, 95_000, 'hidden');
  s.paste(CANDIDATE.id, HELPER);
  s.wait(180_000);
  s.run('sample', CANDIDATE.id).result('AC', 2, 2);
  s.bulkInsert(CANDIDATE.id, '\n\ndef check():\n    assert two_sum([2, 7, 11, 15], 9) == [0, 1]\n    assert two_sum([3, 3], 6) == [0, 1]\n');
  s.run('submit', CANDIDATE.id).result('AC', 12, 12, { time: 'O(n^2)', space: 'O(1)' });
  s.end(INTERVIEWER.id);
  return { room: s.timeline(), notes: notesTimeline(INTERVIEWER.id, NOTES, s.timeline().updates[0]!.at), code: s.code() };
}

export function interviewReport(): RoomReport {
  const { room, notes } = interviewTimelines();
  const ns = [100, 200, 400, 800, 1600, 3200];
  return buildReport({
    room: { id: 'room_pdf_1', org: 'acme', mode: 'interview', pack: '@acme/arrays@1.2.0' },
    problem: { id: 'two-sum', title: 'Two Sum', expected: { time: 'O(n)', space: 'O(n)' } },
    candidate: { id: CANDIDATE.id, name: CANDIDATE.name },
    timeline: room,
    notes,
    complexity: {
      time: { class: 'O(n^2)', confidence: 0.97, curve: { class: 'O(n^2)', a: 2.1e-8, b: 1e-5 }, points: ns.map((n) => ({ n, value: 2.1e-8 * n * n * (1 + ((n % 7) - 3) / 50) + 1e-5 })) },
      space: { class: 'O(1)', confidence: 0.9, curve: { class: 'O(1)', a: 0, b: 2048 }, points: ns.map((n) => ({ n, value: 2048 + (n % 5) * 8 })) },
    },
    similarity: [{ id: 'room_other_7', label: 'room_other_7 (B. Liskov)', score: 0.42, longest: 12, regions: [{ submission: { startLine: 3, endLine: 6, text: 'for i in range(len(nums)):\n    for j in range(i + 1, len(nums)):' }, other: { startLine: 10, endLine: 13, text: 'for a in range(len(xs)):\n    for b in range(a + 1, len(xs)):' } }] }],
  });
}

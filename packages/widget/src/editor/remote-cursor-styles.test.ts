import { expect, test } from 'vitest';
import { remoteCursorStyles } from './remote-cursor-styles.js';

test('styles each other participant\'s selection and caret in their colour, with their name', () => {
  const css = remoteCursorStyles([
    { clientId: 7, id: 'a', name: 'Ada', role: 'candidate', color: '#3b82f6', self: true },
    { clientId: 9, id: 'g', name: 'Grace "G" }', role: 'interviewer', color: '#e11d48', self: false },
  ]);
  expect(css).not.toContain('-7');
  expect(css).toContain('.yRemoteSelection-9{background-color:#e11d4840}');
  expect(css).toContain('border-left:2px solid #e11d48');
  // The name is a CSS string: quotes and braces cannot end the rule.
  expect(css).toContain('content:"Grace \\"G\\" }"');
});

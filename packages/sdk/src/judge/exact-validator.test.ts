import { describe, expect, it } from 'vitest';
import { exactValidator } from './exact-validator.js';

describe('exactValidator', () => {
  it('accepts only byte-identical output', () => {
    expect(exactValidator('1 2\n', '1 2\n')).toEqual({ ok: true });
    expect(exactValidator(new TextEncoder().encode('héllo\n'), 'héllo\n')).toEqual({ ok: true });
    expect(exactValidator('', '')).toEqual({ ok: true });
  });

  it('locates the first differing byte by line and column', () => {
    expect(exactValidator('ab\ncX\n', 'ab\ncd\n')).toEqual({
      ok: false,
      message: "Output differs from the answer at line 2, column 2 (byte 4): expected 'd', got 'X'",
    });
    expect(exactValidator('Yes\n', 'yes\n').message).toContain("expected 'y', got 'Y'");
    expect(exactValidator('1\r\n', '1\n').message).toContain("expected '\\n', got '\\r'");
    expect(exactValidator('1  2', '1 2').message).toContain("expected '2', got 'space'");
  });

  it('reports missing and extra trailing bytes, including the final newline', () => {
    expect(exactValidator('a\nb', 'a\nb\n').message).toBe(
      "Output ends at line 2, column 2 (byte 3); the answer has 1 more byte(s): '\\n'",
    );
    expect(exactValidator('a\n\n', 'a\n').message).toBe("Output has 1 extra byte(s) from line 2, column 1 (byte 2): '\\n'");
  });

  it('describes non-printable bytes in hex', () => {
    expect(exactValidator(new Uint8Array([0x00]), 'a').message).toContain('got byte 0x00');
  });
});

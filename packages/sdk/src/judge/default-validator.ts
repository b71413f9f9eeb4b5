import type { CheckOutcome } from './check-outcome.js';
import { clip } from './check-outcome.js';
import { formatCExponent, parseCFloat } from './c-float.js';
import type { DefaultValidatorFlags } from './checker-spec.js';

/**
 * The Kattis default output validator (problemtools `support/default_validator/default_validator.cc`),
 * ported faithfully so the SDK, the judge and `duet-pack` all agree with Kattis:
 * - tokens are separated by C `isspace` bytes (space, \t, \n, \v, \f, \r), compared byte-wise;
 * - case-insensitive (ASCII only, like `strcasecmp`) unless `case_sensitive`;
 * - with `space_change_sensitive` every whitespace byte must match, including the trailing newline;
 * - when a tolerance is set, an answer token that is a finite float (strtod syntax) is compared
 *   numerically: accepted if |a-b| <= abs or |a-b| <= rel·|a| (a = answer); the output token must
 *   then be a finite float too. Other tokens are compared as strings.
 * Messages mirror problemtools' judgemessage.txt, with token counts added where they help.
 */
export function defaultValidator(
  output: string | Uint8Array,
  answer: string,
  flags: DefaultValidatorFlags = {},
): CheckOutcome {
  return new TokenComparison(toBytes(output), toBytes(answer), resolveTolerances(flags), flags).run();
}

interface Tolerances {
  absolute: number;
  relative: number;
  useFloats: boolean;
}

/** problemtools keeps -1 for "unset"; `float_tolerance` sets both, the specific flags override it. */
function resolveTolerances(flags: DefaultValidatorFlags): Tolerances {
  const absolute = flags.float_absolute_tolerance ?? flags.float_tolerance ?? -1;
  const relative = flags.float_relative_tolerance ?? flags.float_tolerance ?? -1;
  return { absolute, relative, useFloats: absolute >= 0 || relative >= 0 };
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

function toBytes(text: string | Uint8Array): Uint8Array {
  return typeof text === 'string' ? encoder.encode(text) : text;
}

/** C `isspace` in the "C" locale. */
function isSpace(byte: number): boolean {
  return byte === 0x20 || (byte >= 0x09 && byte <= 0x0d);
}

function lowerAscii(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
}

const EOF = -1;
const PREVIEW_BYTES = 120;

class TokenComparison {
  private answerPos = 0;
  private outputPos = 0;
  private answerLine = 1;
  private outputLine = 1;

  constructor(
    private readonly output: Uint8Array,
    private readonly answer: Uint8Array,
    private readonly tolerances: Tolerances,
    private readonly flags: DefaultValidatorFlags,
  ) {}

  run(): CheckOutcome {
    const spaceSensitive = this.flags.space_change_sensitive === true;
    for (let token = 0; ; token++) {
      // Whitespace in the answer; in space-sensitive mode the output must have the same bytes.
      while (this.answerPos < this.answer.length && isSpace(this.answer[this.answerPos]!)) {
        const expected = this.answer[this.answerPos++]!;
        if (spaceSensitive) {
          const got = this.outputPos < this.output.length ? this.output[this.outputPos]! : EOF;
          if (got !== expected) return this.wrong(`Space change error: got ${got} expected ${expected}`);
          if (got === 0x0a) this.outputLine++;
          this.outputPos++;
        }
        if (expected === 0x0a) this.answerLine++;
      }
      while (this.outputPos < this.output.length && isSpace(this.output[this.outputPos]!)) {
        const got = this.output[this.outputPos]!;
        if (spaceSensitive) return this.wrong(`Space change error: judge out of space, got ${got} from user`);
        if (got === 0x0a) this.outputLine++;
        this.outputPos++;
      }

      const judgeStart = this.answerPos;
      const judgeEnd = tokenEnd(this.answer, judgeStart);
      if (judgeEnd === judgeStart) break;
      const teamStart = this.outputPos;
      const teamEnd = tokenEnd(this.output, teamStart);
      if (teamEnd === teamStart) return this.userEof(token, judgeStart, judgeEnd);

      const mismatch = this.compareTokens(judgeStart, judgeEnd, teamStart, teamEnd);
      if (mismatch !== null) return this.wrong(mismatch);
      this.answerPos = judgeEnd;
      this.outputPos = teamEnd;
    }

    // Like `std::cin >> team` after the loop: any further token is trailing output.
    let next = this.outputPos;
    while (next < this.output.length && isSpace(this.output[next]!)) next++;
    if (next < this.output.length) {
      const extra = countTokens(this.output, next);
      const trailing = this.preview(this.output, next, tokenEnd(this.output, next));
      return this.wrong(`Trailing output:\n${trailing}\n(output has ${extra} more token${extra === 1 ? '' : 's'} than the judge answer)`);
    }
    return { ok: true };
  }

  /** Returns a problemtools-style mismatch detail, or null when the tokens agree. */
  private compareTokens(judgeStart: number, judgeEnd: number, teamStart: number, teamEnd: number): string | null {
    if (this.tolerances.useFloats && mayBeFloat(this.answer[judgeStart]!)) {
      const judgeText = this.text(this.answer, judgeStart, judgeEnd);
      const judgeValue = parseCFloat(judgeText);
      if (judgeValue !== null) {
        const teamText = this.text(this.output, teamStart, teamEnd);
        const teamValue = parseCFloat(teamText);
        if (teamValue === null) return `Expected float, got: ${clip(teamText)}`;
        const { absolute, relative } = this.tolerances;
        const difference = Math.abs(judgeValue - teamValue);
        if (!(difference <= absolute) && !(difference <= relative * Math.abs(judgeValue))) {
          return (
            `Too large difference.\n Judge: ${judgeText}\n User: ${clip(teamText)}\n` +
            ` Difference: ${formatCExponent(judgeValue - teamValue)}\n` +
            ` (abs tol ${formatCExponent(absolute)} rel tol ${formatCExponent(relative)})`
          );
        }
        return null;
      }
    }
    if (this.sameBytes(judgeStart, judgeEnd, teamStart, teamEnd)) return null;
    const judgeText = this.preview(this.answer, judgeStart, judgeEnd);
    const teamText = this.preview(this.output, teamStart, teamEnd);
    return `String tokens mismatch\nJudge: "${judgeText}"\nUser: "${teamText}"`;
  }

  private sameBytes(judgeStart: number, judgeEnd: number, teamStart: number, teamEnd: number): boolean {
    if (judgeEnd - judgeStart !== teamEnd - teamStart) return false;
    const caseSensitive = this.flags.case_sensitive === true;
    for (let i = 0; i < judgeEnd - judgeStart; i++) {
      const a = this.answer[judgeStart + i]!;
      const b = this.output[teamStart + i]!;
      if (a !== b && (caseSensitive || lowerAscii(a) !== lowerAscii(b))) return false;
    }
    return true;
  }

  private userEof(token: number, judgeStart: number, judgeEnd: number): CheckOutcome {
    const next = this.preview(this.answer, judgeStart, judgeEnd);
    const expected = token + countTokens(this.answer, judgeStart);
    const counts = `(judge answer has ${expected} token${expected === 1 ? '' : 's'}, output has ${token})`;
    if (token > 0) return this.wrong(`User EOF while judge had more output ${counts}\n(Next judge token: ${next})`);
    const what = this.outputPos === 0 ? 'user output was empty' : 'user output contained no tokens';
    return this.wrong(`User EOF while judge had more output; ${what}.\n(Next judge token: ${next})`);
  }

  private wrong(detail: string): CheckOutcome {
    return {
      ok: false,
      message:
        `Wrong answer on line ${this.outputLine} of output ` +
        `(corresponding to line ${this.answerLine} in answer file)\n${detail}`,
    };
  }

  /** Tokens are decoded only for float parsing and messages, never on the fast path. */
  private text(bytes: Uint8Array, start: number, end: number): string {
    return decoder.decode(bytes.subarray(start, end));
  }

  /** A token for a message: giant tokens are cut before decoding. */
  private preview(bytes: Uint8Array, start: number, end: number): string {
    const length = end - start;
    if (length <= PREVIEW_BYTES) return decoder.decode(bytes.subarray(start, end));
    return `${decoder.decode(bytes.subarray(start, start + PREVIEW_BYTES))}… (${length} bytes)`;
  }
}

function tokenEnd(bytes: Uint8Array, start: number): number {
  let end = start;
  while (end < bytes.length && !isSpace(bytes[end]!)) end++;
  return end;
}

function countTokens(bytes: Uint8Array, from: number): number {
  let count = 0;
  let inToken = false;
  for (let i = from; i < bytes.length; i++) {
    const space = isSpace(bytes[i]!);
    if (!space && !inToken) count++;
    inToken = !space;
  }
  return count;
}

/** First byte of anything strtod could accept as a finite number: digit, sign or dot. */
function mayBeFloat(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || byte === 0x2b || byte === 0x2d || byte === 0x2e;
}

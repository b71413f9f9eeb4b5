/**
 * A small JSON parser that keeps each number's source text, so integers beyond 2^53 (Python ints)
 * compare exactly. It also accepts `NaN`, `Infinity` and `-Infinity`, which Python's `json.dumps`
 * writes by default for float results.
 */
export type JsonNode =
  | { kind: 'number'; text: string; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'array'; items: JsonNode[] }
  | { kind: 'object'; entries: Map<string, JsonNode> };

export class JsonSyntaxError extends Error {
  constructor(message: string, readonly position: number) {
    super(`${message} at position ${position}`);
    this.name = 'JsonSyntaxError';
  }
}

const MAX_DEPTH = 2000;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const STRING_RUN = /[^"\\\u0000-\u001f]*/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function parseJsonLexemes(text: string): JsonNode {
  const parser = new Parser(text);
  const node = parser.value(0);
  parser.skipSpace();
  if (parser.pos !== text.length) throw new JsonSyntaxError('Unexpected data after the JSON value', parser.pos);
  return node;
}

class Parser {
  pos = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      this.pos++;
    }
  }

  value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(`Nesting deeper than ${MAX_DEPTH}`, this.pos);
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"') return { kind: 'string', value: this.string() };
    if (this.take('true')) return { kind: 'boolean', value: true };
    if (this.take('false')) return { kind: 'boolean', value: false };
    if (this.take('null')) return { kind: 'null' };
    if (this.take('NaN')) return { kind: 'number', text: 'NaN', value: NaN };
    if (this.take('Infinity')) return { kind: 'number', text: 'Infinity', value: Infinity };
    if (this.take('-Infinity')) return { kind: 'number', text: '-Infinity', value: -Infinity };
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (match && match[0].length > 0) {
      this.pos += match[0].length;
      return { kind: 'number', text: match[0], value: Number(match[0]) };
    }
    throw new JsonSyntaxError(c === undefined ? 'Unexpected end of JSON' : `Unexpected character ${JSON.stringify(c)}`, this.pos);
  }

  private take(word: string): boolean {
    if (!this.text.startsWith(word, this.pos)) return false;
    this.pos += word.length;
    return true;
  }

  private expect(char: string): void {
    this.skipSpace();
    if (this.text[this.pos] !== char) throw new JsonSyntaxError(`Expected ${JSON.stringify(char)}`, this.pos);
    this.pos++;
  }

  private array(depth: number): JsonNode {
    this.pos++;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { kind: 'array', items };
    }
    for (;;) {
      items.push(this.value(depth + 1));
      this.skipSpace();
      if (this.text[this.pos] === ']') break;
      this.expect(',');
    }
    this.pos++;
    return { kind: 'array', items };
  }

  private object(depth: number): JsonNode {
    this.pos++;
    const entries = new Map<string, JsonNode>();
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { kind: 'object', entries };
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') throw new JsonSyntaxError('Expected a string key', this.pos);
      const key = this.string();
      this.expect(':');
      entries.set(key, this.value(depth + 1));
      this.skipSpace();
      if (this.text[this.pos] === '}') break;
      this.expect(',');
    }
    this.pos++;
    return { kind: 'object', entries };
  }

  private string(): string {
    const t = this.text;
    this.pos++;
    let result = '';
    for (;;) {
      STRING_RUN.lastIndex = this.pos;
      const run = STRING_RUN.exec(t)![0];
      result += run;
      this.pos += run.length;
      const c = t[this.pos];
      if (c === '"') {
        this.pos++;
        return result;
      }
      if (c !== '\\') throw new JsonSyntaxError(c === undefined ? 'Unterminated string' : 'Control character in string', this.pos);
      const escape = t[this.pos + 1] ?? '';
      if (escape === 'u') {
        const hex = t.slice(this.pos + 2, this.pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new JsonSyntaxError('Bad \\u escape', this.pos);
        result += String.fromCharCode(parseInt(hex, 16));
        this.pos += 6;
      } else {
        const replacement = ESCAPES[escape];
        if (replacement === undefined) throw new JsonSyntaxError('Bad escape', this.pos);
        result += replacement;
        this.pos += 2;
      }
    }
  }
}

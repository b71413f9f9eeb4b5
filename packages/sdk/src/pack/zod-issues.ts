import type * as z from 'zod';
import type { PackIssue } from './errors.js';

/** A short, human rendering of a YAML value for "got …" in messages. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (an empty value)';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

/**
 * Schema-level error for a leaf: `expected a positive number of MiB, got "lots"`, or
 * `missing: expected …` when the key is absent. It also covers the leaf's checks (min, regex).
 */
export function expected(what: string) {
  return {
    error: (issue: { input?: unknown }) =>
      issue.input === undefined ? `missing: expected ${what}` : `expected ${what}, got ${describeValue(issue.input)}`,
  };
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
  literal: 'a fixed value',
};

type RawIssue = z.core.$ZodRawIssue;

function allowedKeys(issue: RawIssue): string[] {
  const shape = (issue.inst as { _zod?: { def?: { shape?: Record<string, unknown> } } } | undefined)?._zod?.def?.shape;
  return shape ? Object.keys(shape) : [];
}

/** Parse-level error map for issues whose schema has no message of its own. */
export const packErrorMap: z.core.$ZodErrorMap = (issue) => {
  const got = describeValue(issue.input);
  switch (issue.code) {
    case 'invalid_type': {
      const want = TYPE_NAMES[issue.expected] ?? issue.expected;
      return issue.input === undefined ? `missing: expected ${want}` : `expected ${want}, got ${got}`;
    }
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${got}`;
    case 'unrecognized_keys': {
      const allowed = allowedKeys(issue);
      return allowed.length ? `unknown key (allowed keys: ${allowed.join(', ')})` : 'unknown key';
    }
    case 'invalid_union': {
      const raw = issue as RawIssue & { discriminator?: string; options?: unknown[] };
      if (raw.discriminator && raw.options) {
        const value = (issue.input as Record<string, unknown> | undefined)?.[raw.discriminator];
        const want = raw.options.map((o) => JSON.stringify(o)).join(' or ');
        return value === undefined ? `missing: expected ${want}` : `expected ${want}, got ${describeValue(value)}`;
      }
      return `got ${got}, which matches none of the accepted forms`;
    }
    case 'invalid_key': {
      // A record key that fails its own schema: that schema's message says what a key must be.
      const inner = (issue as { issues?: Array<{ message?: string }> }).issues?.[0]?.message;
      return inner ? `${inner}, got ${got}` : undefined;
    }
    case 'too_small':
      return `expected ${issue.origin === 'array' ? 'at least' : issue.inclusive ? '>=' : '>'} ${String(issue.minimum)}${issue.origin === 'array' ? ' item(s)' : ''}${issue.origin === 'string' ? ' characters' : ''}, got ${issue.origin === 'array' ? `${(issue.input as unknown[]).length} item(s)` : got}`;
    case 'too_big':
      return `expected ${issue.inclusive ? '<=' : '<'} ${String(issue.maximum)}, got ${got}`;
    default:
      return undefined;
  }
};

/** A pack issue plus whether it is about a key itself (an unknown key) rather than its value. */
export type LocatableIssue = PackIssue & { aboutKey?: true };

/** Turn zod issues into pack issues; unknown keys become one issue per key, at the key's path. */
export function toPackIssues(error: z.core.$ZodError, file: string): LocatableIssue[] {
  const out: LocatableIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ file, field: [...path, key].join('.'), message: issue.message, aboutKey: true });
    } else {
      out.push(path.length ? { file, field: path.join('.'), message: issue.message } : { file, message: issue.message });
    }
  }
  return out;
}

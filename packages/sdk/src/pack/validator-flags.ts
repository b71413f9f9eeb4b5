import { BOOLEAN_VALIDATOR_FLAGS as BOOLEAN_FLAGS, NUMBER_VALIDATOR_FLAGS as NUMBER_FLAGS, type DefaultValidatorFlags } from '../judge/checker-spec.js';

export type ValidatorFlagsResult =
  | { ok: true; flags: DefaultValidatorFlags }
  | { ok: false; errors: string[] };

const KNOWN = [...BOOLEAN_FLAGS, ...NUMBER_FLAGS.map((f) => `${f} <ε>`)].join(', ');

/**
 * Parse Kattis `validator_flags` for the default output validator, e.g.
 * `"float_tolerance 1e-6"` or `"case_sensitive space_change_sensitive"`.
 * Every mistake is reported, not only the first.
 */
export function parseValidatorFlags(text: string | undefined | null): ValidatorFlagsResult {
  const tokens = (text ?? '').split(/\s+/).filter(Boolean);
  const flags: DefaultValidatorFlags = {};
  const errors: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if ((BOOLEAN_FLAGS as readonly string[]).includes(token)) {
      flags[token as (typeof BOOLEAN_FLAGS)[number]] = true;
    } else if ((NUMBER_FLAGS as readonly string[]).includes(token)) {
      const arg = tokens[i + 1];
      // Strict: Number('') is 0 and Number('0x10') is 16, neither is a tolerance an author meant.
      const value = arg !== undefined && /^[+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(arg) ? Number(arg) : NaN;
      if (arg === undefined) {
        errors.push(`${token} needs a number after it, e.g. "${token} 1e-6"`);
      } else if (!Number.isFinite(value)) {
        errors.push(`${token}: expected a non-negative number, got ${JSON.stringify(arg)}`);
        i++;
      } else {
        flags[token as (typeof NUMBER_FLAGS)[number]] = value;
        i++;
      }
    } else {
      errors.push(`unknown flag ${JSON.stringify(token)} for the default validator (known flags: ${KNOWN})`);
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, flags };
}

/** Arguments handed to a custom output validator after `input answer feedback_dir`. */
export function validatorArgs(text: string | undefined | null): string[] {
  return (text ?? '').split(/\s+/).filter(Boolean);
}

/**
 * How a test's output is checked. The spec travels in run bundles (JSON), so it is plain data.
 * `default` is the Kattis default output validator; `custom` is a Kattis output validator program
 * (exit 42 = AC, 43 = WA, anything else = IE) that the judge runs in a sandbox of its own.
 */
export interface DefaultValidatorFlags {
  case_sensitive?: boolean;
  space_change_sensitive?: boolean;
  /** Both absolute and relative tolerance. */
  float_tolerance?: number;
  float_absolute_tolerance?: number;
  float_relative_tolerance?: number;
}

export type ValidatorLanguage = 'python' | 'c' | 'cpp';

export type CheckerSpec =
  | { type: 'default'; flags?: DefaultValidatorFlags }
  | { type: 'exact' }
  | {
      type: 'custom';
      language: ValidatorLanguage;
      /** Relative path → file content of the validator program (sources, headers, helpers). */
      files: Record<string, string>;
      /** Extra arguments from `validator_flags`. */
      args?: string[];
    };

/**
 * How a test's output is checked. The spec travels in run bundles (JSON), so it is plain data.
 * `default` is the Kattis default output validator; `custom` is a Kattis output validator program
 * (exit 42 = AC, 43 = WA, anything else = IE) that the judge runs in a sandbox of its own.
 */
import { z } from 'zod';

/** The Kattis default validator's flags that take no argument. */
export const BOOLEAN_VALIDATOR_FLAGS = ['case_sensitive', 'space_change_sensitive'] as const;
/** The flags that take a number (`float_tolerance` sets both the absolute and relative tolerance). */
export const NUMBER_VALIDATOR_FLAGS = ['float_tolerance', 'float_absolute_tolerance', 'float_relative_tolerance'] as const;

export const defaultValidatorFlagsSchema = z
  .object({
    ...Object.fromEntries(BOOLEAN_VALIDATOR_FLAGS.map((flag) => [flag, z.boolean().optional()])),
    ...Object.fromEntries(NUMBER_VALIDATOR_FLAGS.map((flag) => [flag, z.number().nonnegative().optional()])),
  } as Record<(typeof BOOLEAN_VALIDATOR_FLAGS)[number], z.ZodOptional<z.ZodBoolean>> &
    Record<(typeof NUMBER_VALIDATOR_FLAGS)[number], z.ZodOptional<z.ZodNumber>>)
  .strict();

export type DefaultValidatorFlags = z.infer<typeof defaultValidatorFlagsSchema>;

export const VALIDATOR_LANGUAGES = ['python', 'c', 'cpp'] as const;
export type ValidatorLanguage = (typeof VALIDATOR_LANGUAGES)[number];

/** A relative path inside a file map: no leading slash, no `..` segment. */
export const relativePathSchema = z.string().regex(/^(?!\/)(?!.*(^|\/)\.\.(\/|$))[\w.\-/]+$/, 'a relative path without ..');

export const checkerSpecSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('default'), flags: defaultValidatorFlagsSchema.optional() }).strict(),
  z.object({ type: z.literal('exact') }).strict(),
  z
    .object({
      type: z.literal('custom'),
      language: z.enum(VALIDATOR_LANGUAGES),
      /** Relative path → file content of the validator program (sources, headers, helpers). */
      files: z
        .record(relativePathSchema, z.string())
        .refine((files) => Object.keys(files).length > 0 && Object.keys(files).length <= 64, 'between 1 and 64 files'),
      /** Extra arguments from `validator_flags` / `output_validator_args`. */
      args: z.array(z.string().max(200)).max(32).optional(),
    })
    .strict(),
]);

export type CheckerSpec = z.infer<typeof checkerSpecSchema>;

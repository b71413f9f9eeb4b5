import * as z from 'zod';
import { expected } from './zod-issues.js';

/** Field schemas shared by every problem.yaml format version (sizes in MiB, times in seconds). */

export const positive = (what: string) => z.number(expected(`a positive number of ${what}`)).positive();
export const text = (what: string) => z.string(expected(what));

const KATTIS_LICENSES = ['unknown', 'public domain', 'cc0', 'cc by', 'cc by-sa', 'educational', 'permission'] as const;
// Kattis' closed list; a software licence such as MIT is the pack's and belongs in pack.yaml.
export const license = z.enum(
  KATTIS_LICENSES,
  expected(`one of ${KATTIS_LICENSES.map((l) => `"${l}"`).join(', ')} (Kattis licences; the pack's own licence, e.g. MIT, goes in pack.yaml)`),
);

/** `name`: one string, or a map from language code to the name in that language. */
export const problemNameField = z.union(
  [z.string(), z.record(z.string(), z.string())],
  expected('a name, or a map from language code to name, e.g. {en: Hello, sv: Hej}'),
);

export const commonLimits = {
  memory: positive('MiB'),
  output: positive('MiB'),
  code: positive('KiB'),
  compilation_time: positive('seconds'),
  compilation_memory: positive('MiB'),
  validation_time: positive('seconds'),
  validation_memory: positive('MiB'),
  validation_output: positive('MiB'),
};

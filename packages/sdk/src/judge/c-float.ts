/**
 * Parses a token the way problemtools' `isfloat` does on glibc: `sscanf(s, "%lf%10s")` must
 * consume the whole token and the value must be finite. That means strtod syntax (decimal or
 * hexadecimal, optional sign and exponent) plus glibc's scanf quirks, checked against glibc:
 * a dangling exponent marker is accepted and ignored (`1e`, `2.5E+`, `0x1p-` are floats) and `0x.`
 * is zero. `inf`, `nan` and overflowing literals such as `1e400` are not floats.
 * Returns null when the token is not a float.
 */
const DECIMAL = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:[eE]([+-]?\d*))?$/;
const HEX = /^([+-]?)0[xX]([0-9a-fA-F]*)(\.[0-9a-fA-F]*)?(?:([pP])([+-]?\d*))?$/;

export function parseCFloat(token: string): number | null {
  const value = parseDecimal(token) ?? parseHex(token);
  return value !== null && Number.isFinite(value) ? value : null;
}

function parseDecimal(token: string): number | null {
  const match = DECIMAL.exec(token);
  if (!match) return null;
  const [, mantissa = '', exponent = ''] = match;
  // A bare sign after `e` means no exponent, as in glibc.
  return /\d/.test(exponent) ? Number(`${mantissa}e${exponent}`) : Number(mantissa);
}

function parseHex(token: string): number | null {
  const match = HEX.exec(token);
  if (!match) return null;
  const [, sign = '', whole = '', dotted, marker, exponent = ''] = match;
  const fraction = dotted?.slice(1) ?? '';
  if (whole === '' && fraction === '') {
    // glibc reads `0x.` as zero but rejects `0x`, `0xp1` and `0x.p1`.
    return dotted !== undefined && marker === undefined ? (sign === '-' ? -0 : 0) : null;
  }
  let mantissa = 0;
  for (const digit of whole + fraction) mantissa = mantissa * 16 + parseInt(digit, 16);
  const power = (/\d/.test(exponent) ? Number(exponent) : 0) - 4 * fraction.length;
  const value = mantissa * 2 ** power;
  return sign === '-' ? -value : value;
}

/** C's `%le` (e.g. `1.000000e-03`, `-1.000000e+00`), used to mirror problemtools' messages. */
export function formatCExponent(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const [mantissa, exponent = '0'] = value.toExponential(6).split('e');
  const sign = exponent.startsWith('-') ? '-' : '+';
  const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
  return `${mantissa}e${sign}${digits}`;
}

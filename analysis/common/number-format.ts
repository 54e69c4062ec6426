/**
 * How the analysis writes numbers, in one place: the terminal summaries, validation's text and
 * JSON, the report and the CSV files. Each function shows a missing or non-finite value as
 * `missing`: "n/a" in text, an en dash in the report, an empty field in CSV.
 */

/** Text for a value that is missing or not a finite number. */
export const NOT_AVAILABLE = 'n/a';

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Fixed decimals: fixed(0.12345) = "0.123". */
export function fixed(x: unknown, decimals = 3, missing = NOT_AVAILABLE): string {
  return isNumber(x) ? x.toFixed(decimals) : missing;
}

/**
 * A measured value, briefly: integers whole, from 100 up to one decimal, otherwise three
 * significant digits (brief(0.012345) = "0.0123", brief(1234.56) = "1234.6", brief(7) = "7").
 */
export function brief(x: unknown, missing = NOT_AVAILABLE): string {
  if (!isNumber(x)) return missing;
  return Number.isInteger(x) ? String(x) : Math.abs(x) >= 100 ? x.toFixed(1) : String(Number(x.toPrecision(3)));
}

/** An integer with thousands separators: integer(12345.6) = "12,346". */
export function integer(x: unknown, missing = NOT_AVAILABLE): string {
  return isNumber(x) ? Math.round(x).toLocaleString('en-US') : missing;
}

/**
 * A share as a percentage: percent(0.1234) = "12.3%". `signed` puts "+" before a share >= 0 and
 * `minus` (default "-") before a negative one: percent(-0.05, 1, { signed: true }) = "-5.0%".
 */
export function percent(
  x: unknown,
  decimals = 1,
  options: { signed?: boolean; minus?: string; missing?: string } = {},
): string {
  if (!isNumber(x)) return options.missing ?? NOT_AVAILABLE;
  const p = x * 100;
  if (!options.signed) return `${p.toFixed(decimals)}%`;
  return `${p >= 0 ? '+' : (options.minus ?? '-')}${Math.abs(p).toFixed(decimals)}%`;
}

/** A number for JSON: finite values rounded to 6 significant digits, anything else null. */
export function rounded(x: number): number | null {
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : null;
}

/** A number for CSV with a fixed precision, so files compare byte for byte; empty when not finite. */
export function csvNumber(x: number, decimals = 6): string {
  return fixed(x, decimals, '');
}

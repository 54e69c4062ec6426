/** The outcome of one validation check, as written to validation.json. */
export interface CheckResult {
  /** Stable id, e.g. "persona-distribution". */
  id: string;
  /** Short human name. */
  name: string;
  /** Measured values by name; null when there was no data to measure. */
  value: Record<string, number | null>;
  /** The thresholds applied, by name (min... must be reached, max... must not be exceeded). */
  threshold: Record<string, number>;
  pass: boolean;
  /** What was measured, on which traders, and why it passed or failed. */
  detail: string;
}

/** A number for the JSON: finite values rounded to 6 significant digits, anything else null. */
export function num(x: number): number | null {
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : null;
}

/** A number for the text: 3 significant decimals, or "n/a". */
export function fmt(x: number | null, digits = 3): string {
  return x === null || !Number.isFinite(x) ? 'n/a' : x.toFixed(digits);
}

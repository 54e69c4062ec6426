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

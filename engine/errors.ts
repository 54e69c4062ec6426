/** Errors made in one place: bad input from the user is a UsageError (exit code 2). */

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Formats a value for an error message: strings quoted, everything short. */
export function show(value: unknown): string {
  const s = typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? `[${value.map(show).join(', ')}]` : String(value);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** An experiment stopped by Ctrl-C: its finished runs are kept and a re-run picks up (exit 130). */
export class Interrupted extends Error {
  override name = 'Interrupted';
}

/** A failure as one line: errors from the model are often multi-line. */
export function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0].trim() || (e instanceof Error ? e.name : 'failed');
}

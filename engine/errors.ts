/** Errors made in one place: bad input from the user is a UsageError (exit code 2). */

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Formats a value for an error message: strings quoted, everything short. */
export function show(value: unknown): string {
  const s = typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? `[${value.map(show).join(', ')}]` : String(value);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** Command-line parsing shared by every command: strict flags, typed values, errors that name the flag. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, show } from './errors.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses argv strictly: an unknown flag or a missing value is a UsageError naming it. */
export function parse(argv: string[], options: Options, positionals = 0): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: positionals > 0 });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0].replace(/\. To specify a positional argument.*$/, '');
    throw new UsageError(msg);
  }
  if (parsed.positionals.length > positionals) throw new UsageError(`unexpected argument ${show(parsed.positionals[positionals])}`);
  return parsed as { values: Record<string, string | boolean | undefined>; positionals: string[] };
}

/** A positive integer flag value, or undefined when absent. */
export function positiveInt(values: Record<string, unknown>, flag: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const raw = values[flag];
  if (raw === undefined) return undefined;
  const s = String(raw).replace(/_/g, '');
  const n = /^\d+$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0 || n > max) throw new UsageError(`--${flag} must be a positive integer${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}, got ${show(raw)}`);
  return n;
}

export function str(values: Record<string, unknown>, flag: string): string | undefined {
  const v = values[flag];
  return v === undefined ? undefined : String(v);
}

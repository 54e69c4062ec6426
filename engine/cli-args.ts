/** Command-line parsing shared by every command: strict flags, typed values, errors that name the flag. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError, show } from './errors.ts';
import { parseAssignment, type Assignment } from './scenario-paths.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses argv strictly: an unknown flag or a missing value is a UsageError naming it. */
export function parse(
  argv: string[],
  options: Options,
  positionals = 0,
): { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: positionals > 0,
    });
  } catch (e) {
    const err = e as Error & { code?: string };
    // node:util rejects a value that starts with "-" as ambiguous; say which value, and how to pass it.
    const flag = /Option '(--[\w-]+)/.exec(err.message)?.[1];
    if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) {
      const at = argv.findIndex((a, k) => a === flag && argv[k + 1]?.startsWith('-'));
      const value = at >= 0 ? argv[at + 1] : undefined;
      if (value !== undefined) {
        throw new UsageError(`${flag} got ${show(value)}: a value starting with "-" must be written ${flag}=${value}`);
      }
    }
    throw new UsageError(err.message.split('\n')[0].replace(/\. To specify a positional argument.*$/, ''));
  }
  if (parsed.positionals.length > positionals)
    throw new UsageError(`unexpected argument ${show(parsed.positionals[positionals])}`);
  return parsed as { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };
}

/** A positive integer flag value, or undefined when absent. */
export function positiveInt(
  values: Record<string, unknown>,
  flag: string,
  max = Number.MAX_SAFE_INTEGER,
): number | undefined {
  const raw = values[flag];
  if (raw === undefined) return undefined;
  const s = String(raw).replace(/_/g, '');
  const n = /^\d+$/.test(s) ? Number(s) : NaN;
  if (!Number.isSafeInteger(n) || n <= 0 || n > max)
    throw new UsageError(
      `--${flag} must be a positive integer${max < Number.MAX_SAFE_INTEGER ? ` up to ${max}` : ''}, got ${show(raw)}`,
    );
  return n;
}

export function str(values: Record<string, unknown>, flag: string): string | undefined {
  const v = values[flag];
  return v === undefined ? undefined : String(v);
}

/** The `--set PATH=VALUE` assignments (a repeatable flag), in the order given. */
export function assignments(values: Record<string, unknown>, flag = 'set'): Assignment[] {
  const raw = values[flag];
  if (raw === undefined) return [];
  return (Array.isArray(raw) ? raw : [raw]).map((a) => parseAssignment(String(a), `--${flag}`));
}

/** The help lines of `--set`, shared by every command that takes it. */
export const SET_HELP = `  --set PATH=VALUE   set one scenario field (repeatable, applied in order after --config), e.g.
                     --set market.price.demandResponse=0 --set population.personas.bargain_hunter.share=0.3;
                     list elements with an id are named by it (market.zones.mbare.priceLevel), others
                     by index (calendar.weekly.5), * is every element (population.personas.*.repeat);
                     setting one persona's (or zone's) share rescales the others in proportion so
                     the shares still sum to 1; VALUE is read as JSON if it is JSON, else as a string`;

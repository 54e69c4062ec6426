/**
 * Every benchmark's command line, read one way: node:util's parseArgs in strict mode, `--help` /
 * `-h` printing the usage, and a bad flag or value answered with `bench/<name>: <what is wrong>`,
 * the usage, and exit code 2 (the CLI's code for bad usage).
 */
import { parseArgs } from 'node:util';

type Options = Record<string, { type: 'string' | 'boolean'; short?: string }>;
/** What parseArgs gives for single-valued options: a string or a boolean, or nothing if absent. */
type Values<O extends Options> = { [K in keyof O]?: O[K]['type'] extends 'boolean' ? boolean : string };

export class BenchCommand {
  constructor(
    /** The script's name under bench/, as in `bench/<name>: ...`. */
    readonly name: string,
    readonly usage: string,
  ) {}

  /** Prints what is wrong and the usage, and exits 2. */
  fail(message: string): never {
    process.stderr.write(`bench/${this.name}: ${message}\n\n${this.usage.trimEnd()}\n`);
    process.exit(2);
  }

  /** The parsed flags; `--help` prints the usage and exits 0. Positional arguments are refused. */
  parse<const O extends Options>(options: O, argv: string[] = process.argv.slice(2)): Values<O> {
    let values: Record<string, unknown>;
    try {
      ({ values } = parseArgs({
        args: argv,
        options: { ...options, help: { type: 'boolean', short: 'h' } },
        strict: true,
      }));
    } catch (e) {
      this.fail((e as Error).message);
    }
    if (values.help) {
      process.stdout.write(`${this.usage.trimEnd()}\n`);
      process.exit(0);
    }
    return values as Values<O>;
  }

  /** A positive integer flag (underscores allowed: 1_000_000), or `fallback` when it is absent. */
  positive(value: string | undefined, flag: string, fallback: number): number {
    if (value === undefined) return fallback;
    const n = Number(value.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < 1) this.fail(`--${flag} must be a positive integer, got ${JSON.stringify(value)}`);
    return n;
  }
}

/**
 * The musika program: node engine/bin.mjs <command> [options] (or npx tsx engine/cli.ts <command>).
 * The commands and main() are in cli-main.ts, which tests import without running a command.
 */
import { main } from './cli-main.ts';

// Output piped into a reader that stops early (`musika sql ... | head`) is not an error: stop
// quietly, as Unix tools do, instead of crashing on the broken pipe.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

process.exitCode = await main(process.argv.slice(2));

/**
 * The musika program: node engine/bin.mjs <command> [options] (or npx tsx engine/cli.ts <command>).
 * The commands and main() are in cli-main.ts, which tests import without running a command.
 */
import { main } from './cli-main.ts';

process.exitCode = await main(process.argv.slice(2));

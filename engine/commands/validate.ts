/** `musika validate DIR`: MODEL.md's validation checklist, measured on a run directory. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
// Straight from the groups rather than analysis/index.ts: validate needs none of the clustering.
import { RunDirError } from '../../analysis/run/index.ts';
import { DEFAULT_THRESHOLDS, formatValidation, validateRun, writeValidation } from '../../analysis/validation/index.ts';
import { parse, str } from '../cli-args.ts';
import { UsageError, show } from '../errors.ts';
import { loadThresholdsFile } from '../thresholds-file.ts';

export const VALIDATE_HELP = `Usage: musika validate DIR [--thresholds FILE.json]

Checks a run against the model's validation checklist (MODEL.md, "What the data must show"), from
the outputs and the ground truth (traders.csv): persona distribution (chi-square), feature
correlations, weekly and monthly cycles, category specialisation, price sensitivity, repeat
purchases, lifecycle ramp-up, realistic distributions and no leak of the ground truth. Prints one
line per check and writes DIR/validation.json.

Exit status: 0 when every check passes, 1 when any fails, 2 on unusable input.

Options:
  --thresholds FILE  JSON overriding any default threshold, e.g. {"temporal":{"minWeeklyAmplitude":0.3}}
                     (defaults and their reasoning: analysis/validation/thresholds.ts)
  -h, --help         show this help
`;

export const validateOptions = {
  thresholds: { type: 'string' },
} as const;

/** `out` receives the report (standard output by default; tests pass their own). */
export async function validateCommand(
  argv: string[],
  out: (text: string) => void = (t) => process.stdout.write(t),
): Promise<number> {
  const { values, positionals } = parse(argv, validateOptions, 1);
  if (values.help) {
    out(VALIDATE_HELP);
    return 0;
  }
  const dir = positionals[0];
  if (!dir) throw new UsageError('validate needs a run directory: musika validate DIR');
  if (!existsSync(dir)) throw new UsageError(`run directory ${show(dir)} does not exist`);
  if (!existsSync(join(dir, 'manifest.json')))
    throw new UsageError(`run directory ${show(dir)} has no manifest.json (not a finished run)`);
  const file = str(values, 'thresholds');
  const thresholds = file === undefined ? DEFAULT_THRESHOLDS : loadThresholdsFile(file);
  let result;
  try {
    result = await validateRun(dir, thresholds);
  } catch (e) {
    if (e instanceof RunDirError) throw new UsageError(e.message);
    throw e;
  }
  const path = writeValidation(dir, result);
  out(`${formatValidation(result)}\n  written to ${path}\n`);
  return result.failed === 0 ? 0 : 1;
}

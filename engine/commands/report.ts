/** `musika report DIR`: one self-contained HTML page about a run (and its analysis, when present). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RunDirError, writeReport, type ReportResult } from '../../analysis/index.ts';
import { parse, str } from '../cli-args.ts';
import { UsageError, show } from '../errors.ts';
import { requireRunDir } from './analyze.ts';

export const REPORT_HELP = `Usage: musika report DIR [options]

Writes DIR/report.html: one HTML file that opens without a network, with charts rendered to SVG
(Vega-Lite) when it is made. Data sections come from the run's CSV files (streamed once): the run,
persona and zone shares, spend and activity per persona, activity by hour, weekday and day of month,
prices per category and zone, and the unit price each persona pays. When DIR/analysis/ exists
(musika analyze) it adds silhouette and inertia against k, the persona-by-cluster heat map and a PCA
projection of the traders; DIR/validation.json adds the validation checklist and
DIR/analysis/recommend.json the recommendation table. Absent inputs leave a note in their place.

Options:
  --baseline DIR   a run to show beside this one in the k chart (e.g. the uniform run); by default
                   the sibling written by "musika compare" (OUT/uniform beside OUT/personas) if any
  -h, --help       show this help
`;

export const reportOptions = {
  baseline: { type: 'string' },
} as const;

export async function reportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, reportOptions, 1);
  if (values.help) {
    process.stdout.write(REPORT_HELP);
    return 0;
  }
  const dir = requireRunDir(positionals[0], 'report');
  const baseline = str(values, 'baseline');
  if (baseline !== undefined && !existsSync(join(baseline, 'manifest.json'))) {
    throw new UsageError(`--baseline ${show(baseline)} has no manifest.json (not a finished run)`);
  }
  let r: ReportResult;
  try {
    r = await writeReport(dir, { baseline });
  } catch (e) {
    // A run directory with a missing file or column: one line naming it, like any bad input.
    if (e instanceof RunDirError) throw new UsageError(e.message);
    throw e;
  }
  const left = r.sections.filter((s) => !s.included);
  process.stdout.write(
    `musika report: ${r.path} (${(r.bytes / 1024).toFixed(0)} KB, ${r.sections.length - left.length} of ${r.sections.length} sections) in ${r.seconds.toFixed(1)} s\n` +
      (r.baseline ? `  baseline: ${r.baseline}\n` : '') +
      left.map((s) => `  left out: ${s.title}: ${(s.note ?? '').replace(/^Left out: /, '')}\n`).join(''),
  );
  return 0;
}

/**
 * `musika pipeline`: the whole default job in one command (what `npm start` runs): simulate,
 * analyze, validate, recommend, report, then the headline table and where everything went.
 */
import { join } from 'node:path';
import {
  fixed,
  naturalKText,
  DEFAULT_PS_THRESHOLD,
  DEFAULT_TEST_WEEKS,
  DEFAULT_THRESHOLDS,
  PIPELINE_READERS,
  analyzeRun,
  openRun,
  readRunInputs,
  recommendRun,
  validateRun,
  writeReport,
  writeValidation,
  type AnalysisResult,
  type RecommendResult,
  type ReportResult,
  type ValidationResult,
} from '../../analysis/index.ts';
import { SET_HELP, parse, positiveInt, str } from '../cli-args.ts';
import { psThresholdFrom } from './analyze.ts';
import {
  formatFromFlags,
  formatSummary,
  prepareOut,
  runWithProgress,
  scenarioFromFlags,
  simulateOptions,
} from './simulate.ts';

export const PIPELINE_HELP = `Usage: musika pipeline [options]

Runs the whole job on one scenario: simulate, analyze, validate, recommend and report, then prints
the headline table (natural k by prediction strength and the silhouette k, silhouette, ARI, checks
passed, recommender lift) and the report's path.

Options:
  --traders N        number of traders (default 2000)
  --weeks W          simulated weeks (default 26)
  --seed S           random seed (default 42)
  --out DIR          run directory (default runs/default)
  --scenario NAME    personas (default), uniform or distinct
  --config FILE      JSON file overriding any scenario field
${SET_HELP}
  --threads T        worker threads for the simulation
  --ps-threshold P   smallest mean prediction strength of a natural k (default ${DEFAULT_PS_THRESHOLD}; see analyze --help)
  --strict           exit 1 when any validation check fails
  -h, --help         show this help

DIR is the pipeline's own output: a run already there is replaced.

Exit codes: 0 when the job ran to the end, whatever the checks found (the headline says how many
passed, validation.json why), so the uniform scenario's expected failures do not fail the job;
with --strict, 1 when any check fails; 2 on bad input; 1 on an error.
`;

/** The lift of `name` over global popularity in NDCG@k, as a percentage. */
function lift(r: RecommendResult, name: string): number | undefined {
  const base = r.recommenders.find((x) => x.name === 'popularity');
  const other = r.recommenders.find((x) => x.name === name);
  return base && other && base.ndcg > 0 ? (100 * (other.ndcg - base.ndcg)) / base.ndcg : undefined;
}

export function formatHeadline(a: AnalysisResult, v: ValidationResult, r: RecommendResult, reportPath: string): string {
  const k6 = a.perK.find((p) => p.k === 6);
  const natural = a.perK.find((p) => p.k === a.naturalK);
  const sil = a.perK.find((p) => p.k === a.silhouetteK);
  const ps = a.predictionStrength.find((p) => p.k === a.naturalK);
  const best = [...r.recommenders].filter((x) => x.name !== 'popularity').sort((x, y) => y.ndcg - x.ndcg)[0];
  const segment = lift(r, 'segment');
  const rows: [string, string][] = [
    [
      `natural k (prediction strength >= ${a.psThreshold})`,
      ps ? `${naturalKText(a)} (prediction strength ${fixed(ps.mean)})` : naturalKText(a),
    ],
    [
      'silhouette / ARI against personas at the natural k',
      natural ? `${fixed(natural.silhouette)} / ${fixed(natural.ari)}` : 'n/a',
    ],
    ['silhouette k (max silhouette)', String(a.silhouetteK)],
    ['silhouette / ARI at the silhouette k', `${fixed(sil?.silhouette)} / ${fixed(sil?.ari)}`],
    ['silhouette / ARI at k = 6', `${fixed(k6?.silhouette)} / ${fixed(k6?.ari)}`],
    ['validation checks passed', `${v.passed} of ${v.checks.length}`],
    [
      `best recommender NDCG@${r.k} lift over popularity`,
      best ? `${best.name} ${lift(r, best.name)?.toFixed(1)}%` : 'n/a',
    ],
    [`segment popularity NDCG@${r.k} lift`, segment === undefined ? 'n/a' : `${segment.toFixed(1)}%`],
    ['report', reportPath],
  ];
  const w = Math.max(...rows.map((x) => x[0].length));
  return rows.map(([k, val]) => `  ${k.padEnd(w)}  ${val}`).join('\n');
}

export async function pipelineCommand(argv: string[]): Promise<number> {
  const { resume: _r, extend: _e, force: _f, 'checkpoint-every': _c, ...runOptions } = simulateOptions;
  const { values } = parse(argv, { ...runOptions, 'ps-threshold': { type: 'string' }, strict: { type: 'boolean' } });
  if (values.help) {
    process.stdout.write(PIPELINE_HELP);
    return 0;
  }
  const out = str(values, 'out') ?? 'runs/default';
  // The analysis reads either format through analysis/run (one reader for the data contract).
  const format = formatFromFlags(values);
  const s = scenarioFromFlags(values);
  // Checked before any work, so a bad threshold fails at once.
  const psThreshold = psThresholdFrom(values);
  const said = prepareOut(out, true);
  if (said) process.stderr.write(`musika: ${said}\n`);
  const sim = await runWithProgress(s, out, positiveInt(values, 'threads', 64), { format });
  process.stdout.write(`${formatSummary(s, sim, out)}\n`);
  // One pass over the run feeds the analysis, the checks, the recommenders and the report.
  process.stderr.write('reading the run once ...\n');
  const run = openRun(out, { consumers: PIPELINE_READERS });
  let analysis: AnalysisResult;
  let validation: ValidationResult;
  let recommend: RecommendResult;
  let report: ReportResult;
  try {
    const inputs = await readRunInputs(run, {
      testWeeks: DEFAULT_TEST_WEEKS,
      leakBins: DEFAULT_THRESHOLDS.leakage.bins,
    });
    process.stderr.write('analysing ...\n');
    analysis = await analyzeRun(run, { psThreshold, inputs });
    process.stderr.write('validating ...\n');
    validation = await validateRun(run, DEFAULT_THRESHOLDS, inputs.runData);
    writeValidation(out, validation);
    process.stderr.write('scoring recommenders ...\n');
    recommend = await recommendRun(run, {}, inputs);
    process.stderr.write('writing the report ...\n');
    report = await writeReport(out, { aggregate: inputs.aggregate });
  } finally {
    run.close();
  }
  process.stdout.write(`\nmusika pipeline: ${s.name}, ${s.traders} traders x ${s.weeks} weeks, seed ${s.seed}\n`);
  process.stdout.write(`${formatHeadline(analysis, validation, recommend, report.path)}\n`);
  process.stdout.write(`  details: ${join(out, 'analysis')}/, ${join(out, 'validation.json')}\n`);
  return values.strict === true && validation.failed > 0 ? 1 : 0;
}

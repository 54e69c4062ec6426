/** `musika compare`: the brief's before/after, the persona scenario against the uniform one. */
import { join } from 'node:path';
import {
  fixed,
  naturalKText,
  DEFAULT_PS_THRESHOLD,
  DEFAULT_TEST_WEEKS,
  analyzeRun,
  formatRecommendComparison,
  recommendRun,
  type AnalysisResult,
  type RecommendResult,
} from '../../analysis/index.ts';
import { SET_HELP, assignments, parse, positiveInt, str } from '../cli-args.ts';
import { UsageError } from '../errors.ts';
import { psThresholdFrom } from './analyze.ts';
import { resolveScenario } from '../scenario-load.ts';
import { runWithProgress } from './simulate.ts';

export const COMPARE_HELP = `Usage: musika compare [options]

Runs the persona scenario and the uniform scenario (the brief's "before") at the same size and
seed, analyses both, and prints the before/after table with both criteria for k: the natural k by
prediction strength (1 = no cluster structure) with its prediction strength, ARI and silhouette, and
the k of the highest silhouette with its silhouette and ARI; then silhouette and ARI at k = 6 and at
a forced k = 13, and the silhouette of the true persona labels (the ceiling for any clustering that
recovers the personas). Then it runs
the recommenders on both (musika recommend: the last 4 weeks held out) and prints NDCG@10 and the
gain over global popularity side by side.

Options:
  --traders N      traders per scenario (default 2000)
  --weeks W        simulated weeks (default 26)
  --seed S         seed (default 42)
  --out DIR        where the two runs go: DIR/personas and DIR/uniform (default runs/compare)
  --scenario NAME  the "after" scenario: personas (default) or distinct
  --config FILE    JSON file overriding scenario fields, applied to both scenarios
${SET_HELP}
                     (--config and --set apply to both scenarios)
  --ps-threshold P smallest mean prediction strength of a natural k (default ${DEFAULT_PS_THRESHOLD}; see analyze --help)
  -h, --help       show this help
`;

export const compareOptions = {
  traders: { type: 'string' },
  weeks: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  scenario: { type: 'string' },
  config: { type: 'string' },
  set: { type: 'string', multiple: true },
  'ps-threshold': { type: 'string' },
} as const;

function atK(r: AnalysisResult, k: number): { silhouette: number; ari: number } | undefined {
  return [...r.perK, ...r.extraK].find((p) => p.k === k);
}

/** Prediction strength at k (undefined at k = 1 or outside the sweep). */
function psAt(r: AnalysisResult, k: number): number | undefined {
  return r.predictionStrength.find((p) => p.k === k)?.mean;
}

export function formatComparison(after: AnalysisResult, before: AnalysisResult): string {
  const both = (f: (r: AnalysisResult) => string): [string, string] => [f(before), f(after)];
  const rows: [string, string, string][] = [
    [`natural k (prediction strength >= ${after.psThreshold})`, ...both(naturalKText)],
    ['prediction strength at the natural k', ...both((r) => fixed(psAt(r, r.naturalK)))],
    ['ARI at the natural k', ...both((r) => fixed(atK(r, r.naturalK)?.ari))],
    ['silhouette at the natural k', ...both((r) => fixed(atK(r, r.naturalK)?.silhouette))],
    ['silhouette k (max silhouette over 2..12)', ...both((r) => String(r.silhouetteK))],
    [
      'silhouette / ARI at the silhouette k',
      ...both((r) => `${fixed(atK(r, r.silhouetteK)?.silhouette)} / ${fixed(atK(r, r.silhouetteK)?.ari)}`),
    ],
    ['silhouette at k = 6', fixed(atK(before, 6)?.silhouette), fixed(atK(after, 6)?.silhouette)],
    ['ARI at k = 6', fixed(atK(before, 6)?.ari), fixed(atK(after, 6)?.ari)],
    ['silhouette at a forced k = 13', fixed(atK(before, 13)?.silhouette), fixed(atK(after, 13)?.silhouette)],
    ['ARI at a forced k = 13', fixed(atK(before, 13)?.ari), fixed(atK(after, 13)?.ari)],
    [
      'best ARI over k = 5..8',
      fixed(Math.max(...before.perK.filter((p) => p.k >= 5 && p.k <= 8).map((p) => p.ari))),
      fixed(Math.max(...after.perK.filter((p) => p.k >= 5 && p.k <= 8).map((p) => p.ari))),
    ],
    ['silhouette of the true persona labels', fixed(before.truthSilhouette), fixed(after.truthSilhouette)],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  const wb = Math.max(16, ...rows.map((r) => r[1].length));
  const wa = Math.max(17, ...rows.map((r) => r[2].length));
  return [
    `${''.padEnd(w)}  ${'before: uniform'.padStart(wb)}  ${`after: ${after.run.scenario}`.padStart(wa)}`,
    ...rows.map(([label, b, a]) => `${label.padEnd(w)}  ${b.padStart(wb)}  ${a.padStart(wa)}`),
  ].join('\n');
}

export async function compareCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, compareOptions);
  if (values.help) {
    process.stdout.write(COMPARE_HELP);
    return 0;
  }
  const out = str(values, 'out') ?? 'runs/compare';
  const traders = positiveInt(values, 'traders', 50_000_000);
  const weeks = positiveInt(values, 'weeks', 520);
  const seed = str(values, 'seed');
  const afterName = str(values, 'scenario') ?? 'personas';
  const psThreshold = psThresholdFrom(values);
  // Resolve both before running either, so bad input fails before any work.
  if (afterName === 'uniform')
    throw new UsageError('--scenario must be personas or distinct (uniform is always the "before"), got "uniform"');
  // The overrides apply to both sides, so the comparison stays like for like.
  const common = { configFile: str(values, 'config'), sets: assignments(values), traders, weeks, seed };
  const afterScenario = resolveScenario({ preset: afterName, ...common });
  const beforeScenario = resolveScenario({ preset: 'uniform', ...common });
  const results: AnalysisResult[] = [];
  for (const s of [afterScenario, beforeScenario]) {
    const dir = join(out, s.name);
    await runWithProgress(s, dir);
    process.stderr.write(`analysing ${dir} ...\n`);
    results.push(await analyzeRun(dir, { kMin: 2, kMax: 12, extraK: [13], psThreshold }));
  }
  // Recommenders on both, the last DEFAULT_TEST_WEEKS weeks held out (when the runs are longer).
  const recs: RecommendResult[] = [];
  for (const s of afterScenario.weeks > DEFAULT_TEST_WEEKS ? [afterScenario, beforeScenario] : []) {
    const dir = join(out, s.name);
    process.stderr.write(`recommending ${dir} ...\n`);
    recs.push(await recommendRun(dir));
  }
  process.stdout.write(
    `musika compare: ${afterScenario.traders} traders x ${afterScenario.weeks} weeks, seed ${afterScenario.seed}\n\n`,
  );
  process.stdout.write(`${formatComparison(results[0], results[1])}\n\n`);
  if (recs.length === 2) process.stdout.write(`${formatRecommendComparison(recs[0], recs[1])}\n\n`);
  process.stdout.write(`runs and their analysis/ in ${out}\n`);
  return 0;
}

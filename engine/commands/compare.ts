/** `musika compare`: the brief's before/after, the persona scenario against the uniform one. */
import { join } from 'node:path';
import { f3, DEFAULT_TEST_WEEKS, analyzeRun, formatRecommendComparison, recommendRun, type AnalysisResult, type RecommendResult } from '../../analysis/index.ts';
import { SET_HELP, assignments, parse, positiveInt, str } from '../cli-args.ts';
import { UsageError } from '../errors.ts';
import { resolveScenario } from '../scenario-load.ts';
import { runWithProgress } from './simulate.ts';

export const COMPARE_HELP = `Usage: musika compare [options]

Runs the persona scenario and the uniform scenario (the brief's "before") at the same size and
seed, analyses both, and prints the before/after table: silhouette at the natural k and at a forced
k = 13, the natural k, ARI against the personas, silhouette and ARI at k = 6, and the silhouette of
the true persona labels (the ceiling for any clustering that recovers the personas). Then it runs
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
} as const;


function atK(r: AnalysisResult, k: number): { silhouette: number; ari: number } | undefined {
  return [...r.perK, ...r.extraK].find((p) => p.k === k);
}

export function formatComparison(after: AnalysisResult, before: AnalysisResult): string {
  const rows: [string, string, string][] = [
    ['natural k (max silhouette over 2..12)', String(before.naturalK), String(after.naturalK)],
    ['silhouette at the natural k', f3(before.silhouette), f3(after.silhouette)],
    ['ARI at the natural k', f3(before.ari), f3(after.ari)],
    ['silhouette at k = 6', f3(atK(before, 6)?.silhouette), f3(atK(after, 6)?.silhouette)],
    ['ARI at k = 6', f3(atK(before, 6)?.ari), f3(atK(after, 6)?.ari)],
    ['silhouette at a forced k = 13', f3(atK(before, 13)?.silhouette), f3(atK(after, 13)?.silhouette)],
    ['ARI at a forced k = 13', f3(atK(before, 13)?.ari), f3(atK(after, 13)?.ari)],
    ['best ARI over k = 5..8', f3(Math.max(...before.perK.filter((p) => p.k >= 5 && p.k <= 8).map((p) => p.ari))), f3(Math.max(...after.perK.filter((p) => p.k >= 5 && p.k <= 8).map((p) => p.ari)))],
    ['silhouette of the true persona labels', f3(before.truthSilhouette), f3(after.truthSilhouette)],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  return [
    `${''.padEnd(w)}  ${'before: uniform'.padStart(16)}  ${`after: ${after.run.scenario}`.padStart(17)}`,
    ...rows.map(([label, b, a]) => `${label.padEnd(w)}  ${b.padStart(16)}  ${a.padStart(17)}`),
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
  // Resolve both before running either, so bad input fails before any work.
  if (afterName === 'uniform') throw new UsageError('--scenario must be personas or distinct (uniform is always the "before"), got "uniform"');
  // The overrides apply to both sides, so the comparison stays like for like.
  const common = { configFile: str(values, 'config'), sets: assignments(values), traders, weeks, seed };
  const afterScenario = resolveScenario({ preset: afterName, ...common });
  const beforeScenario = resolveScenario({ preset: 'uniform', ...common });
  const results: AnalysisResult[] = [];
  for (const s of [afterScenario, beforeScenario]) {
    const dir = join(out, s.name);
    await runWithProgress(s, dir);
    process.stderr.write(`analysing ${dir} ...\n`);
    results.push(await analyzeRun(dir, { kMin: 2, kMax: 12, extraK: [13] }));
  }
  // Recommenders on both, the last DEFAULT_TEST_WEEKS weeks held out (when the runs are longer).
  const recs: RecommendResult[] = [];
  for (const s of afterScenario.weeks > DEFAULT_TEST_WEEKS ? [afterScenario, beforeScenario] : []) {
    const dir = join(out, s.name);
    process.stderr.write(`recommending ${dir} ...\n`);
    recs.push(await recommendRun(dir));
  }
  process.stdout.write(`musika compare: ${afterScenario.traders} traders x ${afterScenario.weeks} weeks, seed ${afterScenario.seed}\n\n`);
  process.stdout.write(`${formatComparison(results[0], results[1])}\n\n`);
  if (recs.length === 2) process.stdout.write(`${formatRecommendComparison(recs[0], recs[1])}\n\n`);
  process.stdout.write(`runs and their analysis/ in ${out}\n`);
  return 0;
}

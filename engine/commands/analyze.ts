/** `musika analyze DIR`: features, k-means over k, silhouette and agreement with the personas. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeRun, formatAnalysis } from '../../analysis/index.ts';
import { parse, positiveInt, str } from '../cli-args.ts';
import { UsageError, show } from '../errors.ts';

export const ANALYZE_HELP = `Usage: musika analyze DIR [options]

Computes per-trader features from DIR/transactions.csv and prices.csv, clusters them with k-means
(k-means++, 10 seeded restarts, lowest inertia kept) for every k, scores each k (silhouette, inertia,
Calinski-Harabasz, Davies-Bouldin, ARI against the true personas), picks the natural k by the highest
silhouette and writes DIR/analysis/{features.csv, clusters.csv, analysis.json}.

Options:
  --k-min K        smallest k (default 2)
  --k-max K        largest k (default 12)
  --sample N       above N traders, silhouette on a seeded sample of N (default 20000)
  --features SET   behaviour (default) or all (adds the context features)
  --threads T      threads for k-means restarts and silhouette (default: all cores)
  -h, --help       show this help
`;

export const analyzeOptions = {
  'k-min': { type: 'string' },
  'k-max': { type: 'string' },
  sample: { type: 'string' },
  features: { type: 'string' },
  threads: { type: 'string' },
} as const;

export function requireRunDir(dir: string | undefined, command: string): string {
  if (!dir) throw new UsageError(`${command} needs a run directory: musika ${command} DIR`);
  if (!existsSync(join(dir, 'manifest.json'))) throw new UsageError(`run directory ${show(dir)} has no manifest.json (not a finished run)`);
  return dir;
}

export function analyzeOptionsFrom(values: Record<string, unknown>): { kMin: number; kMax: number; sample?: number; featureSet: 'behaviour' | 'all'; threads?: number } {
  const kMin = positiveInt(values, 'k-min', 100) ?? 2;
  const kMax = positiveInt(values, 'k-max', 100) ?? 12;
  if (kMin < 2) throw new UsageError(`--k-min must be at least 2 (a single cluster has no silhouette), got ${kMin}`);
  if (kMax < kMin) throw new UsageError(`--k-max must be >= --k-min (${kMin}), got ${kMax}`);
  const features = str(values, 'features') ?? 'behaviour';
  if (features !== 'behaviour' && features !== 'all') throw new UsageError(`--features must be behaviour or all, got ${show(features)}`);
  const sample = positiveInt(values, 'sample');
  if (sample !== undefined && sample < 100) throw new UsageError(`--sample must be at least 100, got ${sample}`);
  return { kMin, kMax, sample, featureSet: features, threads: positiveInt(values, 'threads', 64) };
}

export async function analyzeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, analyzeOptions, 1);
  if (values.help) {
    process.stdout.write(ANALYZE_HELP);
    return 0;
  }
  const dir = requireRunDir(positionals[0], 'analyze');
  const opts = analyzeOptionsFrom(values);
  const r = await analyzeRun(dir, opts);
  process.stdout.write(`${formatAnalysis(r)}\n  written to ${join(dir, 'analysis')} in ${r.seconds.toFixed(1)} s\n`);
  return 0;
}

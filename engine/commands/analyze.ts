/** `musika analyze DIR`: features, k-means over k, silhouette and agreement with the personas. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_PS_SAMPLE,
  DEFAULT_PS_THRESHOLD,
  PS_THRESHOLD_REASON,
  analyzeRun,
  formatAnalysis,
} from '../../analysis/index.ts';
import { parse, positiveInt, str } from '../cli-args.ts';
import { UsageError, show } from '../errors.ts';

/** Words of `text` in lines of at most `width` characters, each after `indent`. */
function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.map((l) => `${indent}${l}`).join('\n');
}

export const ANALYZE_HELP = `Usage: musika analyze DIR [options]

Computes per-trader features from DIR's transactions and prices (CSV or Parquet, checked against
manifest.json), clusters them with k-means (k-means++, 10 seeded restarts, lowest inertia kept) for
every k, scores each k (silhouette, inertia,
Calinski-Harabasz, Davies-Bouldin, ARI against the true personas, and prediction strength over 10
random half-splits), and writes DIR/analysis/{features.csv, clusters.csv, analysis.json}.

The natural k is the largest k whose mean prediction strength (Tibshirani & Walther 2005) is at least
--ps-threshold; when no k >= 2 reaches it, natural k is 1 (no cluster structure) and the clusters
written are the silhouette k's, labelled forced. The k of the highest silhouette is reported beside it.

Options:
  --k-min K        smallest k (default 2)
  --k-max K        largest k (default 12)
  --exact-silhouette N
                   up to N traders the silhouette is exact, on all of them (default 20000)
  --sample N       above that, the silhouette is computed on a seeded sample of N traders, topped
                   up so every cluster is represented, with its standard error (default 10000)
  --restart-sample N
                   above N traders, the k-means++ restarts run on a seeded sample of N and the
                   best is refined by Lloyd iterations on all traders (default 20000)
  --features SET   behaviour (default) or all (adds the context features)
  --ps-threshold P smallest mean prediction strength of a natural k, in (0, 1] (default ${DEFAULT_PS_THRESHOLD}:
${wrap(`${PS_THRESHOLD_REASON})`, 81, ' '.repeat(19))}
  --ps-sample N    above N traders, prediction strength on a seeded sample of N (default ${DEFAULT_PS_SAMPLE})
  --threads T      threads for k-means restarts, silhouette and prediction strength (default: all cores)
  -h, --help       show this help
`;

export const analyzeOptions = {
  'k-min': { type: 'string' },
  'k-max': { type: 'string' },
  sample: { type: 'string' },
  'exact-silhouette': { type: 'string' },
  'restart-sample': { type: 'string' },
  features: { type: 'string' },
  'ps-threshold': { type: 'string' },
  'ps-sample': { type: 'string' },
  threads: { type: 'string' },
} as const;

export function requireRunDir(dir: string | undefined, command: string): string {
  if (!dir) throw new UsageError(`${command} needs a run directory: musika ${command} DIR`);
  if (!existsSync(join(dir, 'manifest.json')))
    throw new UsageError(`run directory ${show(dir)} has no manifest.json (not a finished run)`);
  return dir;
}

/** --ps-threshold: a number in (0, 1], or undefined when absent. */
export function psThresholdFrom(values: Record<string, unknown>): number | undefined {
  const raw = values['ps-threshold'];
  if (raw === undefined) return undefined;
  const s = String(raw);
  const x = /^(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : NaN;
  if (!(x > 0 && x <= 1)) throw new UsageError(`--ps-threshold must be a number in (0, 1], got ${show(raw)}`);
  return x;
}

export function analyzeOptionsFrom(values: Record<string, unknown>): {
  kMin: number;
  kMax: number;
  sample?: number;
  exactSilhouette?: number;
  restartSample?: number;
  featureSet: 'behaviour' | 'all';
  threads?: number;
  psThreshold?: number;
  psSample?: number;
} {
  const kMin = positiveInt(values, 'k-min', 100) ?? 2;
  const kMax = positiveInt(values, 'k-max', 100) ?? 12;
  if (kMin < 2) throw new UsageError(`--k-min must be at least 2 (a single cluster has no silhouette), got ${kMin}`);
  if (kMax < kMin) throw new UsageError(`--k-max must be >= --k-min (${kMin}), got ${kMax}`);
  const features = str(values, 'features') ?? 'behaviour';
  if (features !== 'behaviour' && features !== 'all')
    throw new UsageError(`--features must be behaviour or all, got ${show(features)}`);
  const sample = positiveInt(values, 'sample');
  if (sample !== undefined && sample < 100) throw new UsageError(`--sample must be at least 100, got ${sample}`);
  const exactSilhouette = positiveInt(values, 'exact-silhouette');
  const restartSample = positiveInt(values, 'restart-sample');
  if (restartSample !== undefined && restartSample < 100)
    throw new UsageError(`--restart-sample must be at least 100, got ${restartSample}`);
  const psSample = positiveInt(values, 'ps-sample');
  if (psSample !== undefined && psSample < 2 * (kMax + 1))
    throw new UsageError(
      `--ps-sample must be at least ${2 * (kMax + 1)} (two halves of more than --k-max traders), got ${psSample}`,
    );
  return {
    kMin,
    kMax,
    sample,
    exactSilhouette,
    restartSample,
    featureSet: features,
    threads: positiveInt(values, 'threads', 64),
    psThreshold: psThresholdFrom(values),
    psSample,
  };
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

/** Plain-text summaries of analysis results, for the terminal. */
import type { AnalysisResult } from './analyze.ts';

/** A score to 3 decimals, or n/a when there is none. */
export const f3 = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : x.toFixed(3));

export function formatAnalysis(r: AnalysisResult): string {
  const lines = [
    `musika analyze: ${r.run.scenario}, ${r.run.traders} traders x ${r.run.weeks} weeks, seed ${r.run.seed}`,
    `  features   ${r.features.length} (${r.featureSet}), ${r.tradersClustered} traders clustered, ${r.inactiveTraders.length} with no purchase`,
    `  silhouette ${r.sample.exact ? 'exact, all traders' : `on a seeded sample of ${r.sample.size} (seed ${r.sample.seed})`}`,
    '',
    '   k  silhouette   inertia      CH      DB    ARI',
  ];
  for (const p of [...r.perK, ...r.extraK].sort((a, b) => a.k - b.k)) {
    const mark = p.k === r.naturalK ? ' <- natural k' : '';
    lines.push(
      `  ${String(p.k).padStart(2)}  ${f3(p.silhouette).padStart(10)}  ${p.inertia.toFixed(0).padStart(8)}  ${p.calinskiHarabasz.toFixed(1).padStart(6)}  ${f3(p.daviesBouldin).padStart(6)}  ${f3(p.ari).padStart(5)}${mark}`,
    );
  }
  lines.push(
    '',
    `  natural k ${r.naturalK} by ${r.kCriterion}; within 0.01 of the best: k = ${r.nearBestK.join(', ')}`,
    `  at k = ${r.naturalK}: silhouette ${f3(r.silhouette)}, ARI ${f3(r.ari)}, NMI ${f3(r.nmi)}, purity ${f3(r.purity)}`,
    `  silhouette of the true persona labels: ${f3(r.truthSilhouette)}`,
    '',
    ...r.clusters.map((c) => `  ${c.summary}`),
  );
  return lines.join('\n');
}

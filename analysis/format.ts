/** Plain-text summaries of analysis results, for the terminal. */
import type { AnalysisResult } from './analyze.ts';
import { fixed } from './common/index.ts';

/** The natural k in words: "6" or "1 (no cluster structure)". */
export function naturalKText(r: Pick<AnalysisResult, 'naturalK'>): string {
  return r.naturalK >= 2 ? String(r.naturalK) : `${r.naturalK} (no cluster structure)`;
}

/** Which clusters are shown: "k = 6", or "k = 2 (forced: no cluster structure)". */
export function clusteredKText(r: Pick<AnalysisResult, 'clusteredK' | 'clustersForced'>): string {
  return r.clustersForced
    ? `k = ${r.clusteredK} (forced, the silhouette k: no cluster structure)`
    : `k = ${r.clusteredK}`;
}

export function formatAnalysis(r: AnalysisResult): string {
  const ps = r.predictionStrengthSetup;
  const lines = [
    `musika analyze: ${r.run.scenario}, ${r.run.traders} traders x ${r.run.weeks} weeks, seed ${r.run.seed}`,
    `  features   ${r.features.length} (${r.featureSet}), ${r.tradersClustered} traders clustered, ${r.inactiveTraders.length} with no purchase`,
    `  silhouette ${r.sample.exact ? 'exact, all traders' : `on a seeded stratified sample of ${r.sample.size} (seed ${r.sample.seed}), standard error at most ${r.sample.maxStandardError.toFixed(4)}`}`,
    `  prediction strength ${ps.splits} random half-splits of ${ps.exact ? `all ${ps.rows} traders` : `a seeded sample of ${ps.rows} (seed ${ps.sampleSeed})`}, ${ps.restarts} k-means++ restarts per half, ${ps.seconds.toFixed(1)} s`,
    '',
    '   k  silhouette   inertia      CH      DB    ARI   pred. strength',
  ];
  for (const p of [...r.perK, ...r.extraK].sort((a, b) => a.k - b.k)) {
    const q = r.predictionStrength.find((x) => x.k === p.k);
    const marks = [p.k === r.naturalK ? 'natural k' : '', p.k === r.silhouetteK ? 'silhouette k' : '']
      .filter(Boolean)
      .join(', ');
    const strength = q ? `${fixed(q.mean)} +- ${fixed(q.sd)}` : '';
    lines.push(
      `  ${String(p.k).padStart(2)}  ${fixed(p.silhouette).padStart(10)}  ${p.inertia.toFixed(0).padStart(8)}  ${p.calinskiHarabasz.toFixed(1).padStart(6)}  ${fixed(p.daviesBouldin).padStart(6)}  ${fixed(p.ari).padStart(5)}  ${strength.padEnd(15)}${marks ? ` <- ${marks}` : ''}`,
    );
  }
  lines.push(
    '',
    `  natural k ${naturalKText(r)}: ${r.kCriterion}`,
    `  silhouette k ${r.silhouetteK}: ${r.silhouetteKCriterion}; within 0.01 of the best: k = ${r.nearBestK.join(', ')}`,
    `  clusters shown: ${clusteredKText(r)}: silhouette ${fixed(r.silhouette)}, ARI ${fixed(r.ari)}, NMI ${fixed(r.nmi)}, purity ${fixed(r.purity)}`,
    `  silhouette of the true persona labels: ${fixed(r.truthSilhouette)}`,
    '',
    ...r.clusters.map((c) => `  ${c.summary}`),
    '',
    '  personas against zones (clusters holding >= 10% of the persona; ARI of cluster vs zone within it):',
    ...r.personaZones.map(
      (p) =>
        `    ${p.persona.padEnd(20)} ${String(p.clusters).padStart(2)} cluster${p.clusters === 1 ? ' ' : 's'}  zone ARI ${fixed(p.zoneAri)}`,
    ),
  );
  return lines.join('\n');
}

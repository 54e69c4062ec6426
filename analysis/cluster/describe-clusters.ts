/**
 * Words for clusters: a name made from the features alone (name-clusters.ts), each cluster's
 * dominant personas and zones (when the truth is known) and its most distinctive features, the
 * largest |mean z-score|, so a person can read
 * 'cluster 3 "dawn bulk buyers, loyal": bulk_wholesaler 94%; high log_quantity_index (+2.1), ...'.
 */
import { clusterNames } from './name-clusters.ts';

export interface ClusterDescription {
  cluster: number;
  /** A short name from the features only (never from the truth). */
  name: string;
  size: number;
  silhouette: number;
  /** Personas making up at least 10% of the cluster, largest first. */
  personas: { persona: string; share: number }[];
  /** Zones making up at least 10% of the cluster, largest first (when the truth is given). */
  zones: { zone: string; share: number }[];
  /** The three features with the largest |mean z| in the cluster. */
  distinctive: { feature: string; meanZ: number }[];
  summary: string;
}

export function describeClusters(
  z: Float64Array,
  n: number,
  d: number,
  labels: Int32Array,
  k: number,
  featureNames: readonly string[],
  perClusterSilhouette: Float64Array,
  /** The truth per row (persona index, and zone id when given), only to set beside the clusters. */
  truth?: { labels: Int32Array; names: string[]; zones?: string[] },
): ClusterDescription[] {
  const size = new Float64Array(k);
  const sums = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    size[c]++;
    for (let j = 0; j < d; j++) sums[c * d + j] += z[i * d + j];
  }
  const allMeans = Array.from({ length: k }, (_, c) =>
    featureNames.map((feature, j) => ({ feature, meanZ: size[c] > 0 ? sums[c * d + j] / size[c] : 0 })),
  );
  const names = clusterNames(allMeans);
  const out: ClusterDescription[] = [];
  for (let c = 0; c < k; c++) {
    const distinctive = [...allMeans[c]].sort((a, b) => Math.abs(b.meanZ) - Math.abs(a.meanZ)).slice(0, 3);
    let personas: { persona: string; share: number }[] = [];
    if (truth) {
      const counts = new Float64Array(truth.names.length);
      for (let i = 0; i < n; i++) if (labels[i] === c) counts[truth.labels[i]]++;
      personas = truth.names
        .map((persona, p) => ({ persona, share: size[c] > 0 ? counts[p] / size[c] : 0 }))
        .filter((x) => x.share >= 0.1)
        .sort((a, b) => b.share - a.share);
    }
    let zones: { zone: string; share: number }[] = [];
    if (truth?.zones) {
      const counts = new Map<string, number>();
      for (let i = 0; i < n; i++)
        if (labels[i] === c) counts.set(truth.zones[i], (counts.get(truth.zones[i]) ?? 0) + 1);
      zones = [...counts]
        .map(([zone, m]) => ({ zone, share: m / size[c] }))
        .filter((x) => x.share >= 0.1)
        .sort((a, b) => b.share - a.share || (a.zone < b.zone ? -1 : 1));
    }
    const who = personas.length
      ? personas.map((p) => `${p.persona} ${Math.round(p.share * 100)}%`).join(', ')
      : 'no persona above 10%';
    const what = distinctive
      .map((f) => `${f.meanZ >= 0 ? 'high' : 'low'} ${f.feature} (${f.meanZ >= 0 ? '+' : ''}${f.meanZ.toFixed(1)})`)
      .join(', ');
    out.push({
      cluster: c,
      name: names[c],
      size: size[c],
      silhouette: perClusterSilhouette[c],
      personas,
      zones,
      distinctive,
      summary: `cluster ${c} "${names[c]}" (${size[c]} traders): ${who}; ${what}`,
    });
  }
  return out;
}

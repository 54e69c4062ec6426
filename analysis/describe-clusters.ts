/**
 * Words for clusters: each cluster's dominant personas (when the truth is known) and its most
 * distinctive features, the largest |mean z-score|, so a person can read
 * "cluster 3: bulk_wholesaler 94%; high log_quantity_index (+2.1), high early_share (+1.3)".
 */

export interface ClusterDescription {
  cluster: number;
  size: number;
  silhouette: number;
  /** Personas making up at least 10% of the cluster, largest first. */
  personas: { persona: string; share: number }[];
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
  truth?: { labels: Int32Array; names: string[] },
): ClusterDescription[] {
  const size = new Float64Array(k);
  const sums = new Float64Array(k * d);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    size[c]++;
    for (let j = 0; j < d; j++) sums[c * d + j] += z[i * d + j];
  }
  const out: ClusterDescription[] = [];
  for (let c = 0; c < k; c++) {
    const means = featureNames.map((feature, j) => ({ feature, meanZ: size[c] > 0 ? sums[c * d + j] / size[c] : 0 }));
    const distinctive = means.sort((a, b) => Math.abs(b.meanZ) - Math.abs(a.meanZ)).slice(0, 3);
    let personas: { persona: string; share: number }[] = [];
    if (truth) {
      const counts = new Float64Array(truth.names.length);
      for (let i = 0; i < n; i++) if (labels[i] === c) counts[truth.labels[i]]++;
      personas = truth.names
        .map((persona, p) => ({ persona, share: size[c] > 0 ? counts[p] / size[c] : 0 }))
        .filter((x) => x.share >= 0.1)
        .sort((a, b) => b.share - a.share);
    }
    const who = personas.length ? personas.map((p) => `${p.persona} ${Math.round(p.share * 100)}%`).join(', ') : 'no persona above 10%';
    const what = distinctive.map((f) => `${f.meanZ >= 0 ? 'high' : 'low'} ${f.feature} (${f.meanZ >= 0 ? '+' : ''}${f.meanZ.toFixed(1)})`).join(', ');
    out.push({
      cluster: c,
      size: size[c],
      silhouette: perClusterSilhouette[c],
      personas,
      distinctive,
      summary: `cluster ${c} (${size[c]} traders): ${who}; ${what}`,
    });
  }
  return out;
}

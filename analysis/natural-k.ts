/**
 * Choosing the natural number of clusters: the k with the highest mean silhouette (Rousseeuw 1987),
 * ties (within 1e-9) going to the smaller k. Stated up front and never tuned: the evidence for every
 * k (silhouette, inertia, Calinski-Harabasz, Davies-Bouldin) is reported beside it so a reader can
 * see how sharp or flat the choice is.
 */

export const NATURAL_K_CRITERION = 'maximum mean silhouette (Rousseeuw 1987); ties to the smaller k';

export function naturalK(perK: { k: number; silhouette: number }[]): number {
  let best = perK[0];
  for (const p of perK) if (p.silhouette > best.silhouette + 1e-9) best = p;
  return best.k;
}

/** The ks whose silhouette is within `margin` of the best: how flat the curve is at the top. */
export function nearBest(perK: { k: number; silhouette: number }[], margin = 0.01): number[] {
  const top = Math.max(...perK.map((p) => p.silhouette));
  return perK.filter((p) => p.silhouette >= top - margin).map((p) => p.k);
}

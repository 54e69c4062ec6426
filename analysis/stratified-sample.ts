/**
 * A seeded sample stratified by cluster, for the silhouette above the exact size: each cluster
 * gets its share of the sample (largest remainders), and at least `minPerCluster` rows (or all of
 * its rows if fewer), so every cluster is represented, however small. Within a cluster the rows
 * are a uniform seeded subset (sampleIndices). Row indices come back ascending.
 */
import { sampleIndices } from './silhouette-parallel.ts';

export function stratifiedSample(labels: Int32Array, k: number, size: number, seed: string, minPerCluster = 20): Int32Array {
  const n = labels.length;
  if (size >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) members[labels[i]].push(i);
  // Proportional quotas by largest remainder, then raised to the floor for small clusters.
  const exact = members.map((m) => (m.length * size) / n);
  const quota = exact.map((q) => Math.floor(q));
  let left = size - quota.reduce((a, b) => a + b, 0);
  const order = exact.map((q, c) => [q - Math.floor(q), c] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, c] of order) {
    if (left-- <= 0) break;
    quota[c]++;
  }
  for (let c = 0; c < k; c++) quota[c] = Math.min(members[c].length, Math.max(quota[c], minPerCluster));
  const out: number[] = [];
  for (let c = 0; c < k; c++) {
    if (quota[c] === 0) continue;
    const pick = sampleIndices(members[c].length, quota[c], `${seed}/cluster${c}`);
    for (const j of pick) out.push(members[c][j]);
  }
  return Int32Array.from(out).sort();
}

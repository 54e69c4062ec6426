/**
 * The silhouette (Rousseeuw 1987, as silhouette.ts) of several labelings of the same rows in one
 * pass over the pairs: each distance is computed once and added to every labeling's per-cluster
 * sums, so scoring the 11 ks of a sweep and the truth costs about one silhouette's distances
 * instead of twelve. Used on the seeded sample above the exact size (analyze.ts); at or below it
 * every labeling keeps its own exact, parallel silhouette. One thread, a fixed order of
 * operations: the same result for any thread count.
 */

/**
 * @param x - rows, row-major n x d
 * @param labelings - each a cluster id per row, 0..ks[l]-1
 * @param ks - the number of cluster ids of each labeling
 * @returns s(i) per row, one array per labeling
 */
export function silhouetteMany(
  x: Float64Array,
  n: number,
  d: number,
  labelings: readonly Int32Array[],
  ks: readonly number[],
): Float64Array[] {
  const L = labelings.length;
  const off = new Int32Array(L + 1);
  for (let l = 0; l < L; l++) off[l + 1] = off[l] + ks[l];
  const K = off[L];
  // Each row's labels side by side, so the inner loop reads one short contiguous run per row j.
  const cell = new Int32Array(n * L);
  for (let j = 0; j < n; j++) for (let l = 0; l < L; l++) cell[j * L + l] = off[l] + labelings[l][j];
  const counts = new Int32Array(K);
  for (let j = 0; j < n; j++) for (let l = 0; l < L; l++) counts[cell[j * L + l]]++;
  const out = labelings.map(() => new Float64Array(n));
  const sums = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    const xi = i * d;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const xj = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = x[xi + t] - x[xj + t];
        s += diff * diff;
      }
      const dist = Math.sqrt(s);
      const cj = j * L;
      for (let l = 0; l < L; l++) sums[cell[cj + l]] += dist;
    }
    for (let l = 0; l < L; l++) {
      const own = cell[i * L + l];
      const ownCount = counts[own];
      // Rousseeuw: a singleton's a(i) is undefined and s(i) is set to 0.
      if (ownCount <= 1) continue;
      const a = sums[own] / (ownCount - 1);
      let b = Infinity;
      for (let c = off[l]; c < off[l + 1]; c++) {
        if (c === own || counts[c] === 0) continue;
        const m = sums[c] / counts[c];
        if (m < b) b = m;
      }
      const denom = a > b ? a : b;
      out[l][i] = denom > 0 ? (b - a) / denom : 0;
    }
  }
  return out;
}

/**
 * One seeded sample for every labeling: a uniform sample of `size` rows, topped up so that each
 * cluster of each labeling has at least `minPerCluster` rows (or all of its rows): every cluster
 * is represented, and the sample stays the same across ks so the pairs are computed once.
 */
export function sharedSample(
  n: number,
  labelings: readonly Int32Array[],
  ks: readonly number[],
  base: Int32Array,
  minPerCluster = 20,
): Int32Array {
  const inSample = new Uint8Array(n);
  for (const i of base) inSample[i] = 1;
  labelings.forEach((labels, l) => {
    const have = new Int32Array(ks[l]);
    for (let i = 0; i < n; i++) if (inSample[i]) have[labels[i]]++;
    // Top up in row order: deterministic, and any rows of a cluster are as good as any others here.
    for (let i = 0; i < n; i++) {
      const c = labels[i];
      if (!inSample[i] && have[c] < minPerCluster) {
        inSample[i] = 1;
        have[c]++;
      }
    }
  });
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (inSample[i]) out.push(i);
  return Int32Array.from(out);
}

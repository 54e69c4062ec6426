/**
 * The mean silhouette of several labelings of the same rows (the fits of a k sweep), as the
 * analysis scores them: exact on every row up to `sample` rows (silhouette.ts); above it on one
 * seeded sample shared by every labeling, each cluster topped up to 20 rows, in one pass over its
 * pairs (silhouette-many.ts), so the cost stays O(sample^2) however many rows there are.
 */
import { assertCount } from '../common/index.ts';
import { sharedSample, silhouetteMany } from './silhouette-many.ts';
import { sampleIndices } from './silhouette-parallel.ts';
import { silhouetteScore } from './silhouette.ts';

/** Up to this many rows the silhouette is exact, everywhere in analysis (issue 17: sampled above 20,000). */
export const DEFAULT_EXACT_SILHOUETTE = 20_000;

/**
 * meanSilhouettes' default: exact up to DEFAULT_EXACT_SILHOUETTE rows, and a sample of as many above
 * it (analyze.ts samples fewer, DEFAULT_SAMPLE, chosen by its standard error).
 */
export const DEFAULT_SILHOUETTE_SAMPLE = DEFAULT_EXACT_SILHOUETTE;

export interface MeanSilhouettes {
  /** Mean silhouette of each labeling, in the order given. */
  scores: number[];
  /** Rows scored: n when exact, else the shared sample's size. */
  rows: number;
  exact: boolean;
}

/**
 * @param x - rows, row-major n x d
 * @param labelings - each a cluster id per row, 0..ks[l]-1, with at least 2 non-empty clusters
 * @param ks - the number of cluster ids of each labeling
 * @param options - `sample`: rows up to which the silhouette is exact (default
 *   {@link DEFAULT_SILHOUETTE_SAMPLE}), and the sample's size above it; `seed`: the sample's seed
 */
export function meanSilhouettes(
  x: Float64Array,
  n: number,
  d: number,
  labelings: readonly Int32Array[],
  ks: readonly number[],
  options: { sample?: number; seed: string },
): MeanSilhouettes {
  const size = options.sample ?? DEFAULT_SILHOUETTE_SAMPLE;
  assertCount('meanSilhouettes', 'options.sample', size, 2);
  if (n <= size) return { scores: labelings.map((labels) => silhouetteScore(x, n, d, labels)), rows: n, exact: true };
  const rows = sharedSample(n, labelings, ks, sampleIndices(n, size, options.seed));
  const m = rows.length;
  const xs = new Float64Array(m * d);
  for (let r = 0; r < m; r++) xs.set(x.subarray(rows[r] * d, rows[r] * d + d), r * d);
  const samples = silhouetteMany(
    xs,
    m,
    d,
    labelings.map((labels) => Int32Array.from(rows, (i) => labels[i])),
    ks,
  );
  const scores = samples.map((s) => {
    let sum = 0;
    for (let i = 0; i < m; i++) sum += s[i];
    return sum / m;
  });
  return { scores, rows: m, exact: false };
}

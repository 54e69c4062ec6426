/**
 * The silhouette of several labelings of many rows (every k of a sweep and the truth) on one
 * seeded sample, with the standard error of each mean.
 *
 * The sample: `size` rows drawn uniformly (seeded), topped up so every cluster of every labeling
 * has at least 20 rows (sharedSample, silhouette-many.ts): stratified, every cluster represented.
 * Each labeling's silhouette is computed among the sampled rows (a(i) and b(i) are means over
 * sampled rows, as scikit-learn's `silhouette_score(sample_size=...)`), in one pass over their
 * pairs spread over the threads (silhouetteManyParallel).
 *
 * The standard error counts both sources of error: which rows are scored, and which rows a(i)
 * and b(i) average over. The textbook sd(s(i)) / sqrt(m) counts only the first and understates
 * it (measured on the 100k-trader run, samples of 10,000, 12 labelings: the sd of the mean over
 * six independent samples was 0.0011-0.0024, sd(s(i)) / sqrt(m) 0.0009-0.0016). Instead the
 * sample is cut, by a seeded shuffle, into REPLICATES disjoint groups, each group's silhouette
 * is computed among its own rows, and SE = sd(group means) / sqrt(REPLICATES): the error of a
 * mean of m rows from the spread of means of m / REPLICATES rows, as both sources shrink like
 * 1 / m. On the same data it gave 0.0017-0.0029: calibrated, a little cautious (and on blobs,
 * tests/analysis/silhouette-sampled.test.ts, (sampled - exact) / SE has an rms of 0.94).
 * The groups cost 1 / REPLICATES of the main pass.
 */

import { shuffler } from 'd3-array';
import seedrandom from 'seedrandom';
import { sharedSample } from './silhouette-many.ts';
import { sampleIndices, silhouetteManyParallel, type SilhouetteParallelOptions } from './silhouette-parallel.ts';

/** Disjoint groups of the sample whose spread gives the standard error (9 degrees of freedom). */
export const REPLICATES = 10;

/** Rows each cluster of each labeling has at least in the sample (or all of its rows). */
export const MIN_PER_CLUSTER = 20;

/** One labeling's silhouette on the sample. */
export interface SampledSilhouette {
  /** Mean s(i) over the sample. */
  score: number;
  /** Its standard error (see the file's header). */
  se: number;
  /** s(i) of each sampled row. */
  samples: Float64Array;
  /** The labeling's label of each sampled row. */
  labels: Int32Array;
}

/** What the sample was, for analysis.json. */
export interface SilhouetteSample {
  /** The sampled rows, ascending. */
  rows: Int32Array;
  /** Uniform rows drawn before the top-up. */
  base: number;
  seed: string;
  replicateSeed: string;
  perLabeling: SampledSilhouette[];
}

/**
 * Scores every labeling on one stratified seeded sample, with standard errors.
 *
 * @param z - rows, row-major n x d
 * @param labelings - each a cluster id per row, 0..ks[l]-1
 * @param ks - the number of cluster ids of each labeling
 * @param size - uniform rows drawn (at most n)
 * @param seed - seed of the sample; the groups use `${seed}/replicates`
 * @param options - threads and pool (silhouetteManyParallel's)
 */
export async function sampledSilhouettes(
  z: Float64Array,
  n: number,
  d: number,
  labelings: readonly Int32Array[],
  ks: readonly number[],
  size: number,
  seed: string,
  options: SilhouetteParallelOptions,
): Promise<SilhouetteSample> {
  const rows = sharedSample(n, labelings, ks, sampleIndices(n, Math.min(size, n), seed), MIN_PER_CLUSTER);
  const m = rows.length;
  const main = await scoreRows(z, d, rows, labelings, ks, options);
  const replicateSeed = `${seed}/replicates`;
  const position = Int32Array.from({ length: m }, (_, p) => p);
  shuffler(seedrandom(replicateSeed))(position);
  const groupMeans: number[][] = labelings.map(() => []);
  for (let g = 0; g < REPLICATES; g++) {
    const group = Int32Array.from(position.filter((_, q) => q % REPLICATES === g).sort(), (p) => rows[p]);
    const scored = await scoreRows(z, d, group, labelings, ks, options);
    for (const [l, s] of scored.entries()) groupMeans[l].push(mean(s.samples));
  }
  return {
    rows,
    base: Math.min(size, n),
    seed,
    replicateSeed,
    perLabeling: main.map((s, l) => ({ ...s, score: mean(s.samples), se: sd(groupMeans[l]) / Math.sqrt(REPLICATES) })),
  };
}

/** The silhouette of each labeling among `rows`. */
async function scoreRows(
  z: Float64Array,
  d: number,
  rows: Int32Array,
  labelings: readonly Int32Array[],
  ks: readonly number[],
  options: SilhouetteParallelOptions,
): Promise<{ samples: Float64Array; labels: Int32Array }[]> {
  const m = rows.length;
  const zs = new Float64Array(m * d);
  for (let r = 0; r < m; r++) zs.set(z.subarray(rows[r] * d, rows[r] * d + d), r * d);
  const ls = labelings.map((labels) => Int32Array.from(rows, (i) => labels[i]));
  const all = await silhouetteManyParallel(zs, m, d, ls, ks, options);
  return all.map((samples, l) => ({ samples, labels: ls[l] }));
}

function mean(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s / v.length;
}

/** Sample standard deviation (n - 1). */
function sd(v: readonly number[]): number {
  const mu = mean(v);
  let s = 0;
  for (const x of v) s += (x - mu) * (x - mu);
  return Math.sqrt(s / (v.length - 1));
}

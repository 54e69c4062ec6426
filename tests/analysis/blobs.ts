/**
 * Seeded Gaussian blobs: the test and benchmark data for the analysis package.
 * Shared by tests/analysis and bench/ so both measure and check the same kind of data.
 */
import seedrandom from 'seedrandom';

/** A generated data set with its planted cluster of every row. */
export interface Blobs {
  x: Float64Array;
  n: number;
  d: number;
  /** Planted cluster per row, 0..k-1, assigned round-robin so every cluster has n/k rows. */
  truth: Int32Array;
}

/**
 * n points in d dimensions around k centres drawn uniformly in [-spread, spread]^d, each point
 * its centre plus N(0, sd^2) noise per coordinate.
 *
 * @param n - number of rows
 * @param d - number of columns
 * @param k - number of blobs
 * @param seed - seedrandom seed
 * @param spread - half-width of the box the centres are drawn from
 * @param sd - noise standard deviation
 * @returns the matrix and the planted labels
 */
export function blobs(n: number, d: number, k: number, seed: string, spread = 10, sd = 1.5): Blobs {
  const rng = seedrandom(seed);
  const centres = new Float64Array(k * d);
  for (let i = 0; i < centres.length; i++) centres[i] = (rng.double() * 2 - 1) * spread;
  const x = new Float64Array(n * d);
  const truth = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % k;
    truth[i] = c;
    for (let t = 0; t < d; t++) x[i * d + t] = centres[c * d + t] + sd * gaussian(rng);
  }
  return { x, n, d, truth };
}

/** Standard normal draw (Box-Muller); 1 - u keeps the log argument in (0, 1]. */
function gaussian(rng: seedrandom.PRNG): number {
  const u = 1 - rng.double();
  const v = rng.double();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Standardising features for k-means: each column is winsorised to its [0.5%, 99.5%] quantiles
 * (so a handful of power users cannot stretch a whole axis), then turned into z-scores.
 * A column with no spread becomes all zeros.
 */
import { deviation, mean, quantileSorted } from 'd3-array';

export interface Standardised {
  /** Row-major n x d z-scores. */
  z: Float64Array;
  /** Per column: the clip bounds and the mean and standard deviation after clipping. */
  columns: { low: number; high: number; mean: number; sd: number }[];
}

export const WINSOR_LOW = 0.005;
export const WINSOR_HIGH = 0.995;

export function standardise(values: Float64Array, n: number, d: number): Standardised {
  const z = new Float64Array(n * d);
  const columns: Standardised['columns'] = [];
  const col = new Float64Array(n);
  for (let j = 0; j < d; j++) {
    for (let i = 0; i < n; i++) col[i] = values[i * d + j];
    // d3's typings want arrays; it reads any array-like, and a typed array sorts numerically.
    const sorted = Float64Array.from(col).sort();
    const low = quantileSorted(sorted as unknown as number[], WINSOR_LOW) ?? 0;
    const high = quantileSorted(sorted as unknown as number[], WINSOR_HIGH) ?? 0;
    for (let i = 0; i < n; i++) col[i] = Math.min(high, Math.max(low, col[i]));
    const mu = mean(col) ?? 0;
    const sd = n > 1 ? (deviation(col) ?? 0) : 0;
    for (let i = 0; i < n; i++) z[i * d + j] = sd > 0 ? (col[i] - mu) / sd : 0;
    columns.push({ low, high, mean: mu, sd });
  }
  return { z, columns };
}

/**
 * The statistics of experiments: the mean of a metric across seeds with its 95% t interval
 * (Student's t quantile from stdlib, not a table), for a sweep's points and for the paired
 * differences of a counterfactual.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { deviation, mean as d3mean } from 'd3-array';

export interface Interval {
  /** Values used (finite ones). */
  n: number;
  mean: number;
  /** The 95% interval of the mean: mean -+ t(0.975, n - 1) sd / sqrt(n); NaN below two values. */
  low: number;
  high: number;
}

/** The mean of `xs` and its 95% t interval (non-finite values are left out). */
export function meanInterval(xs: readonly number[], level = 0.95): Interval {
  const v = xs.filter((x) => Number.isFinite(x));
  const n = v.length;
  const m = n > 0 ? d3mean(v)! : NaN;
  if (n < 2) return { n, mean: m, low: NaN, high: NaN };
  const half = tQuantile(1 - (1 - level) / 2, n - 1) * (deviation(v)! / Math.sqrt(n));
  return { n, mean: m, low: m - half, high: m + half };
}

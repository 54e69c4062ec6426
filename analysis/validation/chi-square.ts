/**
 * Chi-square goodness of fit, with the p-value from the chi-square survival function: the
 * regularized upper incomplete gamma function Q(df / 2, x / 2), computed directly rather than as
 * 1 - CDF so that far tails keep their digits. Q is @stdlib/math-base-special-gammainc (already
 * in the tree under @stdlib/stats-base-dists-t-quantile); tests/analysis/chi-square.test.ts checks
 * it against published values.
 */
import gammainc from '@stdlib/math-base-special-gammainc';

/**
 * P(X >= x) for X ~ chi-square with `df` degrees of freedom.
 *
 * @throws RangeError when df is not positive or x is negative/NaN
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0) || !Number.isFinite(df))
    throw new RangeError(`chiSquareSurvival: df must be a positive number, got ${df}`);
  if (!(x >= 0)) throw new RangeError(`chiSquareSurvival: x must be >= 0, got ${x}`);
  if (x === Infinity) return 0; // gammainc gives NaN there
  // gammainc(x, a, regularized, upper) = Q(a, x).
  return gammainc(x / 2, df / 2, true, true);
}

export interface GoodnessOfFit {
  /** Pearson's statistic, sum over categories of (observed - expected)^2 / expected. */
  statistic: number;
  /** Categories with a positive expected count, minus one. */
  df: number;
  /** P(chi-square(df) >= statistic); 0 when a category with expected share 0 was observed. */
  pValue: number;
  /** Expected counts (n x share). */
  expected: number[];
}

/**
 * Pearson's chi-square goodness-of-fit test of observed counts against expected shares.
 * Shares are normalised to sum to 1. A category with share 0 adds nothing when it is empty; when
 * it has observations the fit is impossible and the p-value is 0 (statistic Infinity).
 *
 * @param observed - counts per category (non-negative)
 * @param shares - expected share per category (non-negative, positive sum), same length
 * @throws RangeError on mismatched lengths, negative values, a zero total or fewer than two
 *   categories with a positive share
 */
export function chiSquareGoodnessOfFit(observed: readonly number[], shares: readonly number[]): GoodnessOfFit {
  if (observed.length !== shares.length) {
    throw new RangeError(
      `chiSquareGoodnessOfFit: observed has ${observed.length} categories but shares has ${shares.length}`,
    );
  }
  let n = 0;
  let shareSum = 0;
  observed.forEach((o, i) => {
    if (!(o >= 0) || !Number.isFinite(o))
      throw new RangeError(`chiSquareGoodnessOfFit: observed[${i}] = ${o} is not a count`);
    n += o;
  });
  shares.forEach((s, i) => {
    if (!(s >= 0) || !Number.isFinite(s))
      throw new RangeError(`chiSquareGoodnessOfFit: shares[${i}] = ${s} is not a share`);
    shareSum += s;
  });
  if (n === 0) throw new RangeError('chiSquareGoodnessOfFit: no observations');
  if (shareSum === 0) throw new RangeError('chiSquareGoodnessOfFit: shares sum to 0');
  const expected = shares.map((s) => (n * s) / shareSum);
  let statistic = 0;
  let categories = 0;
  for (let i = 0; i < observed.length; i++) {
    if (expected[i] === 0) {
      if (observed[i] > 0) statistic = Infinity;
      continue;
    }
    categories++;
    statistic += (observed[i] - expected[i]) ** 2 / expected[i];
  }
  if (categories < 2)
    throw new RangeError(
      `chiSquareGoodnessOfFit: needs two or more categories with a positive share, got ${categories}`,
    );
  const df = categories - 1;
  return { statistic, df, pValue: statistic === Infinity ? 0 : chiSquareSurvival(statistic, df), expected };
}

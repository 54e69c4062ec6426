/**
 * The statistics the validation checks share, from libraries where one has them: moments from
 * d3-array; Spearman, skewness and the Mann-Whitney rank sum from simple-statistics (one package,
 * no dependencies); Welch's z from those moments; the chance-corrected NMI, which no library has,
 * written here.
 */
import { mean as d3mean, median as d3median, variance as d3variance } from 'd3-array';
import { sampleRankCorrelation, sampleSkewness, wilcoxonRankSum } from 'simple-statistics';

/** Arrays and typed arrays: indexable and iterable. */
export type Numbers = ArrayLike<number> & Iterable<number>;

// Moments come from d3-array; these wrappers only turn "no data" (undefined) into NaN.
export function mean(xs: Numbers): number {
  return d3mean(xs) ?? NaN;
}

export function median(xs: Numbers): number {
  return d3median(xs) ?? NaN;
}

/** Sample variance (n - 1 denominator). */
export function variance(xs: Numbers): number {
  return d3variance(xs) ?? NaN;
}

/**
 * Spearman rank correlation, ties given the average of the ranks they span; NaN when either side
 * has no variance. simple-statistics' sampleRankCorrelation (Pearson on the midranks).
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new RangeError(`spearman: lengths differ (${x.length} vs ${y.length})`);
  // It ranks with Array.prototype.map, so typed arrays are copied to plain arrays first.
  return sampleRankCorrelation(Array.from(x), Array.from(y));
}

/**
 * Adjusted Fisher-Pearson sample skewness G1 (what Excel's SKEW, pandas and scipy's bias=False
 * report): simple-statistics' sampleSkewness. NaN below three values or without spread.
 */
export function skewness(xs: Numbers): number {
  return xs.length < 3 ? NaN : sampleSkewness(Array.from(xs));
}

/**
 * (mean(a) - mean(b)) in units of the standard error of the difference, Welch's statistic:
 * d3-array's moments put together. (No small package has it: simple-statistics' tTestTwoSample
 * pools the variances, and @stdlib/stats-ttest2 would add 66 packages for one line.)
 */
export function welchZ(a: Numbers, b: Numbers): number {
  const se = Math.sqrt(variance(a) / a.length + variance(b) / b.length);
  return (mean(a) - mean(b)) / se;
}

/**
 * P(a value of `a` < a value of `b`), ties counting half: 1 - U / (n_a n_b), U the Mann-Whitney
 * statistic of `a` from simple-statistics' wilcoxonRankSum (midranks). NaN when either is empty.
 */
export function probBelow(a: Numbers, b: Numbers): number {
  if (a.length === 0 || b.length === 0) return NaN;
  const u = wilcoxonRankSum(Array.from(a), Array.from(b)) - (a.length * (a.length + 1)) / 2;
  return 1 - u / (a.length * b.length);
}

/**
 * Normalised mutual information of a rows x cols contingency table, chance-corrected:
 *   (I - (R - 1)(C - 1) / (2n)) / ((H(rows) + H(cols)) / 2), natural logs, clamped at 0,
 * where R and C count the non-empty rows and columns. The subtracted term is the Miller-Madow
 * bias of the plug-in estimate: under independence the plug-in I is about chi-square((R-1)(C-1))
 * / (2n), so without the correction a small sample of independent labels would show "information".
 * 0 when either margin has a single class; NaN for an empty table (nothing was measured, which
 * must not read as "no information").
 */
export function correctedNmi(counts: ArrayLike<number>, rows: number, cols: number): { nmi: number; raw: number } {
  const rowSum = new Float64Array(rows);
  const colSum = new Float64Array(cols);
  let n = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const k = counts[r * cols + c];
      rowSum[r] += k;
      colSum[c] += k;
      n += k;
    }
  }
  if (n === 0) return { nmi: NaN, raw: NaN };
  const entropy = (m: Float64Array): [number, number] => {
    let h = 0;
    let classes = 0;
    for (const k of m) {
      if (k === 0) continue;
      classes++;
      h -= (k / n) * Math.log(k / n);
    }
    return [h, classes];
  };
  const [hr, nr] = entropy(rowSum);
  const [hc, nc] = entropy(colSum);
  if (nr < 2 || nc < 2) return { nmi: 0, raw: 0 };
  let mi = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const k = counts[r * cols + c];
      if (k > 0) mi += (k / n) * Math.log((k * n) / (rowSum[r] * colSum[c]));
    }
  }
  const norm = (hr + hc) / 2;
  const bias = ((nr - 1) * (nc - 1)) / (2 * n);
  return { nmi: Math.max(0, (mi - bias) / norm), raw: Math.max(0, mi / norm) };
}

/** Small statistics shared by the validation checks: ranks, Spearman, moments, Welch z, NMI. */
import { mean as d3mean, median as d3median, variance as d3variance } from 'd3-array';

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

/** Ranks 1..n, ties given the average of the ranks they span. */
export function averageRanks(xs: ArrayLike<number>): Float64Array {
  const n = xs.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const r = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && xs[order[j + 1]] === xs[order[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) r[order[k]] = rank;
    i = j + 1;
  }
  return r;
}

/** Pearson correlation; NaN when either side has no variance. */
export function pearson(x: Numbers, y: Numbers): number {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/** Spearman rank correlation with average ranks for ties (Pearson on the ranks). */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new RangeError(`spearman: lengths differ (${x.length} vs ${y.length})`);
  return pearson(averageRanks(x), averageRanks(y));
}

/** Adjusted Fisher-Pearson sample skewness G1 (what Excel's SKEW and pandas report). */
export function skewness(xs: Numbers): number {
  const n = xs.length;
  if (n < 3) return NaN;
  const m = mean(xs);
  let m2 = 0;
  let m3 = 0;
  for (let i = 0; i < n; i++) {
    const d = xs[i] - m;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  if (m2 === 0) return NaN;
  const g1 = m3 / m2 ** 1.5;
  return (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
}

/** (mean(a) - mean(b)) in units of the standard error of the difference (Welch). */
export function welchZ(a: Numbers, b: Numbers): number {
  const se = Math.sqrt(variance(a) / a.length + variance(b) / b.length);
  return (mean(a) - mean(b)) / se;
}

/**
 * Normalised mutual information of a rows x cols contingency table, chance-corrected:
 *   (I - (R - 1)(C - 1) / (2n)) / ((H(rows) + H(cols)) / 2), natural logs, clamped at 0,
 * where R and C count the non-empty rows and columns. The subtracted term is the Miller-Madow
 * bias of the plug-in estimate: under independence the plug-in I is about chi-square((R-1)(C-1))
 * / (2n), so without the correction a small sample of independent labels would show "information".
 * 0 when either margin has a single class.
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
  if (n === 0) return { nmi: 0, raw: 0 };
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

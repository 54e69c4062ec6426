/**
 * The statistics the validation checks share (analysis/validation/stats.ts), against values from
 * SciPy or worked out by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correctedNmi, probBelow, skewness, spearman, welchZ } from '../../analysis/validation/stats.ts';

test('statistics used by the checks', () => {
  // Spearman with ties: average ranks (scipy.stats.spearmanr([1, 2, 2, 3], [1, 3, 2, 4]) = 0.9486832980505139).
  assert.ok(Math.abs(spearman([1, 2, 2, 3], [1, 3, 2, 4]) - 0.9486832980505138) < 1e-12);
  assert.ok(Number.isNaN(spearman([1, 1, 1], [1, 2, 3])), 'no variance: undefined');
  // Adjusted skewness G1: scipy.stats.skew([1, 2, 3, 10], bias=False) = 1.763632614803888.
  assert.ok(Math.abs(skewness([1, 2, 3, 10]) - 1.763632614803888) < 1e-12);
  // NMI: identical labels give 1 before correction; independent labels about 0 after it.
  const same = correctedNmi([50, 0, 0, 50], 2, 2);
  assert.ok(Math.abs(same.raw - 1) < 1e-12);
  assert.ok(correctedNmi([25, 25, 25, 25], 2, 2).nmi === 0);
  // An empty table measured nothing: NaN, not the 0 of independence.
  assert.ok(Number.isNaN(correctedNmi([0, 0, 0, 0], 2, 2).nmi));
});

test('spearman: typed arrays as plain ones, a perfect monotone relation is 1, unequal lengths throw', () => {
  assert.equal(spearman(Float64Array.from([3, 1, 2]), Float64Array.from([30, 10, 20])), 1);
  assert.ok(Math.abs(spearman([1, 2, 3, 4], [16, 9, 4, 1]) + 1) < 1e-12);
  // Midranks [3, 1.5, 4, 1.5, 5] and [5, 1, 4, 3, 2]: deviations from 3 give sxy 2, sxx 9.5,
  // syy 10, so rho = 2 / sqrt(95).
  assert.ok(Math.abs(spearman(Float64Array.from([3, 1, 4, 1, 5]), [9, 2, 6, 5, 3]) - 2 / Math.sqrt(95)) < 1e-12);
  assert.throws(() => spearman([1, 2], [1, 2, 3]), /lengths differ \(2 vs 3\)/);
});

test('skewness: NaN below three values and without spread; symmetric data 0', () => {
  assert.ok(Number.isNaN(skewness([1, 2])));
  assert.ok(Number.isNaN(skewness([4, 4, 4, 4])));
  assert.equal(skewness([1, 2, 3]), 0);
  // scipy.stats.skew([2, 4, 6, 3, 1], bias=False) = 0.590128656384365
  assert.ok(Math.abs(skewness(Float64Array.from([2, 4, 6, 3, 1])) - 0.590128656384365) < 1e-12);
});

test("welchZ: the difference of means over Welch's standard error, by hand", () => {
  // a: mean 2, sample variance 1 (n 3); b: mean 5, sample variance 2.5 (n 5).
  // se = sqrt(1 / 3 + 2.5 / 5) = sqrt(0.8333...), z = -3 / se = -3.286335345030997.
  assert.ok(Math.abs(welchZ([1, 2, 3], [3, 4, 5, 6, 7]) - -3.286335345030997) < 1e-12);
  assert.ok(Number.isNaN(welchZ([1], [2, 3])), 'one value has no variance');
});

test('probBelow: the share of pairs in which a value of the first is below one of the second, ties half', () => {
  assert.equal(probBelow([1, 2], [3, 4]), 1);
  assert.equal(probBelow([3, 4], [1, 2]), 0);
  assert.equal(probBelow([1, 2], [1, 2]), 0.5);
  // Pairs (1, 1) a tie, (1, 2) below: (0.5 + 1) / 2.
  assert.equal(probBelow(Float64Array.from([1]), [1, 2]), 0.75);
  // (1 vs 0, 5, 9): 2 below; (6 vs ...): 1 below; (8 vs ...): 1 below: 4 of 9.
  assert.equal(probBelow([1, 6, 8], [0, 5, 9]), 4 / 9);
  assert.ok(Number.isNaN(probBelow([], [1])));
});

/**
 * The chi-square p-value against published values. Reference numbers are from SciPy 1.x
 * (scipy.stats.chi2.sf, scipy.special.gammainc/gammaincc, math.lgamma) and the textbook critical
 * values (chi-square tables: 3.841 for df 1 at 5%, 11.070 for df 5 at 5%, 20.515 for df 5 at 0.1%).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import gammainc from '@stdlib/math-base-special-gammainc';
import { chiSquareGoodnessOfFit, chiSquareSurvival } from '../../analysis/validation/chi-square.ts';

function near(actual: number, expected: number, rel: number, label: string): void {
  const err = Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
  assert.ok(err <= rel, `${label}: ${actual}, expected ${expected} (relative error ${err.toExponential(2)})`);
}

// The library the survival function rests on (@stdlib/math-base-special-gammainc), pinned, so a
// version that computes differently fails here first.
test('regularized incomplete gamma P and Q, on both sides of x = a + 1', () => {
  const regularizedGammaP = (a: number, x: number): number => gammainc(x, a, true, false);
  const regularizedGammaQ = (a: number, x: number): number => gammainc(x, a, true, true);
  const cases: [number, number, number, number][] = [
    [0.5, 0.1, 0.34527915398142317, 0.6547208460185768],
    [0.5, 2, 0.9544997361036415, 0.04550026389635857],
    [3, 2.5, 0.45618688411667035, 0.5438131158833297],
    [10, 20, 0.9950045876916924, 0.0049954123083075785],
    [50, 40, 0.07033506665939494, 0.9296649333406051],
  ];
  for (const [a, x, p, q] of cases) {
    near(regularizedGammaP(a, x), p, 1e-12, `P(${a}, ${x})`);
    near(regularizedGammaQ(a, x), q, 1e-12, `Q(${a}, ${x})`);
    near(regularizedGammaP(a, x) + regularizedGammaQ(a, x), 1, 1e-14, `P + Q at (${a}, ${x})`);
  }
  assert.equal(regularizedGammaP(2, 0), 0);
  assert.equal(regularizedGammaQ(2, 0), 1);
});

test('chi-square survival function: table critical values and far tails', () => {
  const cases: [number, number, number][] = [
    [3.841458820694124, 1, 0.05],
    [11.070497693516351, 5, 0.05],
    [20.515005652432873, 5, 0.001],
    [0.5, 5, 0.9921232932326296],
    [100, 5, 5.285148360943219e-20],
    [124.34211340400407, 100, 0.05],
    [1e-3, 3, 0.9999915920809419],
    [300, 200, 5.924540335483916e-6],
    [40, 1, 2.5396285894708634e-10],
  ];
  for (const [x, df, p] of cases) near(chiSquareSurvival(x, df), p, 1e-10, `sf(${x}, df ${df})`);
  // df = 2 is an exponential: sf(x) = exp(-x / 2) exactly.
  for (const x of [0.1, 1, 2, 7.5, 30]) near(chiSquareSurvival(x, 2), Math.exp(-x / 2), 1e-13, `sf(${x}, df 2)`);
  assert.equal(chiSquareSurvival(0, 4), 1);
  assert.equal(chiSquareSurvival(Infinity, 4), 0, 'the library gives NaN there');
  assert.throws(() => chiSquareSurvival(1, 0), /df must be a positive/);
  assert.throws(() => chiSquareSurvival(-1, 3), /x must be >= 0/);
});

test('goodness of fit: statistic, df and p-value as scipy.stats.chisquare', () => {
  // scipy.stats.chisquare([30,14,34,45,57,20], [20,20,30,40,60,30]) -> 11.441666..., p 0.0432931...
  const r = chiSquareGoodnessOfFit([30, 14, 34, 45, 57, 20], [20, 20, 30, 40, 60, 30]);
  near(r.statistic, 11.441666666666666, 1e-14, 'statistic');
  assert.equal(r.df, 5);
  near(r.pValue, 0.04329313031580497, 1e-10, 'p-value');
  assert.deepEqual(r.expected, [20, 20, 30, 40, 60, 30]);
  // Perfect fit.
  const perfect = chiSquareGoodnessOfFit([15, 25, 60], [0.15, 0.25, 0.6]);
  assert.equal(perfect.statistic, 0);
  assert.equal(perfect.pValue, 1);
});

test('goodness of fit: zero-share categories and bad input', () => {
  // An empty zero-share category is ignored (df counts only positive shares)...
  const r = chiSquareGoodnessOfFit([50, 50, 0], [0.5, 0.5, 0]);
  assert.equal(r.df, 1);
  assert.equal(r.pValue, 1);
  // ...an observed one makes the fit impossible.
  assert.equal(chiSquareGoodnessOfFit([50, 49, 1], [0.5, 0.5, 0]).pValue, 0);
  assert.throws(() => chiSquareGoodnessOfFit([1, 2], [1]), /observed has 2 categories but shares has 1/);
  assert.throws(() => chiSquareGoodnessOfFit([1, -2], [0.5, 0.5]), /observed\[1\] = -2/);
  assert.throws(() => chiSquareGoodnessOfFit([0, 0], [0.5, 0.5]), /no observations/);
  assert.throws(() => chiSquareGoodnessOfFit([5, 5], [1, 0]), /two or more categories/);
});

/** The statistics the validation checks use (analysis/checks/stats.ts), against values computed by scipy. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { correctedNmi, skewness, spearman } from '../../analysis/checks/stats.ts';

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
});

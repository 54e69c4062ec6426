/**
 * Partition agreement against values worked out by hand (arithmetic in the comments).
 * C(m,2) = m(m-1)/2 throughout.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adjustedRandIndex, contingency, normalizedMutualInfo, purity } from '../../analysis/agreement/agreement.ts';

const EPS = 1e-12;
const L = (...v: number[]): Int32Array => Int32Array.from(v);

function near(actual: number, expected: number, label: string): void {
  assert.ok(Math.abs(actual - expected) <= EPS, `${label}: ${actual}, expected ${expected}`);
}

test('contingency table with sparse, non-dense ids', () => {
  const t = contingency(L(7, 7, 2, 2, 2), L(0, 100, 100, 100, 0));
  assert.deepEqual(t.rowIds, L(2, 7));
  assert.deepEqual(t.colIds, L(0, 100));
  // a=2: b=0 once (item 4), b=100 twice (items 2, 3); a=7: b=0 once, b=100 once
  assert.deepEqual(Array.from(t.counts), [1, 2, 1, 1]);
  assert.deepEqual(Array.from(t.rowSums), [3, 2]);
  assert.deepEqual(Array.from(t.colSums), [2, 3]);
  assert.equal(t.n, 5);
});

test('ARI by hand', () => {
  // a = 0 0 1 1, b = 0 0 1 2 (scikit-learn's doc example, 0.57...)
  // cells: (0,0)=2, (1,1)=1, (1,2)=1 -> sum C(n_ij,2) = 1
  // a sizes 2,2 -> 1 + 1 = 2; b sizes 2,1,1 -> 1; C(4,2) = 6
  // E = 2 * 1 / 6 = 1/3; max = (2 + 1)/2 = 3/2
  // ARI = (1 - 1/3) / (3/2 - 1/3) = (2/3) / (7/6) = 4/7
  near(adjustedRandIndex(L(0, 0, 1, 1), L(0, 0, 1, 2)), 4 / 7, 'doc example');

  // a = 0 0 0 1 1 1, b = 0 0 1 1 2 2
  // cells: (0,0)=2, (0,1)=1, (1,1)=1, (1,2)=2 -> sum C = 1 + 1 = 2
  // a sizes 3,3 -> 3 + 3 = 6; b sizes 2,2,2 -> 3; C(6,2) = 15
  // E = 6 * 3 / 15 = 1.2; max = (6 + 3)/2 = 4.5; ARI = (2 - 1.2)/(4.5 - 1.2) = 0.8/3.3 = 8/33
  near(adjustedRandIndex(L(0, 0, 0, 1, 1, 1), L(0, 0, 1, 1, 2, 2)), 8 / 33, 'six items');

  // a = 0 0 1 1, b = 0 1 0 1: every cell 1 -> sum C = 0; a, b sizes 2,2 -> 2 each
  // E = 2 * 2 / 6 = 2/3; max = 2; ARI = (0 - 2/3)/(2 - 2/3) = -1/2
  near(adjustedRandIndex(L(0, 0, 1, 1), L(0, 1, 0, 1)), -0.5, 'crossed');
});

test('ARI of identical and of relabelled partitions is 1; it is symmetric', () => {
  const a = L(0, 0, 1, 1, 2, 2, 2);
  assert.equal(adjustedRandIndex(a, a), 1);
  near(adjustedRandIndex(a, L(5, 5, 9, 9, 2, 2, 2)), 1, 'permuted, sparse ids');
  near(adjustedRandIndex(a, L(1, 1, 2, 2, 0, 0, 0)), 1, 'permuted');
  const b = L(0, 1, 1, 1, 2, 0, 2);
  near(adjustedRandIndex(a, b), adjustedRandIndex(b, a), 'symmetric');
});

test('ARI degenerate cases', () => {
  // One cluster each, or all singletons each: denominator 0, identical partitions -> 1.
  assert.equal(adjustedRandIndex(L(3, 3, 3), L(0, 0, 0)), 1);
  assert.equal(adjustedRandIndex(L(0, 1, 2), L(2, 0, 1)), 1);
  assert.equal(adjustedRandIndex(L(4), L(9)), 1);
  // One cluster against all singletons: sum C = 0, E = 3*0/3 = 0, max = 3/2 -> 0.
  assert.equal(adjustedRandIndex(L(0, 0, 0), L(0, 1, 2)), 0);
});

test('NMI by hand', () => {
  // a = 0 0 1 1, b = 0 0 1 2 (n = 4)
  // H(a) = ln 2; H(b) = 1/2 ln 2 + 2 * 1/4 ln 4 = 3/2 ln 2
  // I = 2/4 ln(4*2/(2*2)) + 1/4 ln(4*1/(2*1)) + 1/4 ln(4*1/(2*1)) = ln 2
  // NMI = ln 2 / ((ln 2 + 3/2 ln 2)/2) = 1/1.25 = 0.8
  near(normalizedMutualInfo(L(0, 0, 1, 1), L(0, 0, 1, 2)), 0.8, 'doc example');

  // a = 0 0 0 1 1 1, b = 0 0 1 1 2 2 (n = 6); H(a) = ln 2, H(b) = ln 3
  // I = 2/6 ln(6*2/(3*2)) + 1/6 ln(6*1/(3*2)) + 1/6 ln(1) + 2/6 ln 2 = 2/3 ln 2
  // NMI = (2/3 ln 2) / ((ln 2 + ln 3)/2) = 4 ln 2 / (3 ln 6)
  near(normalizedMutualInfo(L(0, 0, 0, 1, 1, 1), L(0, 0, 1, 1, 2, 2)), (4 * Math.LN2) / (3 * Math.log(6)), 'six items');

  // Independent: every cell 1/4 ln(4*1/(2*2)) = 0 -> 0
  near(normalizedMutualInfo(L(0, 0, 1, 1), L(0, 1, 0, 1)), 0, 'independent');
});

test('NMI identical, relabelled and degenerate cases', () => {
  const a = L(0, 0, 1, 1, 2, 2, 2);
  near(normalizedMutualInfo(a, a), 1, 'identical');
  near(normalizedMutualInfo(a, L(8, 8, 0, 0, 3, 3, 3)), 1, 'relabelled');
  // Both single-cluster: defined as 1 (perfect agreement; the ratio would be 0/0).
  assert.equal(normalizedMutualInfo(L(2, 2, 2), L(0, 0, 0)), 1);
  // One side single-cluster: no shared information -> 0.
  assert.equal(normalizedMutualInfo(L(0, 0, 0, 0), L(0, 0, 1, 1)), 0);
  assert.equal(normalizedMutualInfo(L(0, 1, 2, 3), L(5, 5, 5, 5)), 0);
  // Both all-singletons: I = H = ln n -> 1.
  near(normalizedMutualInfo(L(0, 1, 2), L(2, 0, 1)), 1, 'all singletons');
});

test('purity by hand', () => {
  // truth = 0 0 0 1 1 2, pred = 0 0 1 1 1 1
  // pred 0 holds truths {0, 0} -> best 2; pred 1 holds {0, 1, 1, 2} -> best 2 (class 1)
  // purity = (2 + 2)/6 = 2/3
  near(purity(L(0, 0, 0, 1, 1, 2), L(0, 0, 1, 1, 1, 1)), 2 / 3, 'mixed');
  assert.equal(purity(L(0, 0, 1, 1), L(7, 7, 3, 3)), 1);
  // A single predicted cluster scores the largest class share: 3/5.
  near(purity(L(0, 0, 0, 1, 2), L(0, 0, 0, 0, 0)), 3 / 5, 'one cluster');
});

test('bad label arrays are rejected with the argument named', () => {
  assert.throws(() => adjustedRandIndex(L(0, 1), L(0, 1, 1)), {
    message: 'adjustedRandIndex: a.length = 2 but b.length = 3',
  });
  assert.throws(() => normalizedMutualInfo(L(0, -2), L(0, 1)), {
    message: 'normalizedMutualInfo: a[1] = -2 is negative',
  });
  assert.throws(() => purity(L(0, 1), L(0, -1)), { message: 'purity: pred[1] = -1 is negative' });
  assert.throws(() => purity(L(0, 1, 2), L(0, 1)), {
    message: 'purity: pred.length = 2 but truth.length = 3',
  });
  assert.throws(() => purity(L(), L()), {
    message: 'purity: the label arrays are empty (n = 0)',
  });
});

/** HitRate@k, Recall@k, NDCG@k and coverage on tiny lists, against values worked out by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogueCoverage, idealDcg, scoreList } from '../../analysis/recommend/metrics.ts';
import { rankProducts } from '../../analysis/recommend/interface.ts';

const close = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) < 1e-12, `${what}: ${a} != ${b}`);

test('hits at ranks 2 and 4 of 4, three relevant', () => {
  // list [3, 1, 7, 5], relevant {1, 5, 9}, k = 4: hits at ranks 2 (product 1) and 4 (product 5)
  //   HitRate = 1; Recall = 2 / 3
  //   DCG  = 1/log2(3) + 1/log2(5) = 0.630930 + 0.430677 = 1.061606
  //   IDCG = 1/log2(2) + 1/log2(3) + 1/log2(4) = 1 + 0.630930 + 0.5 = 2.130930 (min(3, 4) = 3 terms)
  //   NDCG = 1.061606 / 2.130930 = 0.498189
  const s = scoreList([3, 1, 7, 5], new Set([1, 5, 9]), 4);
  assert.equal(s.hit, 1);
  close(s.recall, 2 / 3, 'recall');
  close(s.ndcg, (1 / Math.log2(3) + 1 / Math.log2(5)) / (1 + 1 / Math.log2(3) + 0.5), 'ndcg');
  assert.ok(Math.abs(s.ndcg - 0.498189) < 1e-6);
});

test('the list is cut at k', () => {
  // list [1, 2, 3], relevant {3}, k = 2: only [1, 2] counts, no hit: 0, 0, 0
  assert.deepEqual(scoreList([1, 2, 3], new Set([3]), 2), { hit: 0, recall: 0, ndcg: 0 });
  // the same list at k = 3: a hit at rank 3; DCG = 1/log2(4) = 0.5, IDCG = 1 (one relevant) -> 0.5
  assert.deepEqual(scoreList([1, 2, 3], new Set([3]), 3), { hit: 1, recall: 1, ndcg: 0.5 });
});

test('a perfect list scores 1; more relevant products than k caps NDCG, not Recall', () => {
  // list [4, 2], relevant {2, 4}, k = 10: DCG = 1 + 1/log2(3) = IDCG -> NDCG 1, Recall 2/2
  assert.deepEqual(scoreList([4, 2], new Set([2, 4]), 10), { hit: 1, recall: 1, ndcg: 1 });
  // list [1, 2], relevant {1, 2, 3, 4, 5}, k = 2: Recall = 2/5 = 0.4 (divided by |R|, not min(|R|, k));
  // IDCG over min(5, 2) = 2 ranks = DCG, so NDCG = 1
  const s = scoreList([1, 2], new Set([1, 2, 3, 4, 5]), 2);
  close(s.recall, 0.4, 'recall');
  close(s.ndcg, 1, 'ndcg');
});

test('idealDcg sums the discounts of min(relevant, k) ranks', () => {
  close(idealDcg(1, 10), 1, 'one relevant');
  close(idealDcg(3, 2), 1 + 1 / Math.log2(3), 'capped at k = 2');
  assert.equal(idealDcg(0, 10), 0);
});

test('an empty relevant set cannot be scored', () => {
  assert.throws(() => scoreList([1], new Set(), 10), RangeError);
});

test('coverage: distinct products in the lists (cut at k) over the catalogue', () => {
  // {0, 1, 2} of 10 products
  close(catalogueCoverage([[0, 1], [1, 2], [2]], 10, 10), 0.3, 'k = 10');
  // cut at k = 1: only the first items, {0} of 10
  close(
    catalogueCoverage(
      [
        [0, 1],
        [0, 2],
      ],
      10,
      1,
    ),
    0.1,
    'k = 1',
  );
});

test('rankProducts: score, then the tie-break, then id; never a product with tie-break 0', () => {
  // scores    [0, 2, 2, 0, 5]
  // tie-break [4, 1, 3, 4, 0]  (product 4 was never bought: excluded whatever its score)
  // -> 2 (score 2, tie-break 3), 1 (score 2, tie-break 1), 0 (score 0, tie-break 4, id 0), 3
  assert.deepEqual(rankProducts([0, 2, 2, 0, 5], [4, 1, 3, 4, 0], 10), [2, 1, 0, 3]);
  assert.deepEqual(rankProducts([0, 2, 2, 0, 5], [4, 1, 3, 4, 0], 2), [2, 1]);
});

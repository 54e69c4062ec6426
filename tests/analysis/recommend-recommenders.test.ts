/**
 * Each recommender on hand-built training data (no files), and evaluate()'s averaging, against
 * rankings and numbers worked out by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cooccurrenceRecommender } from '../../analysis/recommend/cooccurrence.ts';
import { evaluate, evaluatedTraders } from '../../analysis/recommend/evaluate.ts';
import { historyRecommender } from '../../analysis/recommend/history.ts';
import type { Recommender, TrainingData } from '../../analysis/recommend/interface.ts';
import { popularityRecommender } from '../../analysis/recommend/popularity.ts';
import { fitSensitivity, priceAwareRecommender } from '../../analysis/recommend/price-aware.ts';
import { segmentRecommender } from '../../analysis/recommend/segment.ts';
import type { TestSets } from '../../analysis/recommend/split.ts';

interface Buy {
  trader: number;
  product: number;
  repeat?: boolean;
}

/**
 * Training data of one day (day 0) in one zone, split after it. `categories` gives each product's
 * category index, `price` each product's price that day, `segment` each trader's segment.
 */
function training(
  buys: Buy[],
  o: { traders: number; categories: number[]; price?: number[]; segment?: number[] },
): TrainingData {
  const P = o.categories.length;
  const N = o.traders;
  const counts = new Float64Array(N * P);
  const traderZone = new Int32Array(N).fill(-1);
  for (const b of buys) {
    counts[b.trader * P + b.product]++;
    traderZone[b.trader] = 0;
  }
  const label = Int32Array.from(o.segment ?? new Array<number>(N).fill(0));
  const k = Math.max(...label) + 1;
  const dayPrice = Float64Array.from(o.price ?? new Array<number>(P).fill(1));
  return {
    traders: N,
    products: P,
    productCategory: Int32Array.from(o.categories),
    categories: [...new Set(o.categories)].map((c) => `c${c}`),
    zones: ['z'],
    splitTick: 24,
    purchases: {
      length: buys.length,
      trader: Int32Array.from(buys, (b) => b.trader),
      tick: Int32Array.from(buys, () => 8),
      product: Int32Array.from(buys, (b) => b.product),
      zone: new Int32Array(buys.length),
      unitPrice: Float64Array.from(buys, (b) => dayPrice[b.product]),
      isRepeat: Int32Array.from(buys, (b) => (b.repeat ? 1 : 0)),
    },
    counts,
    traderZone,
    dayPrice,
    lastDayPrice: dayPrice,
    lastDay: 0,
    segments: { k, label, sizes: Array.from({ length: k }, (_, s) => label.filter((x) => x === s).length) },
  };
}

/**
 * Four traders, four products (product 3 never bought):
 *   trader 0: {0, 1}        segment 0
 *   trader 1: {0, 1}        segment 0
 *   trader 2: {0, 2 x 5}    segment 1
 *   trader 3: {2}           segment 1
 * buyers (global popularity): product 0 = 3, 1 = 2, 2 = 2, 3 = 0
 */
function fourTraders(): TrainingData {
  const buys: Buy[] = [
    { trader: 0, product: 0 },
    { trader: 0, product: 1 },
    { trader: 1, product: 0 },
    { trader: 1, product: 1 },
    { trader: 2, product: 0 },
    ...Array.from({ length: 5 }, () => ({ trader: 2, product: 2 })),
    { trader: 3, product: 2 },
  ];
  return training(buys, { traders: 4, categories: [0, 0, 1, 1], segment: [0, 0, 1, 1] });
}

function fitted(r: Recommender, t: TrainingData): Recommender {
  r.fit(t);
  return r;
}

test('popularity ranks by distinct buyers, not items, ties by id, and skips unsold products', () => {
  // product 2 has the most items (6) but 2 buyers; 1 and 2 tie on 2 buyers -> id order
  const r = fitted(popularityRecommender(), fourTraders());
  assert.deepEqual(r.recommend(3, 10), [0, 1, 2]);
  assert.deepEqual(r.recommend(0, 2), [0, 1]);
});

test("history ranks the trader's own items, then fills with popularity", () => {
  const r = fitted(historyRecommender(), fourTraders());
  // trader 2: own counts 2 -> 5, 0 -> 1; then product 1 by popularity
  assert.deepEqual(r.recommend(2, 10), [2, 0, 1]);
  // trader 3: own 2; then 0 (3 buyers), 1 (2 buyers)
  assert.deepEqual(r.recommend(3, 10), [2, 0, 1]);
});

test("segment ranks by buyers within the trader's segment, then by global popularity", () => {
  const r = fitted(segmentRecommender(), fourTraders());
  // segment 1 = traders 2, 3: product 2 has 2 buyers, product 0 has 1, product 1 none -> [2, 0, 1]
  assert.deepEqual(r.recommend(3, 10), [2, 0, 1]);
  // segment 0 = traders 0, 1: products 0 and 1 have 2 buyers each, tie by global popularity (3 > 2)
  assert.deepEqual(r.recommend(0, 10), [0, 1, 2]);
});

test("co-occurrence sums the cosine similarities of the trader's products", () => {
  // co-buyers: (0,1) = 2 (traders 0, 1), (0,2) = 1 (trader 2), (1,2) = 0
  // sim(0,1) = 2 / sqrt(3 x 2) = 0.8165, sim(0,2) = 1 / sqrt(3 x 2) = 0.4082, sim(1,2) = 0
  // trader 3 bought {2}: score 0 = 0.4082, 1 = 0, 2 = sim(2,2) = 1 -> [2, 0, 1]
  const r = fitted(cooccurrenceRecommender(), fourTraders());
  assert.deepEqual(r.recommend(3, 10), [2, 0, 1]);
  // trader 2 bought {0, 2}: score 0 = 1 + 0.4082, 1 = 0.8165 + 0, 2 = 0.4082 + 1
  // 0 and 2 tie at 1.4082 -> popularity (3 > 2): [0, 2, 1]
  assert.deepEqual(r.recommend(2, 10), [0, 2, 1]);
});

test('fitSensitivity is the closed-form MLE on two products', () => {
  // One category of products at log prices 0 and 1; 3 buys of the first, 1 of the second.
  // P(first) = 1 / (1 + e^-s) is maximised at 3/4, so e^-s = 1/3 and s = ln 3 = 1.098612
  const logPrice = Float64Array.from([0, 1]);
  const members = [[0, 1]];
  const choices = [0, 0, 0, 1].map((j) => ({ base: 0, category: 0, logPrice: logPrice[j] }));
  assert.ok(Math.abs(fitSensitivity(choices, logPrice, members) - Math.log(3)) < 1e-9);
  // equal shares: s = 0; no data: 0
  assert.ok(
    Math.abs(
      fitSensitivity(
        [0, 1].map((j) => ({ base: 0, category: 0, logPrice: logPrice[j] })),
        logPrice,
        members,
      ),
    ) < 1e-12,
  );
  assert.equal(fitSensitivity([], logPrice, members), 0);
});

test('price-aware: cheap items of its categories for a price-sensitive segment, history elsewhere', () => {
  // Products: 0 and 1 in category 0 at prices 1 and e (log 0 and 1), 2 in category 1 at price 1.
  // Exploratory buys in category 0 (product 2 is alone in its category and teaches nothing):
  //   segment 0 (traders 0, 1, 3): product 0 x 3, product 1 x 2 -> s = ln(3/2) = 0.405
  //   segment 1 (trader 2):        product 0 x 1, product 1 x 3 -> s = ln(1/3) = -1.099
  //   market:                      product 0 x 4, product 1 x 5 -> s = ln(4/5) = -0.223
  // so segment 0 is price-sensitive (0.405 > -0.223) and segment 1 is not.
  const buys: Buy[] = [
    { trader: 0, product: 0 },
    { trader: 0, product: 0 },
    { trader: 0, product: 1 },
    { trader: 0, product: 2 },
    { trader: 1, product: 0 },
    { trader: 2, product: 1 },
    { trader: 2, product: 1 },
    { trader: 2, product: 1 },
    { trader: 2, product: 0 },
    { trader: 3, product: 1 },
    { trader: 3, product: 2 },
  ];
  const t = training(buys, { traders: 4, categories: [0, 0, 1], price: [1, Math.E, 1], segment: [0, 0, 1, 0] });
  const r = fitted(priceAwareRecommender(), t);
  const d = r.details!() as {
    marketSensitivity: number;
    segmentSensitivity: number[];
    priceSensitiveSegments: number[];
  };
  assert.ok(Math.abs(d.segmentSensitivity[0] - Math.log(1.5)) < 1e-9);
  assert.ok(Math.abs(d.segmentSensitivity[1] - Math.log(1 / 3)) < 1e-9);
  assert.ok(Math.abs(d.marketSensitivity - Math.log(0.8)) < 1e-9);
  assert.deepEqual(d.priceSensitiveSegments, [0]);
  // Trader 3 (segment 0) bought products 1 and 2, no repeats (r = 0): category shares 1/2 and 1/2.
  // Choice model at the last day's prices, s = ln 1.5: weights 1 and e^-s = 2/3 -> P(0) = 0.6, P(1) = 0.4.
  //   score 0 = 0.5 x 0.6 = 0.3, score 1 = 0.5 x 0.4 = 0.2, score 2 = 0.5 x 1 = 0.5 -> [2, 0, 1]:
  // the cheap product 0, never bought by trader 3, ranks above its own dearer product 1.
  assert.deepEqual(r.recommend(3, 10), [2, 0, 1]);
  // history would give its own products first: [1, 2, 0] (1 and 2 tie on one item; buyers 3 > 2)
  assert.deepEqual(fitted(historyRecommender(), t).recommend(3, 10), [1, 2, 0]);
  // Trader 2 (segment 1, not price-sensitive) gets its history: product 1 x 3, product 0 x 1, then 2
  assert.deepEqual(r.recommend(2, 10), [1, 0, 2]);
});

test('evaluate averages over traders with a purchase in both periods, by persona, with the gain over popularity', () => {
  // Four traders: 0 and 1 bought in both periods, 2 only in training, 3 only in the test week.
  const t = training(
    [
      { trader: 0, product: 0 },
      { trader: 1, product: 1 },
      { trader: 2, product: 2 },
    ],
    { traders: 4, categories: [0, 0, 0, 0] },
  );
  const test: TestSets = { products: [new Set([0]), new Set([1, 2]), new Set(), new Set([3])], rows: 4 };
  assert.deepEqual(evaluatedTraders(t, test), [0, 1]);
  const fixed: Recommender = { name: 'fixed', description: 'always [0, 1]', fit() {}, recommend: () => [0, 1] };
  const [pop, fix] = evaluate(t, test, [popularityRecommender(), fixed], 2, ['A', 'B', 'A', 'B'], ['B', 'A']);
  // popularity: products 0, 1, 2 have one buyer each -> [0, 1] too
  // trader 0, relevant {0}: hit at rank 1 -> hit 1, recall 1, NDCG 1
  // trader 1, relevant {1, 2}: hit at rank 2 -> hit 1, recall 1/2,
  //   NDCG = (1/log2(3)) / (1 + 1/log2(3)) = 0.630930 / 1.630930 = 0.386853
  // means: hit 1, recall 0.75, NDCG (1 + 0.386853) / 2 = 0.693426; coverage {0, 1} of 4 = 0.5
  const n1 = 1 / Math.log2(3) / (1 + 1 / Math.log2(3));
  for (const r of [pop, fix]) {
    assert.equal(r.hitRate, 1);
    assert.equal(r.recall, 0.75);
    assert.ok(Math.abs(r.ndcg - (1 + n1) / 2) < 1e-12);
    assert.equal(r.coverage, 0.5);
    assert.equal(r.ndcgGainVsPopularity, 0);
    // persona order as given, one trader each
    assert.deepEqual(
      r.byPersona.map((p) => [p.persona, p.traders]),
      [
        ['B', 1],
        ['A', 1],
      ],
    );
    assert.ok(Math.abs(r.byPersona[0].ndcg - n1) < 1e-12);
    assert.equal(r.byPersona[1].ndcg, 1);
  }
});

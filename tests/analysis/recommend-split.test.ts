/**
 * No recommender sees the test weeks: on a tiny hand-written run directory (recommend-fixture.ts),
 * training data holds only ticks before the split, a product first sold in the test week is never
 * recommended, and changing only the test week changes no recommendation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunManifest } from '../../analysis/run/index.ts';
import { defaultRecommenders, recommendRun, type RecommendResult } from '../../analysis/recommend/run.ts';
import { RecommendOptionError, type TrainingData } from '../../analysis/recommend/interface.ts';
import { segmentTraders } from '../../analysis/recommend/segmentation.ts';
import { readSplit, temporalSplit } from '../../analysis/recommend/split.ts';
import { tempDir } from '../helpers/run.ts';
import { TINY, writeTinyRun } from './recommend-fixture.ts';

async function fitted(
  dir: string,
  segments?: number,
): Promise<{ train: TrainingData; lists: Map<string, number[][]> }> {
  const { manifest, train: base } = await readSplit(dir, TINY.testWeeks);
  const seg = await segmentTraders(dir, base, { seed: manifest.seed, k: segments });
  const train: TrainingData = { ...base, segments: seg };
  const lists = new Map<string, number[][]>();
  for (const r of defaultRecommenders()) {
    r.fit(train);
    // Every trader, with the whole catalogue as k: the longest lists there are.
    lists.set(
      r.name,
      Array.from({ length: train.traders }, (_, t) => r.recommend(t, base.products)),
    );
  }
  return { train, lists };
}

test('temporalSplit holds out the last weeks and rejects a split without training weeks', () => {
  const m = { days: 182 } as RunManifest;
  assert.deepEqual(temporalSplit(m, 4), {
    weeks: 26,
    trainWeeks: 22,
    testWeeks: 4,
    splitDay: 154,
    splitTick: 154 * 24,
    days: 182,
  });
  assert.throws(
    () => temporalSplit(m, 26),
    (e: Error) => e instanceof RecommendOptionError && /--test-weeks/.test(e.message) && /26/.test(e.message),
  );
  assert.throws(() => temporalSplit(m, 0), RecommendOptionError);
});

test('training data holds only ticks and prices before the split; the test sets only after', async () => {
  const dir = writeTinyRun(join(tempDir('musika-rec-'), 'run'));
  const { split, train, test: held } = await readSplit(dir, TINY.testWeeks);
  assert.equal(split.splitTick, TINY.splitTick);
  assert.ok(train.purchases.length > 0);
  for (const tick of train.purchases.tick) assert.ok(tick < TINY.splitTick, `training tick ${tick}`);
  assert.ok(!train.purchases.product.includes(TINY.testOnlyProduct));
  let counted = 0;
  for (let t = 0; t < train.traders; t++) counted += train.counts[t * train.products + TINY.testOnlyProduct];
  assert.equal(counted, 0);
  // prices of training days only, the last of them as lastDayPrice
  assert.equal(train.dayPrice.length, TINY.splitDay * train.zones.length * train.products);
  assert.equal(train.lastDay, TINY.splitDay - 1);
  assert.ok(held.products[0].has(TINY.testOnlyProduct));
  assert.ok(held.rows > 0);
  // trader 9 bought only in training, trader 8 only in the test week
  assert.equal(held.products[9].size, 0);
  assert.equal(train.traderZone[8], -1);
});

test('no recommender ever recommends a product first sold in the test weeks', async () => {
  const dir = writeTinyRun(join(tempDir('musika-rec-'), 'run'));
  for (const segments of [undefined, 2]) {
    const { lists } = await fitted(dir, segments);
    assert.equal(lists.size, 5);
    for (const [name, byTrader] of lists) {
      byTrader.forEach((list, t) => {
        assert.ok(!list.includes(TINY.testOnlyProduct), `${name} recommends the test-only product to trader ${t}`);
        assert.equal(new Set(list).size, list.length, `${name}: duplicates for trader ${t}`);
        // every other product was bought in training, so the lists are complete without it
        assert.equal(list.length, 5, `${name}: list length for trader ${t}`);
      });
    }
  }
});

test('changing only the test week changes no segment and no recommendation', async () => {
  const root = tempDir('musika-rec-');
  const a = await fitted(writeTinyRun(join(root, 'a'), 'a'));
  const b = await fitted(writeTinyRun(join(root, 'b'), 'b'));
  // the two directories really differ in the test week
  assert.notEqual(
    readFileSync(join(root, 'a', 'transactions.csv'), 'utf8'),
    readFileSync(join(root, 'b', 'transactions.csv'), 'utf8'),
  );
  assert.deepEqual(a.train.segments.label, b.train.segments.label);
  assert.deepEqual(a.train.counts, b.train.counts);
  assert.deepEqual(a.train.dayPrice, b.train.dayPrice);
  for (const [name, lists] of a.lists) assert.deepEqual(lists, b.lists.get(name), name);
});

test('recommendRun scores the traders with a purchase in both periods and writes recommend.json', async () => {
  const dir = writeTinyRun(join(tempDir('musika-rec-'), 'run'));
  const path = join(dir, 'analysis', 'recommend.json');
  assert.ok(!existsSync(path), 'no recommend.json before recommendRun');
  const r = await recommendRun(dir, { k: 3, testWeeks: 1, segments: 2 });
  const onDisk = JSON.parse(readFileSync(path, 'utf8')) as RecommendResult;
  // The file holds this call's result, whole (a JSON round trip of what it returned).
  assert.deepEqual(onDisk, JSON.parse(JSON.stringify(r)));
  assert.deepEqual(
    onDisk.recommenders.map((x) => x.name),
    ['popularity', 'history', 'segment', 'cooccurrence', 'price-aware'],
  );
  assert.equal(r.counts.evaluated, TINY.evaluated);
  assert.equal(r.counts.withTrainingPurchase, 9);
  assert.equal(r.counts.withTestPurchase, 9);
  assert.equal(r.segments.k, 2);
  assert.equal(r.segments.chosenBy, 'flag');
  assert.equal(r.split.splitTick, TINY.splitTick);
  for (const x of r.recommenders) {
    for (const v of [x.hitRate, x.recall, x.ndcg, x.coverage]) assert.ok(v >= 0 && v <= 1, `${x.name}: ${v}`);
    // coverage never counts the test-only product: at most 5 of the 6 products
    assert.ok(x.coverage <= 5 / 6 + 1e-12);
    assert.equal(
      x.byPersona.reduce((s, p) => s + p.traders, 0),
      TINY.evaluated,
    );
  }
  await assert.rejects(
    recommendRun(dir, { k: 7, testWeeks: 1 }),
    (e: Error) => e instanceof RecommendOptionError && /--k/.test(e.message) && /7/.test(e.message),
  );
  await assert.rejects(
    recommendRun(dir, { testWeeks: 3 }),
    (e: Error) => e instanceof RecommendOptionError && /--test-weeks/.test(e.message),
  );
});

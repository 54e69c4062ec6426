/**
 * The shard balancer's arithmetic on small hand-computed cases. That any bounds give the same
 * bytes is proved by the thread tests in determinism.test.ts, where the bounds move every day.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAIN_WRITE_LOAD, ShardBalancer, balancedShares } from '../../engine/shard-balance.ts';

function near(actual: Float64Array, expected: number[]): void {
  assert.equal(actual.length, expected.length);
  for (const [k, e] of expected.entries())
    assert.ok(Math.abs(actual[k] - e) < 1e-12, `share ${k}: ${actual[k]} vs ${e}`);
}

test("balanced shares equalise the shards' days, main carrying its overhead", () => {
  // Equal costs, main spends 20 more: days of 60 = 40 x 1 + 20 = 60 x 1.
  near(balancedShares(Float64Array.of(1, 1), 20, 100), [0.4, 0.6]);
  // Main twice as slow per trader, no overhead: 30 x 2 = 60 x 1.
  near(balancedShares(Float64Array.of(2, 1), 0, 90), [1 / 3, 2 / 3]);
  // An overhead longer than the whole job on the other shard: main gets no traders.
  near(balancedShares(Float64Array.of(1, 1), 150, 100), [0, 1]);
  // Three shards, equal costs, overhead 30: day 110 = 80 + 30 = 110 = 110 (n = 80, 110, 110).
  near(balancedShares(Float64Array.of(1, 1, 1), 30, 300), [80 / 300, 110 / 300, 110 / 300]);
});

test('the balancer starts main lighter and moves bounds toward equal days', () => {
  const b = new ShardBalancer(1000, 2);
  const bounds = new Int32Array(3);
  b.initial(bounds);
  assert.deepEqual([...bounds], [0, Math.round(1000 * ((1 - MAIN_WRITE_LOAD) / 2)), 1000]);
  // Under [0, 500, 1000] shard 0 took 50 ms (0.1 a trader), shard 1 100 ms (0.2): 667 x 0.1 = 333 x 0.2.
  bounds.set([0, 500, 1000]);
  b.update(bounds, Float64Array.of(50, 100), 0);
  assert.deepEqual([...bounds], [0, 667, 1000]);
  // One thread: nothing to balance.
  const one = new ShardBalancer(10, 1);
  const ob = new Int32Array(2);
  one.initial(ob);
  assert.deepEqual([...ob], [0, 10]);
});

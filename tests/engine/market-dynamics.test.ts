/**
 * The market's prices over a run: no level bias from the response to demand, and no start-up
 * transient (the first week looks like the later ones). Measured on market.csv, the posted prices
 * of every trading hour, against base x zone level (seasons switched off, so that is the normal).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveScenario, simulate, type Scenario } from '../../engine/index.ts';
import { readMarket, tempDir } from '../helpers/run.ts';

/** Mean log(posted / base x zone level) per week, over every (hour, zone, product) of days `from`... */
async function weeklyLogIndex(s: Scenario): Promise<{ weeks: number[]; metrics: Record<string, number> }> {
  const dir = tempDir();
  const { metrics } = await simulate(s, dir);
  const zoneLevel = new Map(s.market.zones.map((z) => [z.id, z.priceLevel]));
  const base = s.market.catalogue.products.map((p) => p.basePrice);
  const sum = new Array<number>(s.weeks).fill(0);
  const n = new Array<number>(s.weeks).fill(0);
  for (const r of readMarket(dir)) {
    const w = Math.floor(r.day / 7);
    sum[w] += Math.log(r.price / (base[r.product_id] * zoneLevel.get(r.zone)!));
    n[w]++;
  }
  return { weeks: sum.map((x, w) => x / n[w]), metrics };
}

test('with steady demand and ample supply the mean price is base x zone level within 2%', async () => {
  // The uniform population has no lifecycle, no seasons and no weekly or monthly cycle; vendors
  // bring twice what they expect plus three standard deviations; markdowns are off.
  const s = resolveScenario({ preset: 'uniform', traders: 1500, weeks: 6, seed: 'level-bias' });
  Object.assign(s.market.stock, { margin: 1, safety: 3, perishableSafety: 3 });
  s.market.price.markdownMax = 0;
  const { weeks, metrics } = await weeklyLogIndex(s);
  const mean = weeks.reduce((a, b) => a + b, 0) / weeks.length;
  assert.ok(Math.abs(mean) < Math.log(1.02), `mean log price index ${mean.toFixed(4)}`);
  // The same market with its default supply binds far more often, and its prices respond.
  const tight = resolveScenario({ preset: 'uniform', traders: 1500, weeks: 6, seed: 'level-bias' });
  const tightRun = await weeklyLogIndex(tight);
  assert.ok(
    metrics.stockout_rate < tightRun.metrics.stockout_rate / 2,
    `ample supply: stockout rate ${metrics.stockout_rate} vs ${tightRun.metrics.stockout_rate} by default`,
  );
});

test('no start-up transient: week 1 price index within 3% of weeks 5-12', async () => {
  const s = resolveScenario({ preset: 'personas', traders: 2000, weeks: 12, seed: 'transient' });
  s.market.price.seasonality = 0;
  const { weeks } = await weeklyLogIndex(s);
  const later = weeks.slice(4).reduce((a, b) => a + b, 0) / 8;
  const gap = weeks[0] - later;
  assert.ok(
    Math.abs(gap) < Math.log(1.03),
    `week 1 ${weeks[0].toFixed(4)} vs weeks 5-12 ${later.toFixed(4)} (log gap ${gap.toFixed(4)}); weeks ${weeks.map((w) => w.toFixed(3)).join(' ')}`,
  );
});

test('the default market: the mean posted price of stocked stalls is base x zone level within 2%', async () => {
  // Stock binds, premiums and markdowns happen, and sold-out stalls keep their last price; over the
  // hours a stall has something to sell, the response must not move the level by itself.
  const s = resolveScenario({ preset: 'personas', traders: 2000, weeks: 6, seed: 'level-default' });
  s.market.price.seasonality = 0;
  const dir = tempDir();
  const { metrics } = await simulate(s, dir);
  const zoneLevel = new Map(s.market.zones.map((z) => [z.id, z.priceLevel]));
  const base = s.market.catalogue.products.map((p) => p.basePrice);
  let sum = 0;
  let n = 0;
  for (const r of readMarket(dir)) {
    if (r.day === 0 || r.stock === 0) continue;
    sum += Math.log(r.price / (base[r.product_id] * zoneLevel.get(r.zone)!));
    n++;
  }
  assert.ok(
    metrics.stockout_rate > 0.02 && metrics.markdown_share > 0.01,
    `the mechanisms are at work (${metrics.stockout_rate}, ${metrics.markdown_share})`,
  );
  assert.ok(
    Math.abs(sum / n) < Math.log(1.02),
    `mean log price index over stocked stall-hours ${(sum / n).toFixed(4)}`,
  );
});

/**
 * Every mechanism of the market can be switched off through the scenario alone, and then leaves
 * no trace in the run's files: stock, every price response, markdowns, spoilage.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveScenario, simulate, type Scenario } from '../../engine/index.ts';
import { readMarket, readPrices, tempDir } from '../helpers/run.ts';

async function run(change: (s: Scenario) => void) {
  const s = resolveScenario({ preset: 'personas', traders: 600, weeks: 2, seed: 'switches' });
  change(s);
  const dir = tempDir();
  const summary = await simulate(s, dir);
  return { s, summary, market: readMarket(dir), prices: readPrices(dir) };
}

test('by default every mechanism leaves its trace: stockouts, premiums, markdowns, waste', async () => {
  const { summary, market, prices } = await run(() => undefined);
  assert.ok(summary.metrics.stockout_rate > 0, 'some requests go unmet');
  assert.ok(
    market.some((r) => r.markdown === 1),
    'some markdowns',
  );
  assert.ok(
    prices.some((r) => r.wasted > 0),
    'some waste',
  );
  const open = new Map<string, number>();
  let moved = 0;
  for (const r of market) {
    const key = `${r.day},${r.zone},${r.product_id}`;
    if (r.hour === 5) open.set(key, r.price);
    else if (r.price > open.get(key)!) moved++;
  }
  assert.ok(moved > 0, 'prices rise within some days');
});

test('market.stock.enabled false: unlimited stock, nothing unmet, delivered or wasted', async () => {
  const { summary, market, prices } = await run((s) => (s.market.stock.enabled = false));
  assert.equal(summary.metrics.stockout_rate, 0);
  assert.ok(market.every((r) => Number.isNaN(r.stock) && r.unmet === 0 && r.markdown === 0));
  assert.ok(prices.every((r) => Number.isNaN(r.delivered) && Number.isNaN(r.wasted)));
});

test('market.price.demandResponse 0: no price response of any kind, each day one price per stall', async () => {
  const { market, summary } = await run((s) => (s.market.price.demandResponse = 0));
  assert.equal(summary.metrics.intraday_move_share, 0);
  const open = new Map<string, string>();
  for (const r of market) {
    const key = `${r.day},${r.zone},${r.product_id}`;
    if (r.hour === 5) open.set(key, r.rawPrice);
    else assert.equal(r.rawPrice, open.get(key), `day ${r.day} hour ${r.hour} ${r.zone} product ${r.product_id}`);
    assert.equal(r.markdown, 0);
  }
});

test('market.price.markdownMax 0: no markdowns; market.stock.spoilage false: no waste', async () => {
  const noMarkdowns = await run((s) => (s.market.price.markdownMax = 0));
  assert.ok(noMarkdowns.market.every((r) => r.markdown === 0));
  assert.equal(noMarkdowns.summary.metrics.markdown_share, 0);
  const noSpoilage = await run((s) => (s.market.stock.spoilage = false));
  assert.ok(noSpoilage.prices.every((r) => r.day === 0 || r.wasted === 0));
  assert.ok(
    noSpoilage.market.every((r) => r.markdown === 0),
    'nothing to clear at close, so no markdowns',
  );
});

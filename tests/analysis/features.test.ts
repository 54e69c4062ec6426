/**
 * computeFeatures on a hand-written run directory: 3 traders (and one who never buys), 3 products,
 * one zone, constant prices, every value below worked out by hand from the rows.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BEHAVIOUR_FEATURES,
  CONTEXT_FEATURES,
  FEATURES,
  FEATURE_DEFINITIONS,
  FEATURE_NAMES,
  computeFeatures,
} from '../../analysis/features/index.ts';
import { sealRun } from '../helpers/seal.ts';

const ln = Math.log;

/** Products: 0 veg at 1.00, 1 veg at 4.00, 2 grain at 2.00, all days; both categories' geometric means are 2. */
function writeRun(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const manifest = {
    seed: 'hand',
    days: 14,
    counts: { traders: 4, transactions: 6 },
    scenario: {
      name: 'hand',
      traders: 4,
      weeks: 2,
      calendar: { startDate: '2025-01-06', openHour: 5, closeHour: 19 },
      population: { personas: [{ id: 'a', share: 1, repeat: 0.5, priceSensitivity: 0.5 }], budget: { payday: 1 } },
      market: {
        catalogue: {
          categories: [{ id: 'veg' }, { id: 'grain' }],
          products: [
            { id: 'p0', name: 'P0', category: 'veg', unit: 'kg' },
            { id: 'p1', name: 'P1', category: 'veg', unit: 'kg' },
            { id: 'p2', name: 'P2', category: 'grain', unit: 'kg' },
          ],
        },
        zones: [{ id: 'z', name: 'Zone' }],
      },
    },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  const prices = ['day,date,zone,product_id,price'];
  for (let d = 0; d < 14; d++)
    for (const [k, p] of [1, 4, 2].entries())
      prices.push(`${d},2025-01-${String(6 + d).padStart(2, '0')},z,${k},${p.toFixed(3)}`);
  writeFileSync(join(dir, 'prices.csv'), `${prices.join('\n')}\n`);
  const ts = (day: number, hour: number): string =>
    `2025-01-${String(6 + day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+02:00`;
  const row = (
    id: number,
    trader: number,
    day: number,
    hour: number,
    p: number,
    q: number,
    price: number,
    rep: number,
  ): string =>
    `${id},${trader},${day * 24 + hour},${ts(day, hour)},${p},P${p},${p < 2 ? 'veg' : 'grain'},z,${q.toFixed(2)},kg,${price.toFixed(3)},${(q * price).toFixed(2)},${rep},0`;
  const rows = [
    'txn_id,trader_id,tick,timestamp,product_id,product,category,zone,quantity,unit,unit_price,total,is_repeat,is_substitute',
    row(1, 0, 0, 6, 0, 2, 1, 0), // Monday 06:00, trader 0: 2 x P0 and 1 x P1, USD 6 in all
    row(2, 0, 0, 6, 1, 1, 4, 0),
    row(3, 1, 2, 10, 2, 3, 2, 0), // Wednesday 10:00, trader 1: 3 x P2, USD 6
    row(4, 2, 5, 16, 1, 0.5, 4, 0), // Saturday 16:00, trader 2: 0.5 x P1 and 1 x P2, USD 4
    row(5, 2, 5, 16, 2, 1, 2, 0),
    row(6, 0, 12, 17, 0, 2, 1, 1), // Saturday 17:00, trader 0 again: 2 x P0 (a repeat), USD 2
  ];
  writeFileSync(join(dir, 'transactions.csv'), `${rows.join('\n')}\n`);
  sealRun(dir);
}

test('computeFeatures gives the hand-computed values for a 3-trader run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'musika-features-'));
  try {
    writeRun(dir);
    const f = await computeFeatures(dir);
    assert.deepEqual(Array.from(f.traderIds), [0, 1, 2]);
    assert.deepEqual(f.inactive, [3]);
    // Typical quantities (geometric means): P0 2, P1 sqrt(0.5), P2 sqrt(3).
    const weeks0 = 13 / 7; // trader 0 buys on days 0 and 12: a 13-day span
    const expected: Record<string, number[]> = {
      items_per_week: [3 / weeks0, 1, 2],
      visits_per_week: [2 / weeks0, 1, 1],
      items_per_visit: [1.5, 1, 2],
      log_basket_value: [(ln(6) + ln(2)) / 2, ln(6), ln(4)],
      basket_value_cv: [0.5, 0, 0], // visits of 6 and 2: mean 4, population sd 2
      log_quantity_index: [ln(2) / 6, ln(3) / 2, -(ln(2) + ln(3)) / 4],
      distinct_categories: [1, 1, 2],
      category_entropy: [0, 0, 1],
      top_category_share: [1, 1, 0.5],
      repeat_rate: [1 / 3, 0, 0],
      product_diversity: [2 / 3, 1, 1],
      relative_price: [-ln(2) / 3, 0, ln(2) / 2], // log(price / 2) averaged over items
      early_share: [2 / 3, 0, 0],
      evening_share: [1 / 3, 0, 1],
      mean_hour: [(6.5 + 6.5 + 17.5) / 3, 10.5, 16.5],
      weekend_share: [1 / 3, 0, 1],
      month_end_share: [0, 0, 0], // 6-19 January
      // log((last third + 1) / (first third + 1)) in items: trader 0 has 2 then 1, trader 1 has 1, trader 2 has 2
      activity_trend: [ln(2 / 3), ln(1 / 2), ln(1 / 3)],
      zone_price_level: [0, 0, 0], // one zone
      log_spend_per_week: [ln(8 / weeks0), ln(6), ln(4)],
    };
    const F = FEATURE_NAMES.length;
    assert.deepEqual(Object.keys(expected), FEATURE_NAMES);
    FEATURE_NAMES.forEach((name, j) => {
      for (let i = 0; i < 3; i++) {
        const got = f.values[i * F + j];
        assert.ok(
          Math.abs(got - expected[name][i]) < 1e-12,
          `${name} of trader ${i}: got ${got}, expected ${expected[name][i]}`,
        );
      }
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the feature table is the one list: names, descriptions, context split and the README all come from it', () => {
  assert.equal(new Set(FEATURE_NAMES).size, FEATURE_DEFINITIONS.length, 'names are unique');
  assert.deepEqual(
    FEATURES,
    FEATURE_DEFINITIONS.map((f) => [f.name, f.description]),
  );
  assert.deepEqual(CONTEXT_FEATURES, ['weekend_share', 'month_end_share', 'activity_trend', 'zone_price_level']);
  assert.deepEqual([...BEHAVIOUR_FEATURES, ...CONTEXT_FEATURES].sort(), [...FEATURE_NAMES].sort());
  // README's "Features" table: one row per feature in column order, context ones marked *.
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### Features'));
  const table = section.slice(section.indexOf('\n|') + 1, section.indexOf('\n\n', section.indexOf('\n|')));
  const rows = table
    .split('\n')
    .slice(2) // the header and its rule
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
  assert.deepEqual(
    rows,
    FEATURE_DEFINITIONS.map((f) => [`${f.name}${f.context ? '*' : ''}`, f.description]),
  );
});

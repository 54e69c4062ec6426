/**
 * ChoiceTables rebuilds a (zone, category)'s tables only when it is read after one of its prices
 * or the day's normals changed. Whatever the history of hours, days and reads, its picks and premiums must be
 * exactly those of tables built from the last hour alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChoiceTables, SENSITIVITY_LEVELS } from '../../agents/choice.ts';
import { resolveScenario } from '../../engine/scenario-load.ts';

const s = resolveScenario({ preset: 'personas', traders: 10, weeks: 1 });
const { catalogue, zones } = s.market;
const P = catalogue.products.length;
const C = catalogue.categories.length;
const Z = zones.length;
const dealWeight = s.population.dealWeight;

/** Prices and normals per (zone, product) from a formula, so each day and hour differ where asked. */
function table(f: (z: number, p: number) => number): Float64Array {
  const out = new Float64Array(Z * P);
  for (let z = 0; z < Z; z++) for (let p = 0; p < P; p++) out[z * P + p] = f(z, p);
  return out;
}
const normal1 = table((z, p) => catalogue.products[p].basePrice * zones[z].priceLevel);
const normal2 = table((z, p) => normal1[z * P + p] * (1 + 0.3 * Math.sin(p)));
const price1 = table((z, p) => Math.round(normal1[z * P + p] * (1 + 0.2 * Math.cos(p + z)) * 1000) / 1000);
/** Hour 2 moves the prices of zones 0 and 3 only, a lot. */
const price2 = table((z, p) =>
  z === 0 || z === 3 ? Math.round(price1[z * P + p] * (p % 2 ? 1.9 : 0.6) * 1000) / 1000 : price1[z * P + p],
);
/** The next day's first hour: zone 1 moves, the others keep hour 2's prices. */
const price3 = table((z, p) =>
  z === 1 ? Math.round(price2[z * P + p] * (p % 3 ? 0.5 : 1.7) * 1000) / 1000 : price2[z * P + p],
);

function fresh(normal: Float64Array, price: Float64Array): ChoiceTables {
  const t = new ChoiceTables(catalogue, zones, dealWeight);
  t.setNormals(normal);
  t.update(price);
  return t;
}

/** Every pick and substitute pick, over a grid of u, in every zone, category and a spread of levels. */
function picks(t: ChoiceTables): number[] {
  const out: number[] = [];
  const spare = new Float64Array(Z * P).fill(1);
  for (let z = 0; z < Z; z++)
    for (const level of [0, 9, SENSITIVITY_LEVELS - 1])
      for (let c = 0; c < C; c++)
        for (let k = 0; k < 100; k++) {
          const u = (k + 0.5) / 100;
          const p = t.pick(z, level, c, u);
          out.push(p, t.pickOther(z, level, p, spare, u));
        }
  return out;
}

test('ChoiceTables after a history of hours and days picks exactly as tables built from the last hour', () => {
  const t = new ChoiceTables(catalogue, zones, dealWeight);
  t.setNormals(normal1);
  t.update(price1);
  t.pick(2, 5, 0, 0.5); // zone 2 does not move at hour 2: its first category, built now, stays valid
  // Every category of zone 0 and one of zone 3 built at hour 1, before their prices move at hour 2:
  // a move that did not mark its category stale would leave these tables behind.
  for (let c = 0; c < C; c++) t.pick(0, 9, c, 0.5);
  t.pick(3, 0, 1, 0.2);
  t.update(price1); // the same prices again: nothing to rebuild
  t.update(price2);
  t.pick(0, 31, 1, 0.3); // one category of a moved zone rebuilt, its others left stale until read
  assert.deepEqual(picks(t), picks(fresh(normal1, price2)), 'hour 2');
  assert.deepEqual(Array.from(t.logPremium), Array.from(fresh(normal1, price2).logPremium));
  t.setNormals(normal2);
  t.update(price3);
  assert.deepEqual(picks(t), picks(fresh(normal2, price3)), 'next day, hour 1');
  assert.deepEqual(Array.from(t.logPremium), Array.from(fresh(normal2, price3).logPremium));
  // The moves are large enough to change picks, so stale tables would fail the comparisons above.
  assert.notDeepEqual(picks(fresh(normal1, price1)), picks(fresh(normal1, price2)));
  assert.notDeepEqual(picks(fresh(normal1, price2)), picks(fresh(normal2, price2)));
  assert.notDeepEqual(picks(fresh(normal2, price2)), picks(fresh(normal2, price3)));
});

test('ChoiceTables takes up new normals at the next update, not before', () => {
  const t = fresh(normal1, price1);
  t.setNormals(normal2);
  assert.deepEqual(picks(t), picks(fresh(normal1, price1)));
  t.update(price1);
  assert.deepEqual(picks(t), picks(fresh(normal2, price1)));
});

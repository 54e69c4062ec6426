/**
 * The pace of trade (Vendors.ahead): what buyers asked for before an hour, less what the vendor
 * expected by then, over the morning's stock. Checked on a hand-computed day: one stall with no
 * noise, margin, safety, reserve, seasons or day-of-month pattern, so the expectations are exactly
 * what the day of discovery saw.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StockConfig } from '../../market/config.ts';
import type { ProductSpec } from '../../market/types.ts';
import { Vendors } from '../../market/vendors.ts';

const HOURS = 10;

const STOCK: StockConfig = {
  enabled: true,
  spoilage: true,
  margin: 0,
  safety: 0,
  perishableSafety: 0,
  reserveDays: 0,
  minHouseholds: 0,
  deliveryNoise: 0,
  seasonalSupply: 0,
  learningRate: 0.3,
  monthRate: 0,
};

const PRODUCT = { step: 1, householdQty: 1, perishable: true } as ProductSpec;

/** Equal up to the rounding of the tail shares (1 - 7/10 is not exactly 3/10 in binary). */
function near(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} is not ${expected}`);
}

/** Vendors.ahead of the one stall at hour h. */
function aheadAt(v: Vendors, h: number): number {
  const out = new Float64Array(1);
  v.ahead(h, out);
  return out[0];
}

/** A stall whose day of discovery saw 2 units asked every hour (20 a day), opened on day 1. */
function stall(): Vendors {
  const v = new Vendors(STOCK, [PRODUCT], 1, HOURS, [1, 1, 1, 1, 1, 1, 1]);
  const rng = { next: () => 0.5 };
  v.open(0, 1, Float64Array.of(0), rng);
  for (let h = 0; h < HOURS; h++) v.requestedByHour[h] = 2;
  v.close();
  v.open(1, 2, Float64Array.of(0), rng);
  return v;
}

test('ahead: asked so far less expected so far, over the morning stock', () => {
  const v = stall();
  assert.equal(v.stock[0], 20, 'the delivery is the expected day');
  assert.equal(aheadAt(v, 0), 0, 'nothing to pace in the first hour');
  // 3 units an hour in hours 0-2: 9 asked against 20 x 3/10 = 6 expected, over 20 in stock.
  for (let h = 0; h < 3; h++) v.requestedByHour[h] = 3;
  near(aheadAt(v, 3), (9 - 6) / 20);
  // Trade at the expected pace: 2 an hour leaves the vendor on plan.
  for (let h = 0; h < 3; h++) v.requestedByHour[h] = 2;
  near(aheadAt(v, 3), 0);
  // Nothing asked by hour 5: half the day's expected sales behind.
  for (let h = 0; h < 3; h++) v.requestedByHour[h] = 0;
  near(aheadAt(v, 5), -10 / 20);
});

test('ahead is 0 when the stall opened empty: nothing to pace', () => {
  const v = new Vendors(STOCK, [PRODUCT], 1, HOURS, [1, 1, 1, 1, 1, 1, 1]);
  const rng = { next: () => 0.5 };
  v.open(0, 1, Float64Array.of(0), rng);
  v.close(); // discovery saw no requests: nothing expected, nothing delivered
  v.open(1, 2, Float64Array.of(0), rng);
  assert.equal(v.stock[0], 0);
  v.requestedByHour[0] = 4;
  assert.equal(aheadAt(v, 3), 0);
});

test('ahead gives each stall its own pace: two stalls, different expectations and trade', () => {
  // Stall 0's day of discovery saw 2 units an hour (20 a day), stall 1's 4 (40 a day).
  const v = new Vendors(STOCK, [PRODUCT, PRODUCT], 1, HOURS, [1, 1, 1, 1, 1, 1, 1]);
  const rng = { next: () => 0.5 };
  const seasons = new Float64Array(2);
  v.open(0, 1, seasons, rng);
  for (let h = 0; h < HOURS; h++) {
    v.requestedByHour[h * 2] = 2;
    v.requestedByHour[h * 2 + 1] = 4;
  }
  v.close();
  v.open(1, 2, seasons, rng);
  assert.deepEqual([v.stock[0], v.stock[1]], [20, 40]);
  // Hours 0-2: stall 0 asked 3 an hour (9 against 6 expected), stall 1 asked 1 an hour (3 against 12).
  for (let h = 0; h < 3; h++) {
    v.requestedByHour[h * 2] = 3;
    v.requestedByHour[h * 2 + 1] = 1;
  }
  const out = new Float64Array(2);
  v.ahead(3, out);
  near(out[0], (9 - 6) / 20);
  near(out[1], (3 - 12) / 40);
});

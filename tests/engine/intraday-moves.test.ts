/** intraday_move_share on a hand-built market: which stall-days count, and which move. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type DerivedDay, MEASURES, type MetricsSetup } from '../../engine/run-measures.ts';

// One zone, three products over three trading hours: a perishable and two storable goods.
const setup: MetricsSetup = {
  zones: 1,
  products: 3,
  hours: 3,
  personaIds: [],
  personaTraders: [],
  categoryIds: ['greens'],
  category: new Int32Array(3),
  perishable: Uint8Array.of(1, 0, 0),
  cheap: new Uint8Array(3),
};

/** A day from per-(hour, product) posted prices and stock; nothing else is read by this measure. */
const day = (hourPrice: number[], stock: number[], unlimited = false) =>
  ({ hourPrice: Float64Array.from(hourPrice), stock: Float64Array.from(stock), unlimited }) as DerivedDay;

test('intraday_move_share: a stall-day moves when a later hour posts another price; empty openings and unlimited days do not count', () => {
  const m = MEASURES.map((make) => make(setup)).find((x) => x.describe.startsWith('intraday_move_share'))!;
  // Hours are rows, products columns. The perishable is marked down in the last hour; the first
  // storable opens empty (skipped, though its price changes); the second holds its price all day.
  m.day(day([1, 3, 2, 1, 3.5, 2, 0.9, 3.5, 2], [5, 0, 9, 4, 0, 9, 2, 0, 9]));
  // Unlimited stock (the day of discovery, or stock switched off): not counted at all.
  m.day(day([1, 3, 2, 1.2, 3, 2.1, 1.1, 3, 2.2], [1, 1, 1, 1, 1, 1, 1, 1, 1], true));
  assert.deepEqual(m.values(), {
    intraday_move_share: 1 / 2,
    intraday_move_share_perishable: 1,
    intraday_move_share_storable: 0,
  });
  // A storable that moves only in the last hour counts too.
  m.day(day([1, 3, 2, 1, 3, 2, 1, 3, 2.01], [5, 5, 9, 4, 5, 9, 2, 5, 9]));
  assert.deepEqual(m.values(), {
    intraday_move_share: 2 / 5,
    intraday_move_share_perishable: 1 / 2,
    intraday_move_share_storable: 1 / 3,
  });
});

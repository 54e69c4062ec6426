/** Price seasons (market/season.ts): the formula, and the default catalogue's seasons through it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seasonalLogOffset } from '../../market/season.ts';
import type { SeasonSpec } from '../../market/types.ts';
import { product } from './catalogue-fixture.ts';

/** Seasonal price factor in the middle of calendar `month` (1-12), from the market's own formula. */
function seasonFactor(season: SeasonSpec, month: number): number {
  return Math.exp(seasonalLogOffset(season, month + 0.5, 1));
}

test('seasonalLogOffset: the trough in the middle of the peak-supply month, the crest six months on, scaled', () => {
  const season = { peakSupplyMonth: 4, amplitude: 0.3 };
  // Month 4.5 is mid-April on the clock where 1.0 is 1 January.
  assert.equal(seasonalLogOffset(season, 4.5, 1), -0.3);
  assert.ok(Math.abs(seasonalLogOffset(season, 10.5, 1) - 0.3) < 1e-15);
  assert.ok(Math.abs(seasonalLogOffset(season, 7.5, 1)) < 1e-15, 'a quarter year from the trough: no offset');
  assert.ok(Math.abs(seasonalLogOffset(season, 16.5, 1) + 0.3) < 1e-15, 'a year on, the same');
  assert.equal(seasonalLogOffset(season, 4.5, 0.5), -0.15);
  assert.equal(seasonalLogOffset(season, 4.5, 0) === 0, true);
});

test('maize is dearer in the Feb-Mar lean season than after the Jul-Oct harvest', () => {
  const { season } = product('maize_grain');
  const lean = Math.min(seasonFactor(season, 2), seasonFactor(season, 3));
  const harvest = Math.max(...[7, 8, 9, 10].map((m) => seasonFactor(season, m)));
  assert.ok(lean > harvest, `lean ${lean} vs harvest ${harvest}`);
});

test('mangoes are cheapest in the Nov-Jan rains', () => {
  const { season } = product('mangoes');
  const rains = Math.max(...[11, 12, 1].map((m) => seasonFactor(season, m)));
  const winter = Math.min(...[5, 6, 7].map((m) => seasonFactor(season, m)));
  assert.ok(rains < winter, `rains ${rains} vs winter ${winter}`);
});

test('dry goods have almost no season', () => {
  for (const id of ['salt', 'sugar', 'cooking_oil']) assert.ok(product(id).season.amplitude <= 0.03, id);
});

/** The hourly posting rule: premiums on short stock, markdowns for perishables with slack late in the day. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PriceConfig } from '../../market/config.ts';
import { paceAdjustment, postingAdjustment } from '../../market/posting.ts';

const PRICE: PriceConfig = {
  seasonality: 1,
  noiseSigma: 0.03,
  reversion: 0.9,
  demandResponse: 0.25,
  paceResponse: 0.25,
  markdownMax: 0.4,
  markdownHours: 3,
  maxDeviation: 0.5,
};

test('stock matching expected sales moves nothing', () => {
  for (const hoursLeft of [14, 3, 1]) {
    assert.equal(postingAdjustment(1, true, hoursLeft, PRICE), 0);
    assert.equal(postingAdjustment(1, false, hoursLeft, PRICE), 0);
  }
});

test('short stock raises the price by response x -log(cover), bounded by maxDeviation', () => {
  assert.equal(postingAdjustment(0.5, false, 10, PRICE), 0.25 * Math.log(2));
  assert.equal(postingAdjustment(0.5, true, 1, PRICE), 0.25 * Math.log(2));
  assert.equal(postingAdjustment(0.01, false, 10, PRICE), 0.5);
  assert.equal(postingAdjustment(0, false, 10, PRICE), 0.5);
});

test('slack stock is marked down only for perishables, only in the last markdownHours, ramping in', () => {
  // Storables keep their price however much is left.
  assert.equal(postingAdjustment(3, false, 1, PRICE), 0);
  // Perishables before the window: no markdown.
  assert.equal(postingAdjustment(3, true, 4, PRICE), 0);
  // In the window: response x log(cover) x lateness, lateness 1/3, 2/3, 1 over the last three hours.
  assert.equal(postingAdjustment(2, true, 3, PRICE), -(0.25 * Math.log(2) * (1 / 3)));
  assert.equal(postingAdjustment(2, true, 2, PRICE), -(0.25 * Math.log(2) * (2 / 3)));
  assert.equal(postingAdjustment(2, true, 1, PRICE), -(0.25 * Math.log(2)));
  // Bounded by markdownMax, also when nothing more is expected to sell.
  assert.equal(postingAdjustment(1000, true, 1, PRICE), -0.4);
  assert.equal(postingAdjustment(Number.POSITIVE_INFINITY, true, 1, PRICE), -0.4);
});

test('demandResponse 0 switches every price response off; markdownMax 0 only the markdowns', () => {
  const off = { ...PRICE, demandResponse: 0 };
  for (const cover of [0, 0.3, 1, 5, Number.POSITIVE_INFINITY]) {
    for (const hoursLeft of [1, 8]) {
      assert.equal(postingAdjustment(cover, true, hoursLeft, off), 0);
      assert.equal(postingAdjustment(cover, false, hoursLeft, off), 0);
    }
  }
  const noMarkdowns = { ...PRICE, markdownMax: 0 };
  assert.equal(postingAdjustment(5, true, 1, noMarkdowns), 0);
  assert.equal(postingAdjustment(0.5, true, 1, noMarkdowns), 0.25 * Math.log(2));
});

test('the pace of trade moves the price linearly, both ways; demandResponse or paceResponse 0 stops it', () => {
  assert.equal(paceAdjustment(0, PRICE), 0);
  assert.equal(paceAdjustment(0.1, PRICE), 0.025);
  assert.equal(paceAdjustment(-0.1, PRICE), -0.025);
  assert.equal(paceAdjustment(0.1, { ...PRICE, demandResponse: 0 }), 0);
  assert.equal(paceAdjustment(0.1, { ...PRICE, paceResponse: 0 }), 0);
});

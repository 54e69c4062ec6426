/** Clearing an hour: pro rata rounded down to the step, by totals only; substitutes all or nothing. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fillRatio, filledQuantity, substituteRatio } from '../../market/clearing.ts';

/** Clears one (zone, product): the fills of `requests` against `stock`. */
function clear(stock: number, requests: number[], step: number): number[] {
  const ratio = fillRatio(
    stock,
    requests.reduce((a, b) => a + b, 0),
  );
  return requests.map((q) => filledQuantity(q, ratio, step));
}

test('fillRatio: 1 while the stock covers every request, stock / requested beyond', () => {
  assert.equal(fillRatio(10, 10), 1);
  assert.equal(fillRatio(10, 4), 1);
  assert.equal(fillRatio(10, 0), 1);
  assert.equal(fillRatio(10, 15), 10 / 15);
  assert.equal(fillRatio(0, 3), 0);
  assert.equal(fillRatio(Number.POSITIVE_INFINITY, 1e9), 1);
});

test('requests the stock covers are filled exactly', () => {
  assert.deepEqual(clear(10, [4, 6], 1), [4, 6]);
  assert.deepEqual(clear(10, [2.5, 0.25], 0.25), [2.5, 0.25]);
});

test('an oversubscribed product is shared pro rata, rounded down to the step', () => {
  // 15 asked of 10: two thirds each; 8 -> 5.33 -> 5, 4 -> 2.67 -> 2, 3 -> 2; one unit stays on the stall.
  assert.deepEqual(clear(10, [8, 4, 3], 1), [5, 2, 2]);
  // Half-kilo steps: 4 asked of 3, three quarters each: 2 -> 1.5, 2 -> 1.5; the stock is used up.
  assert.deepEqual(clear(3, [2, 2], 0.5), [1.5, 1.5]);
  // Bundles of one: a buyer whose share is under one step gets nothing.
  assert.deepEqual(clear(2, [1, 1, 1, 1], 1), [0, 0, 0, 0]);
  assert.deepEqual(clear(0, [5, 1], 1), [0, 0]);
});

test('fills never exceed the stock and do not depend on the order of the requests', () => {
  let state = 7;
  const next = (): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  for (let trial = 0; trial < 200; trial++) {
    const step = [0.25, 0.5, 1][trial % 3];
    const requests = Array.from({ length: 1 + Math.floor(next() * 12) }, () => step * (1 + Math.floor(next() * 40)));
    const stock = step * Math.floor(next() * 200);
    const fills = clear(stock, requests, step);
    const total = fills.reduce((a, b) => a + b, 0);
    assert.ok(total <= stock + 1e-9, `filled ${total} of ${stock}`);
    fills.forEach((f, k) => {
      assert.ok(f >= 0 && f <= requests[k], `fill ${f} of request ${requests[k]}`);
      assert.ok(Number.isInteger(f / step), `fill ${f} on the step ${step}`);
    });
    const reversed = clear(stock, [...requests].reverse(), step).reverse();
    assert.deepEqual(reversed, fills, 'the same fills in any order');
    // Pro rata: the stock left is less than one step per request.
    if (total < requests.reduce((a, b) => a + b, 0)) assert.ok(stock - total < step * requests.length + 1e-9);
  }
});

test('substituteRatio: substitutes are filled only where the spare stock covers them all', () => {
  assert.equal(substituteRatio(5, 5), 1);
  assert.equal(substituteRatio(5, 0), 1);
  assert.equal(substituteRatio(5, 5.25), 0);
  assert.equal(substituteRatio(0, 1), 0);
});

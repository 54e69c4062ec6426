/**
 * Validation checks on hand-made data (RunData built here, not read from a run), where the right
 * verdict is known: each check must fail when there is nothing to measure or the effect it
 * measures is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkLeakage } from '../../analysis/validation/checks/leakage.ts';
import { checkPriceSensitivity } from '../../analysis/validation/checks/price-sensitivity.ts';
import { LeakTable } from '../../analysis/validation/leak-table.ts';
import { readRunData, type RunData } from '../../analysis/validation/run-data.ts';
import { DEFAULT_THRESHOLDS } from '../../analysis/validation/thresholds.ts';
import { sealRun } from '../helpers/seal.ts';
import { tempDir } from '../helpers/run.ts';
import { writeTinyRun } from './recommend-fixture.ts';

/** A RunData of `traders` traders with the given personas (round-robin) and no purchase at all. */
function emptyRunData(personas: string[], traders: number): RunData {
  const K = personas.length;
  const persona = Int32Array.from({ length: traders }, (_, t) => t % K);
  const traderDecile = new Float64Array(10 * K);
  for (let t = 0; t < traders; t++) traderDecile[Math.floor((10 * t) / traders) * K + persona[t]]++;
  const f = () => new Float64Array(traders);
  const none = { count: 0, example: '' };
  return {
    manifest: {} as RunData['manifest'],
    days: 7,
    weeks: 1,
    personas,
    configuredShare: personas.map(() => 1 / K),
    configuredRepeat: personas.map(() => 0.5),
    traders,
    persona,
    joinWeek: new Int32Array(traders),
    budget: f(),
    dormant: new Uint8Array(traders),
    declines: new Uint8Array(traders),
    items: f(),
    spend: f(),
    visits: f(),
    repeats: f(),
    chosen: f(),
    topCategoryItems: f(),
    relativePriceSum: f(),
    relativePriceCount: f(),
    rampEarly: f(),
    rampLate: f(),
    itemsPerDay: new Float64Array(7),
    weekday: new Uint8Array(7),
    dayOfMonth: new Uint8Array(7),
    transactions: 0,
    invalid: { quantity: none, unitPrice: none, price: none, hours: none },
    traderDecile,
    txnDecile: new Float64Array(10 * K),
    columnLeaks: ['quantity', 'hour_of_day'].map((c) => new LeakTable(c, K, 50)),
  };
}

test('leakage: a run with no transactions fails (nothing measured is not "no leak")', () => {
  const c = checkLeakage(emptyRunData(['a', 'b', 'c'], 300), DEFAULT_THRESHOLDS.leakage);
  assert.equal(c.pass, false, c.detail);
  assert.equal(c.value.txnIdNmi, null);
  assert.equal(c.value.maxColumnAccuracy, null);
  assert.match(c.detail, /^no transactions: nothing to measure; /);
});

test('leakage: read from a run directory whose transactions.csv has only its header, the check fails', async () => {
  const dir = writeTinyRun(join(tempDir('musika-no-transactions-'), 'run'));
  const header = readFileSync(join(dir, 'transactions.csv'), 'utf8').split('\n')[0];
  writeFileSync(join(dir, 'transactions.csv'), `${header}\n`);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  manifest.counts.transactions = 0;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  sealRun(dir);
  const data = await readRunData(dir, DEFAULT_THRESHOLDS.leakage.bins);
  assert.equal(data.transactions, 0);
  const c = checkLeakage(data, DEFAULT_THRESHOLDS.leakage);
  assert.equal(c.pass, false, c.detail);
});

/**
 * Two personas, `perPersona` traders each, every trader 5 priced purchases at a mean relative
 * price spread evenly over [low, low + 1]: bargain hunters from `bargainLow`, the others from
 * `otherLow`.
 */
function pricedRunData(perPersona: number, bargainLow: number, otherLow: number): RunData {
  const d = emptyRunData(['bargain_hunter', 'small_retailer'], 2 * perPersona);
  for (let t = 0; t < d.traders; t++) {
    const low = d.persona[t] === 0 ? bargainLow : otherLow;
    d.relativePriceCount[t] = 5;
    d.relativePriceSum[t] = 5 * (low + Math.floor(t / 2) / (perPersona - 1));
  }
  return d;
}

test('price sensitivity: a real but small shift fails; what separates traders passes', () => {
  const th = DEFAULT_THRESHOLDS.priceSensitivity;
  // Bargain hunters 0.05 lower on a spread of 1 (sd 0.29): with 1,000 traders each the difference
  // is z = 0.05 / sqrt(2 x 0.0835 / 1000) = 3.9 >= 3 and their mean (-0.35) is below 0, which is all
  // the check asked before; but a bargain hunter pays less than a retailer in only
  // 0.5 + 0.05 - 0.05^2 / 2 = 0.549 of pairs.
  const small = checkPriceSensitivity(pricedRunData(1000, -0.85, -0.8), th);
  assert.ok((small.value.minZ as number) >= th.minZ, JSON.stringify(small.value));
  assert.ok(Math.abs((small.value.minProbBelow as number) - 0.549) < 0.002, JSON.stringify(small.value));
  assert.equal(small.pass, false, small.detail);
  assert.match(small.detail, /pays less than a trader of another persona = 0\.54\d \(small_retailer\) < 0\.75/);
  // Shifted by 0.6 of the spread: a bargain hunter pays less in 1 - 0.4^2 / 2 = 0.92 of pairs.
  const large = checkPriceSensitivity(pricedRunData(200, -0.9, -0.3), th);
  assert.ok(Math.abs((large.value.minProbBelow as number) - 0.92) < 0.01, JSON.stringify(large.value));
  assert.equal(large.pass, true, large.detail);
});

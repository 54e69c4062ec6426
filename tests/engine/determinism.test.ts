/**
 * Reproducibility: the same seed and scenario give byte-identical files, the manifest records
 * their true SHA-256, and another seed gives other data. Runs are compared with each other; no
 * expected hash is written down here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { resolveScenario, validateScenario } from '../../engine/scenario-load.ts';
import { simulate, spawnPopulation } from '../../engine/simulate.ts';
import { rootKey } from '../../engine/random.ts';
import { runFresh, sha256File, tempDir, type Run } from '../helpers/run.ts';

const FILES = ['traders.csv', 'transactions.csv', 'prices.csv', 'market.csv', 'metrics.json'] as const;
const TRADERS = 600;
// Four weeks from Monday 6 January reach the 1 February payday (day 26), the monthly budget's
// turn; each day is a new draw of every stream, a rebalance of the shards and a reprice, so a
// dependence on the thread count or on anything but the seed shows within days.
const WEEKS = 4;

function hashes(run: Run): Record<string, string> {
  return Object.fromEntries(FILES.map((f) => [f, sha256File(join(run.dir, f))]));
}

for (const preset of ['personas', 'uniform'] as const) {
  test(`${preset}: same seed gives identical files, another seed different ones`, async () => {
    const a = await runFresh({ preset, traders: TRADERS, weeks: WEEKS, seed: 'det-1' });
    const b = await runFresh({ preset, traders: TRADERS, weeks: WEEKS, seed: 'det-1' });
    const c = await runFresh({ preset, traders: TRADERS, weeks: WEEKS, seed: 'det-2' });
    assert.notEqual(a.dir, b.dir);
    const [ha, hb, hc] = [hashes(a), hashes(b), hashes(c)];
    assert.ok(a.summary.transactions > 1000, `the run is not trivially empty (${a.summary.transactions} transactions)`);
    for (const f of FILES) {
      assert.equal(ha[f], hb[f], `${f}: same seed, same bytes`);
      assert.notEqual(ha[f], hc[f], `${f}: another seed, other bytes`);
      for (const r of [a, b, c]) {
        const rec = r.manifest.files[f];
        assert.ok(rec, `manifest records ${f}`);
        assert.equal(rec.sha256, sha256File(join(r.dir, f)), `${f}: manifest hash is the file's hash`);
        assert.equal(rec.bytes, statSync(join(r.dir, f)).size, `${f}: manifest size is the file's size`);
      }
    }
    // The manifests agree on everything but how the copy was made (timings, finish time).
    const { run: _ra, ...ma } = a.manifest;
    const { run: _rb, ...mb } = b.manifest;
    assert.deepEqual(ma, mb);
    assert.deepEqual(a.summary.spendCents, b.summary.spendCents);
    assert.equal(c.manifest.seed, 'det-2');
  });
}

test('distinct: same seed gives identical files', async () => {
  const a = await runFresh({ preset: 'distinct', traders: 300, weeks: 4, seed: 'det-d' });
  const b = await runFresh({ preset: 'distinct', traders: 300, weeks: 4, seed: 'det-d' });
  assert.deepEqual(hashes(a), hashes(b));
});

for (const preset of ['personas', 'uniform'] as const) {
  test(`${preset}: 1, 2, 3 and 4 threads give byte-identical files`, async () => {
    // 601 traders, so the shards are uneven; the manifest records how the copy was made.
    const spec = { preset, traders: 601, weeks: WEEKS, seed: 'det-threads' } as const;
    const one = await runFresh({ ...spec, threads: 1 });
    assert.equal(one.manifest.run.threads, 1);
    for (const threads of [2, 3, 4]) {
      const many = await runFresh({ ...spec, threads });
      assert.equal(many.manifest.run.threads, threads);
      assert.deepEqual(hashes(many), hashes(one), `${threads} threads`);
      assert.deepEqual(many.summary.spendCents, one.summary.spendCents, `${threads} threads: spend by persona`);
    }
  });
}

test('the manifest carries the resolved scenario, which validates and resolves to itself', async () => {
  const run = await runFresh({ preset: 'uniform', traders: 200, weeks: 2, seed: 'det-manifest' });
  const s = run.manifest.scenario;
  assert.doesNotThrow(() => validateScenario(s));
  assert.deepEqual(s, resolveScenario({ preset: 'uniform', traders: 200, weeks: 2, seed: 'det-manifest' }));
  assert.equal(run.manifest.seed, 'det-manifest');
  assert.equal(run.manifest.days, 14);
  assert.deepEqual(run.manifest.counts, {
    traders: 200,
    transactions: run.summary.transactions,
    priceRows: 14 * s.market.zones.length * s.market.catalogue.products.length,
    marketRows:
      14 * (s.calendar.closeHour - s.calendar.openHour) * s.market.zones.length * s.market.catalogue.products.length,
  });
  for (const f of FILES) assert.equal(typeof run.manifest.files[f]?.rows, 'number', `${f} row count recorded`);
});

test('with stock made scarce on purpose, 1, 2 and 3 threads give byte-identical files', async () => {
  // No margin, no safety stock and noisy deliveries: stock binds on most stalls most days, so
  // rationing, substitution and the stock-driven prices are all exercised across shard boundaries.
  const s = resolveScenario({ preset: 'personas', traders: 901, weeks: 3, seed: 'det-scarce' });
  Object.assign(s.market.stock, { margin: 0, safety: 0, perishableSafety: 0, deliveryNoise: 0.4 });
  const dirs = [1, 2, 3].map(() => tempDir());
  const runs = [];
  for (const [k, threads] of [1, 2, 3].entries()) runs.push(await simulate(s, dirs[k], { threads }));
  const stockout = runs[0].metrics.stockout_rate;
  assert.ok(stockout > 0.1, `stock binds (stockout rate ${stockout})`);
  const substitutes = readFileSync(join(dirs[0], 'transactions.csv'), 'utf8')
    .split('\n')
    .filter((l) => l.endsWith(',1')).length;
  assert.ok(substitutes > 50, `substitutes are bought (${substitutes})`);
  for (const f of FILES) {
    const h = sha256File(join(dirs[0], f));
    for (const k of [1, 2]) assert.equal(sha256File(join(dirs[k], f)), h, `${f}: ${k + 1} threads`);
  }
});

test('a trader is the same whatever the population size (spawn streams are keyed by trader)', () => {
  const s = (n: number) => resolveScenario({ preset: 'personas', traders: n, weeks: 26, seed: 'prefix' });
  const small = spawnPopulation(s(300), rootKey('prefix'));
  const big = spawnPopulation(s(3000), rootKey('prefix'));
  const fields = [
    'persona',
    'zone',
    'joinDay',
    'activity',
    'budget',
    'repeat',
    'sensitivity',
    'quantityScale',
    'individualFactor',
    'edge',
    'declines',
    'dormantDay',
    'prefCount',
  ] as const;
  for (const f of fields) {
    const a = Array.from(small[f] as ArrayLike<number>);
    const b = Array.from(big[f] as ArrayLike<number>).slice(0, 300);
    assert.deepEqual(a, b, f);
  }
  const other = spawnPopulation(s(300), rootKey('prefix-other'));
  assert.notDeepEqual(Array.from(other.budget), Array.from(small.budget), 'another seed, other traders');
});

test('any trader ranges, moved every day and some left empty, give the same bytes', async () => {
  const spec = { preset: 'personas', traders: 601, weeks: 2, seed: 'det-bounds' } as const;
  const one = await runFresh({ ...spec, threads: 1 });
  const s = resolveScenario(spec);
  const dir = tempDir();
  let state = 12345;
  const next = (n: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % (n + 1);
  };
  const seen = new Set<string>();
  await simulate(s, dir, {
    threads: 3,
    onBounds: (day, bounds) => {
      // Day 0 all on main, day 1 all on the last worker, then random cuts (empty shards included).
      const cuts = day === 0 ? [601, 601] : day === 1 ? [0, 0] : [next(601), next(601)].sort((a, b) => a - b);
      bounds.set([0, cuts[0], cuts[1], 601]);
      seen.add(cuts.join(','));
    },
  });
  assert.ok(seen.size >= 10, `the ranges moved (${seen.size} distinct)`);
  for (const f of FILES) assert.equal(sha256File(join(dir, f)), hashes(one)[f], f);
});

test('days bigger than the shared buffers start with (1 MiB) give the same bytes', async () => {
  // 30,000 traders write about 2.5 MB a day: each shard's buffers must grow.
  const spec = { preset: 'personas', traders: 30_000, weeks: 1, seed: 'det-grow' } as const;
  const one = await runFresh({ ...spec, threads: 1 });
  const two = await runFresh({ ...spec, threads: 2 });
  assert.ok(two.manifest.files['transactions.csv'].bytes / 7 > 2 * 2 ** 20, 'more than 2 MiB a day');
  assert.deepEqual(hashes(two), hashes(one));
});

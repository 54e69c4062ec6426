/**
 * The one reader reads either format: a small run copied to Parquet (traders.parquet,
 * prices.parquet, and week-partitioned datasets transactions/week=NNNN/part-0.parquet and
 * market/week=NNNN/part-0.parquet, written here with DuckDB and sealed in the manifest) gives the
 * same features, validation data, report aggregates and recommender split as the CSV run, and a
 * tampered partition exits 2 naming it. The engine's own Parquet writer is tested with it once it
 * lands (issue 17, item 1).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { computeFeatures } from '../../analysis/features/features.ts';
import { readRunData } from '../../analysis/validation/run-data.ts';
import { aggregateRun } from '../../analysis/report/aggregate.ts';
import { readSplit } from '../../analysis/recommend/split.ts';
import { findTable } from '../../analysis/run/index.ts';
import { cli } from '../helpers/cli.ts';
import { runOnce, tempDir } from '../helpers/run.ts';

const SPEC = { preset: 'personas', traders: 300, weeks: 3, seed: 'parquet' } as const;

/** Copies a CSV run to Parquet: small tables as one file, transactions and market by week. */
async function toParquet(csvDir: string): Promise<string> {
  const dir = join(tempDir('musika-parquet-'), 'run');
  mkdirSync(dir);
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const q = (p: string): string => `'${p.replace(/'/g, "''")}'`;
  for (const t of ['traders', 'prices'])
    await c.run(
      `COPY (SELECT * FROM read_csv(${q(join(csvDir, `${t}.csv`))}, header = true, all_varchar = false)) TO ${q(join(dir, `${t}.parquet`))} (FORMAT parquet)`,
    );
  const manifest = JSON.parse(readFileSync(join(csvDir, 'manifest.json'), 'utf8'));
  for (const [t, week] of [
    ['transactions', 'tick // 168'],
    ['market', 'day // 7'],
  ] as const) {
    for (let w = 0; w < manifest.scenario.weeks; w++) {
      const part = join(dir, t, `week=${String(w).padStart(4, '0')}`);
      mkdirSync(part, { recursive: true });
      await c.run(
        `COPY (SELECT * FROM read_csv(${q(join(csvDir, `${t}.csv`))}, header = true) WHERE ${week} = ${w}) TO ${q(join(part, 'part-0.parquet'))} (FORMAT parquet, COMPRESSION zstd)`,
      );
    }
  }
  c.closeSync();
  db.closeSync();
  // The manifest hashes every file, as the engine's Parquet writer does.
  const files: Record<string, { rows: number; bytes: number; sha256: string }> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else
        files[relative(dir, p)] = {
          rows: 0,
          bytes: statSync(p).size,
          sha256: createHash('sha256').update(readFileSync(p)).digest('hex'),
        };
    }
  };
  walk(dir);
  manifest.files = files;
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

const same = (a: unknown, b: unknown, what: string): void => assert.deepEqual(a, b, what);

test('the reader gives identical features, validation data, report sums and split from CSV and Parquet', async () => {
  const csv = (await runOnce(SPEC)).dir;
  const pq = await toParquet(csv);
  assert.equal(findTable(pq, 'transactions')?.format, 'parquet');
  assert.equal(findTable(pq, 'transactions')?.files.length, SPEC.weeks);
  assert.equal(findTable(csv, 'transactions')?.format, 'csv');

  const [fc, fp] = [await computeFeatures(csv), await computeFeatures(pq)];
  same(Array.from(fp.values), Array.from(fc.values), 'features');
  same(Array.from(fp.traderIds), Array.from(fc.traderIds), 'trader ids');

  const [vc, vp] = [await readRunData(csv, 50), await readRunData(pq, 50)];
  for (const k of ['items', 'spend', 'visits', 'relativePriceSum', 'rampEarly', 'itemsPerDay', 'txnDecile'] as const)
    same(Array.from(vp[k]), Array.from(vc[k]), `validation ${k}`);
  same(vp.transactions, vc.transactions, 'transactions counted');

  const [ac, ap] = [await aggregateRun(csv), await aggregateRun(pq)];
  for (const k of ['byHour', 'relPriceSum', 'priceIndex', 'spend'] as const)
    same(Array.from(ap[k]), Array.from(ac[k]), `report ${k}`);
  same(Array.from(ap.market!.relSum), Array.from(ac.market!.relSum), 'market book');

  const [sc, sp] = [await readSplit(csv, 1), await readSplit(pq, 1)];
  same(Array.from(sp.train.purchases.unitPrice), Array.from(sc.train.purchases.unitPrice), 'split prices');
  same(Array.from(sp.train.dayPrice), Array.from(sc.train.dayPrice), 'split day prices');
});

test('a Parquet partition altered after the run exits 2 naming it; sql reads the dataset as one table', async () => {
  const pq = await toParquet((await runOnce(SPEC)).dir);
  const ok = await cli([
    'sql',
    pq,
    'SELECT count(*) AS n, count(DISTINCT tick // 168) AS weeks FROM transactions',
    '--format',
    'csv',
  ]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, new RegExp(`^n,weeks\\n\\d+,${SPEC.weeks}\\n$`));
  appendFileSync(join(pq, 'transactions', 'week=0001', 'part-0.parquet'), 'x');
  const bad = await cli(['validate', pq]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /transactions\/week=0001\/part-0\.parquet is \d+ bytes, manifest\.json says \d+: altered/);
});

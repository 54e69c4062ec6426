/**
 * A reader checks the SHA-256 of the tables it reads, and only those: an altered market.csv
 * (same size, so only the hash can tell) stops whatever reads the market table, naming the file,
 * and is no concern of a reader of the traders alone; an altered transactions.csv likewise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readTruth } from '../../analysis/agreement/index.ts';
import { openRun, queryRun, withRun } from '../../analysis/run/index.ts';
import { tempDir } from '../helpers/run.ts';
import { writeTinyRun } from '../helpers/tiny-run.ts';

/** Changes `from` to `to` (the same length) in one of the run's files, leaving the manifest as it was. */
function alter(dir: string, file: string, from: string, to: string): void {
  assert.equal(from.length, to.length);
  const p = join(dir, file);
  const text = readFileSync(p, 'utf8');
  assert.ok(text.includes(from), `${file} holds ${from}`);
  writeFileSync(p, text.replace(from, to));
}

test('an altered market.csv stops the readers of the market table, naming it, and no other', async () => {
  const dir = writeTinyRun(join(tempDir('musika-verify-'), 'run'));
  alter(dir, 'market.csv', '0,5,mbare,0,0.500,', '0,5,mbare,0,0.600,');
  // The traders, transactions and prices match: a reader of those is not stopped by the market.
  const truth = await readTruth(dir, 3);
  assert.deepEqual([...truth.persona], [0, 1, 1]);
  await withRun(dir, {}, async (run) => run.table('transactions'));
  // Reading the market table hashes it.
  await assert.rejects(
    withRun(dir, {}, async (run) => run.table('market')),
    /market\.csv has SHA-256 .* manifest\.json says .*altered/,
  );
  // `musika sql` binds every table, so it checks every table.
  await assert.rejects(
    queryRun(dir, 'SELECT count(*) FROM traders', { write: () => undefined }),
    /market\.csv has SHA-256 .* manifest\.json says .*altered/,
  );
});

test('an altered transactions.csv stops its readers but not a reader of the traders alone', async () => {
  const dir = writeTinyRun(join(tempDir('musika-verify-'), 'run'));
  alter(dir, 'transactions.csv', ',10.00,kg,0.500,', ',10.00,kg,0.400,');
  const truth = await readTruth(dir, 3);
  assert.deepEqual([...truth.persona], [0, 1, 1]);
  const run = openRun(dir);
  try {
    await assert.rejects(run.verified(), /transactions\.csv has SHA-256 .* manifest\.json says .*altered/);
  } finally {
    run.close();
  }
});

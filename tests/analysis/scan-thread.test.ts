/**
 * The scan on a thread of its own (run/scan-thread.ts) gives the readers exactly what the scan in
 * the calling thread gives them: the same rows in the same order with the same values (numeric
 * and text extras included), so the same features and validation data; an error a reader throws
 * passes through unchanged, and a value DuckDB cannot read is a RunDirError naming the file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeFeatures } from '../../analysis/features/features.ts';
import { readRunData } from '../../analysis/validation/run-data.ts';
import { RunDirError, openRun, scanTransactions, type TransactionBatch } from '../../analysis/run/index.ts';
import { runOnce, tempDir } from '../helpers/run.ts';
import { sealRun } from '../helpers/seal.ts';

const SPEC = { preset: 'personas', traders: 400, weeks: 4, seed: 'scan-thread' } as const;

/** Every row of a pass, column by column, with the batch sizes seen. */
async function pass(dir: string, scanThread: boolean, extra: string[]) {
  const run = openRun(dir, { scanThread });
  const cols: Record<string, unknown[]> = {};
  const sizes: number[] = [];
  const keys = ['txnId', 'trader', 'tick', 'product', 'zone', 'category', 'quantity', 'unitPrice', 'total'] as const;
  try {
    const rows = await scanTransactions(
      run,
      (b: TransactionBatch) => {
        sizes.push(b.length);
        for (const k of keys) {
          cols[k] ??= [];
          cols[k].push(...Array.from(b[k].subarray(0, b.length)));
        }
        b.extra.forEach((col, j) => {
          cols[`extra${j}`] ??= [];
          cols[`extra${j}`].push(...(col instanceof Float64Array ? Array.from(col) : col).slice(0, b.length));
        });
      },
      { extra },
    );
    return { rows, cols, sizes };
  } finally {
    run.close();
  }
}

test('the scan thread hands over the same rows, values and extras, in fewer, larger batches', async () => {
  const run = await runOnce(SPEC);
  const extra = ['zone', 'tick', 'timestamp', 'product'];
  const inline = await pass(run.dir, false, extra);
  const threaded = await pass(run.dir, true, extra);
  assert.ok(inline.rows > 2048, `${inline.rows} rows: more than one DuckDB chunk`);
  assert.equal(threaded.rows, inline.rows);
  assert.deepEqual(threaded.cols, inline.cols);
  assert.ok(threaded.sizes.length < inline.sizes.length, `${threaded.sizes.length} batches`);
  assert.equal(
    threaded.sizes.reduce((a, b) => a + b, 0),
    inline.rows,
  );
});

test('features and validation data are the same from either scan', async () => {
  const run = await runOnce(SPEC);
  const read = async <T>(scanThread: boolean, f: (r: ReturnType<typeof openRun>) => Promise<T>): Promise<T> => {
    const r = openRun(run.dir, { scanThread });
    try {
      return await f(r);
    } finally {
      r.close();
    }
  };
  assert.deepEqual(await read(true, (r) => computeFeatures(r)), await read(false, (r) => computeFeatures(r)));
  assert.deepEqual(await read(true, (r) => readRunData(r, 50)), await read(false, (r) => readRunData(r, 50)));
});

test("a reader's error passes through; a value DuckDB cannot read names the file", async () => {
  const run = await runOnce(SPEC);
  const r = openRun(run.dir, { scanThread: true });
  const mine = new Error('stop here');
  await assert.rejects(
    scanTransactions(r, () => {
      throw mine;
    }),
    (e) => e === mine,
  );
  r.close();

  const dir = join(tempDir('musika-scan-thread-'), 'run');
  cpSync(run.dir, dir, { recursive: true });
  const path = join(dir, 'transactions.csv');
  const lines = readFileSync(path, 'utf8').split('\n');
  const cells = lines[3000].split(',');
  cells[8] = 'many';
  lines[3000] = cells.join(',');
  writeFileSync(path, lines.join('\n'));
  sealRun(dir);
  const bad = openRun(dir, { scanThread: true });
  await assert.rejects(
    scanTransactions(bad, () => undefined),
    (e) => e instanceof RunDirError && e.message.startsWith(`${dir}/transactions.csv: `) && /many/.test(e.message),
  );
  bad.close();
});

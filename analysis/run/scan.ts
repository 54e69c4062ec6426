/**
 * The one pass over a run's transactions: DuckDB reads the table (CSV, in parallel, or Parquet)
 * and hands over columns of typed numbers, 2,048 rows at a time, in the file's row order; each
 * caller's accumulators consume the batch. Strings (zone, category) arrive as indices into the
 * manifest's lists, so no per-row string reaches JavaScript, and memory stays bounded by the
 * batch, never by the number of transactions.
 *
 * Why DuckDB scans and JavaScript accumulates, rather than one SQL aggregation: measured on the
 * 1.46 GB transactions.csv of 100k traders x 26 weeks (2 cores, load 10), a DuckDB scan of 8
 * columns into JavaScript cost 8.6 s of CPU and a GROUP BY trader of 7 aggregates 8.1 s, both
 * dominated by parsing; PapaParse took 16.8 s of CPU for 2 columns. The scan keeps the features,
 * checks and report sums in plain code, in row order, so float sums are identical at any thread
 * count (a parallel SQL SUM over doubles is not), and one pass can feed every consumer at once.
 */
import type { DuckDBDataChunk } from '@duckdb/node-api';
import { RunDirError } from './run-dir-error.ts';
import type { Run } from './open-run.ts';
import { isNumericColumn } from './schema.ts';
import { SESSION_SETUP, sqlIdent, sqlString } from './tables.ts';
import { scanInThread } from './scan-thread.ts';
import { batchOf, chunkColumns, type TransactionBatch } from './transaction-batch.ts';

export type { TransactionBatch } from './transaction-batch.ts';

/**
 * A text column asked for as codes: 1 + the value's position in `codes` (0 for any other value,
 * an empty one included unless '' is listed), so a reader that only needs to tell a few known
 * values apart gets numbers, not a string per row (decoding them cost validation half its time).
 */
export interface CodedColumn {
  column: string;
  codes: readonly string[];
}

/** An extra column: by name, as the file has it (numbers or text), or coded. */
export type ExtraColumn = string | CodedColumn;

/** What tells two extra columns apart (the shared pass asks for each once). */
export const extraKey = (e: ExtraColumn): string => (typeof e === 'string' ? e : JSON.stringify([e.column, e.codes]));

/**
 * Transactions from which a pass runs on a thread of its own (scan-thread.ts): below it, the
 * thread's start (loading tsx and DuckDB in a fresh isolate, a few hundred ms) costs more than it
 * saves.
 */
export const SCAN_THREAD_FROM = 2_000_000;

/** A list literal of strings, for list_position. */
const list = (xs: readonly string[]): string => `[${xs.map(sqlString).join(', ')}]::VARCHAR[]`;

/**
 * Streams every transaction of `run` (rows with tick < maxTick when given) to `onBatch`, in file order.
 * Returns the number of rows.
 *
 * @throws RunDirError naming the table when DuckDB cannot read it (a malformed value, a bad file)
 */
export function scanTransactions(
  run: Run,
  onBatch: (b: TransactionBatch) => void,
  options: { maxTick?: number; extra?: readonly ExtraColumn[] } = {},
): Promise<number> {
  // A run opened for several readers gives them one shared pass (shared-scan.ts).
  if (run.shared) return run.shared.register(onBatch, options);
  return streamTransactions(run, options.extra ?? [], options.maxTick, onBatch);
}

/** The pass itself: one DuckDB stream of the transactions' typed columns. */
export async function streamTransactions(
  run: Run,
  extra: readonly ExtraColumn[],
  maxTick: number | undefined,
  onBatch: (b: TransactionBatch) => void,
): Promise<number> {
  const source = run.table('transactions');
  const numeric = extra.map((c) => typeof c !== 'string' || isNumericColumn('transactions', c));
  const extraSql = extra
    .map((c, k) => {
      if (typeof c !== 'string')
        return `,\n      coalesce(CAST(list_position(${list(c.codes)}, coalesce(CAST(${sqlIdent(c.column)} AS VARCHAR), '')) AS DOUBLE), 0)`;
      return `,\n      ${numeric[k] ? `coalesce(CAST(${sqlIdent(c)} AS DOUBLE), 'NaN'::DOUBLE)` : `CAST(${sqlIdent(c)} AS VARCHAR)`}`;
    })
    .join('');
  const m = run.manifest;
  const zones = m.scenario.market.zones.map((z) => z.id);
  const categories = m.scenario.market.catalogue.categories.map((c) => c.id);
  const where = maxTick !== undefined && Number.isFinite(maxTick) ? `WHERE tick < ${Math.floor(maxTick)}` : '';
  const sql = `SELECT
      coalesce(CAST(txn_id AS DOUBLE), 'NaN'::DOUBLE),
      coalesce(CAST(trader_id AS INTEGER), -1),
      coalesce(CAST(tick AS INTEGER), -1),
      coalesce(CAST(product_id AS INTEGER), -1),
      coalesce(CAST(list_position(${list(zones)}, zone) AS INTEGER), 0) - 1,
      coalesce(CAST(list_position(${list(categories)}, category) AS INTEGER), 0) - 1,
      coalesce(CAST(quantity AS DOUBLE), 'NaN'::DOUBLE),
      coalesce(CAST(unit_price AS DOUBLE), 'NaN'::DOUBLE),
      coalesce(CAST(total AS DOUBLE), 'NaN'::DOUBLE),
      coalesce(CAST(is_repeat AS INTEGER), -1),
      coalesce(CAST(is_substitute AS INTEGER), -1)${extraSql}
    FROM ${source.sql} ${where}`;
  const tableError = (e: unknown): RunDirError =>
    new RunDirError(
      `${run.dir}/${source.files.length === 1 ? source.files[0] : 'transactions/'}: ${(e as Error).message.replace(/\s+/g, ' ').trim()}`,
    );
  const fail = (e: unknown): never => {
    throw tableError(e);
  };
  // DuckDB's errors name the table; an error a reader throws from onBatch passes unchanged.
  if (run.scanThread)
    return scanInThread({ sql, numeric, threads: run.duckdbThreads, setup: SESSION_SETUP }, onBatch, tableError);
  const c = await run.connection();
  const result = await c.stream(sql).catch(fail);
  let rows = 0;
  for (;;) {
    const chunk: DuckDBDataChunk | null = await result.fetchChunk().catch(fail);
    if (!chunk || chunk.rowCount === 0) break;
    const { fixed, extra: cols } = chunkColumns(chunk, numeric);
    onBatch(batchOf(chunk.rowCount, fixed, cols));
    rows += chunk.rowCount;
  }
  return rows;
}

/** Rows of a small table (traders, prices, market) as arrays of columns, read whole. */
export async function readTable(run: Run, sql: string): Promise<Record<string, unknown[]>> {
  const c = await run.connection();
  try {
    const reader = await c.runAndReadAll(sql);
    return reader.getColumnsObjectJS() as Record<string, unknown[]>;
  } catch (e) {
    throw new RunDirError(`${run.dir}: ${(e as Error).message.replace(/\s+/g, ' ').trim()}`);
  }
}

/**
 * SQL over a run directory (`musika sql`): DuckDB with a view per table of the data contract
 * (traders, transactions, prices, market; CSV or Parquet) and, once analysed, the analysis's
 * per-trader outputs (features, clusters). Rows are streamed chunk by chunk, so a query over a
 * large run prints as it goes and memory stays bounded.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBTimestampTZValue, DuckDBValue } from '@duckdb/node-api';
import { openRun } from './open-run.ts';
import type { TableName } from './schema.ts';
import { sqlString } from './tables.ts';

export type QueryFormat = 'table' | 'csv' | 'json';
export const QUERY_FORMATS: readonly QueryFormat[] = ['table', 'csv', 'json'];

/** A query DuckDB rejected: its message, for the command line to print and exit 2. */
export class QueryError extends Error {
  override name = 'QueryError';
}

export interface QueryOptions {
  format?: QueryFormat;
  /** Most rows a table shows (csv and json print every row). */
  maxRows?: number;
  /** Where the output goes, piece by piece. */
  write: (text: string) => void;
}

/** The views of the analysis outputs present in DIR/analysis (features.csv, clusters.csv). */
function analysisViews(dir: string): [string, string][] {
  const out: [string, string][] = [];
  for (const name of ['features', 'clusters']) {
    const path = join(dir, 'analysis', `${name}.csv`);
    if (existsSync(path)) out.push([name, `read_csv(${sqlString(path)}, header = true)`]);
  }
  return out;
}

/**
 * DuckDB's TIMESTAMPTZ value class, loaded by queryRun: a static import would load DuckDB (a
 * quarter of a second) with everything that imports run/index.ts, reading a run or not.
 */
let TimestampTZ: typeof DuckDBTimestampTZValue | undefined;

/** A value as text: numbers as JavaScript prints them, NULL as an empty cell in CSV and "NULL" in a table. */
function text(v: DuckDBValue, nullText: string): string {
  if (v === null || v === undefined) return nullText;
  if (TimestampTZ && v instanceof TimestampTZ) return harareTime(v);
  return typeof v === 'string' ? v : String(v);
}

/** Harare's offset from UTC: +02:00 all year (no daylight saving), as the CSV's timestamps say. */
const HARARE_OFFSET_MS = 2 * 3_600_000;

/** A timestamp with time zone as the data contract writes it: 2025-01-06T05:00:00+02:00. */
function harareTime(v: DuckDBTimestampTZValue): string {
  const local = new Date(Number(v.micros / 1000n) + HARARE_OFFSET_MS).toISOString();
  return `${local.slice(0, 19)}+02:00`;
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A JSON value: numbers stay numbers, bigints that fit become numbers, everything else text. */
function jsonValue(v: DuckDBValue): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : String(v);
  return text(v, '');
}

/**
 * Runs `sql` over the run in `dir` and writes the result in `format`. Returns the rows read.
 *
 * @throws RunDirError when the run fails its manifest check; QueryError with DuckDB's message for a bad query
 */
export async function queryRun(dir: string, sql: string, options: QueryOptions): Promise<number> {
  const format = options.format ?? 'table';
  const maxRows = options.maxRows ?? 1000;
  TimestampTZ ??= (await import('@duckdb/node-api')).DuckDBTimestampTZValue;
  const run = openRun(dir, { require: ['traders', 'transactions', 'prices'] });
  try {
    // Every table is bound below, so every table is hashed; nothing is printed from a run whose
    // files do not match its manifest.
    for (const name of Object.keys(run.tables) as TableName[]) run.table(name);
    await run.verified();
    const c = await run.connection();
    // The tables by name, for the user's SQL (the readers use each table's `sql`: binding a view
    // costs a look at its file, 0.1 s for a default run's four tables, which they need not pay).
    for (const name of Object.keys(run.tables) as TableName[])
      await c.run(`CREATE VIEW ${name} AS SELECT * FROM ${run.table(name).sql}`);
    for (const [name, from] of analysisViews(dir)) await c.run(`CREATE VIEW ${name} AS SELECT * FROM ${from}`);
    let result;
    try {
      result = await c.stream(sql);
    } catch (e) {
      throw new QueryError((e as Error).message.replace(/\s+/g, ' ').trim());
    }
    const names = result.columnNames();
    const rows: string[][] = [];
    let count = 0;
    let more = false;
    const out = options.write;
    if (format === 'csv') out(`${names.map(csvCell).join(',')}\n`);
    if (format === 'json') out('[');
    for (;;) {
      let chunk;
      try {
        chunk = await result.fetchChunk();
      } catch (e) {
        throw new QueryError((e as Error).message.replace(/\s+/g, ' ').trim());
      }
      if (!chunk || chunk.rowCount === 0) break;
      const cols = names.map((_, j) => chunk.getColumnValues(j));
      for (let i = 0; i < chunk.rowCount; i++) {
        if (format === 'table') {
          if (rows.length < maxRows) rows.push(cols.map((col) => text(col[i], 'NULL')));
          else more = true;
        } else if (format === 'csv') {
          out(`${cols.map((col) => csvCell(text(col[i], ''))).join(',')}\n`);
        } else {
          const o: Record<string, unknown> = {};
          for (const [j, n] of names.entries()) o[n] = jsonValue(cols[j][i]);
          out(`${count ? ',\n ' : '\n '}${JSON.stringify(o)}`);
        }
        count++;
      }
    }
    if (format === 'json') out(count ? '\n]\n' : ']\n');
    if (format === 'table') out(formatTable(names, rows, count, more));
    return count;
  } finally {
    run.close();
  }
}

/** A plain-text table: header, rule, rows; numbers right-aligned. */
export function formatTable(names: string[], rows: string[][], count: number, more: boolean): string {
  const numeric = names.map(
    (_, j) => rows.length > 0 && rows.every((r) => r[j] === 'NULL' || /^-?[\d.]+(e[-+]?\d+)?$/i.test(r[j])),
  );
  const width = names.map((n, j) => Math.max(n.length, ...rows.map((r) => r[j].length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, j) => (numeric[j] ? c.padStart(width[j]) : c.padEnd(width[j])))
      .join('  ')
      .trimEnd();
  const out = [line(names), width.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
  out.push(
    more
      ? `(${rows.length} of ${count} rows shown; --max-rows N or --format csv for more)`
      : `(${count} row${count === 1 ? '' : 's'})`,
  );
  return `${out.join('\n')}\n`;
}

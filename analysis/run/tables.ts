/**
 * Where each table of the data contract lives in a run directory, in either format the engine
 * writes: `NAME.csv`, or Parquet as `NAME.parquet` or a dataset directory `NAME/` of
 * `*.parquet` files (hive-partitioned by week, e.g. `transactions/week=0007/part-0.parquet`).
 * Each table becomes a DuckDB `FROM` expression with the contract's column types, so every
 * reader sees the same typed columns whatever the format.
 */
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { RunDirError } from './run-dir-error.ts';
import { SCHEMA, type TableName } from './schema.ts';

export interface TableSource {
  table: TableName;
  format: 'csv' | 'parquet';
  /** Files read, relative to the run directory (in the order DuckDB reads them). */
  files: string[];
  /** Column names present, in file order. */
  columns: string[];
  /** A DuckDB table expression for FROM, with the contract's types. */
  sql: string;
}

/**
 * Every DuckDB session reading a run starts with these (the run's connection and the scan
 * thread's):
 *  - the market's clock, so hour(timestamp), date_trunc and a timestamp read as text give Harare
 *    time, not the machine's;
 *  - a streamed result may run 64 MB ahead of its reader (DuckDB's default is under 1 MB), so
 *    DuckDB's threads keep parsing while the reader consumes: the features of the 100k-trader x
 *    26-week CSV run, read on the scan thread, took 8.4-8.9 s instead of 12.9-13.5 s at load 2-3
 *    (17.2-18.3 s instead of 19.8-22.4 s at load 4-7), 2 s less CPU, about 40 MB more memory, the
 *    same rows in the same order. A constant: memory stays bounded whatever the run's size.
 */
export const SESSION_SETUP: readonly string[] = [
  `SET TimeZone = 'Africa/Harare'`,
  `SET streaming_buffer_size = '64MB'`,
];

/** A string literal for DuckDB SQL. */
export function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

/** A double-quoted identifier for DuckDB SQL. */
export function sqlIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** The first line of a text file, without its line ending. */
function headerLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString('utf8');
    const end = text.indexOf('\n');
    return (end < 0 ? text : text.slice(0, end)).replace(/\r$/, '');
  } finally {
    closeSync(fd);
  }
}

/**
 * Every *.parquet file under `root`, in natural order of their paths (week=2 before week=10, as
 * week=0002 before week=0010), so the partitions are read in time order.
 */
function parquetFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.parquet')) out.push(p);
    }
  };
  walk(root);
  return out.sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/**
 * Locates a table in `dir`, or undefined when the run has none (market is optional: runs made
 * before vendors held stock lack it).
 */
export function findTable(dir: string, table: TableName): TableSource | undefined {
  const types = SCHEMA[table];
  const csv = join(dir, `${table}.csv`);
  if (existsSync(csv)) {
    // The header decides the column order: a file with its columns reordered still reads right.
    const columns = headerLine(csv)
      .split(',')
      .map((c) => c.replace(/^"|"$/g, ''));
    const spec = columns.map((c) => `${sqlString(c)}: ${sqlString(types[c] ?? 'VARCHAR')}`).join(', ');
    const sql = `read_csv(${sqlString(csv)}, header = true, delim = ',', quote = '"', escape = '"', nullstr = '', columns = {${spec}})`;
    return { table, format: 'csv', files: [`${table}.csv`], columns, sql };
  }
  const single = join(dir, `${table}.parquet`);
  const dataset = join(dir, table);
  let files: string[] = [];
  if (existsSync(single)) files = [single];
  else if (existsSync(dataset) && statSync(dataset).isDirectory()) files = parquetFiles(dataset);
  if (!files.length) return undefined;
  const list = `[${files.map(sqlString).join(', ')}]`;
  const raw = `read_parquet(${list}, hive_partitioning = ${files.length > 1 || files[0] !== single ? 'true' : 'false'}, union_by_name = true)`;
  // Cast to the contract's types, so readers never depend on how a writer encoded a column.
  const columns = Object.keys(types);
  const sql = `(SELECT ${columns.map((c) => `CAST(${sqlIdent(c)} AS ${types[c]}) AS ${sqlIdent(c)}`).join(', ')} FROM ${raw})`;
  return { table, format: 'parquet', files: files.map((f) => relative(dir, f).split(sep).join('/')), columns, sql };
}

/** Like {@link findTable}, but a missing table is a RunDirError naming it. */
export function requireTable(dir: string, table: TableName): TableSource {
  const t = findTable(dir, table);
  if (!t)
    throw new RunDirError(
      `${join(dir, `${table}.csv`)} is missing (nor is there ${table}.parquet or a ${table}/ Parquet dataset)`,
    );
  return t;
}

/** Throws a RunDirError naming the first column `needed` that `source` lacks. */
export function requireColumns(source: TableSource, needed: readonly string[]): void {
  for (const c of needed) {
    if (!source.columns.includes(c))
      throw new RunDirError(`${source.files[0]}: column ${c} is missing (header: ${source.columns.join(',')})`);
  }
}

/**
 * Opening a run directory: the one door through which the analysis reads the data contract.
 * Reads and checks the manifest, finds each table (CSV or Parquet), checks every table's files
 * against the manifest's sizes at once, and hashes (SHA-256) the files of each table the reader
 * reads, alongside the reading: the required tables' from the start, another's when `table()` first
 * hands it out. A reader of the traders alone does not pay for hashing the transactions.
 * `verified()` must resolve before anything derived from the run is written.
 */
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { checkManifest, readManifest, type RunManifest } from './manifest.ts';
import { RunDirError } from './run-dir-error.ts';
import { TABLES, type TableName } from './schema.ts';
import { SESSION_SETUP, findTable, requireTable, type TableSource } from './tables.ts';
import { SCAN_THREAD_FROM, streamTransactions } from './scan.ts';
import { SharedScan } from './shared-scan.ts';
import { checkHashes, checkSizes } from './verify.ts';

export interface Run {
  dir: string;
  manifest: RunManifest;
  /** The contract's tables present in the run (market is optional); read them through table(). */
  tables: Partial<Record<TableName, TableSource>>;
  /** A table, its files now hashed alongside the reading; a RunDirError naming it when the run has none. */
  table(name: TableName): TableSource;
  /** Resolves when every table handed out has the manifest's SHA-256; rejects naming the first file that does not. */
  verified(): Promise<void>;
  /** Whether passes over the transactions run on a thread of their own (scan-thread.ts). */
  scanThread: boolean;
  /** DuckDB threads asked for (undefined: DuckDB's default, every core). */
  duckdbThreads?: number;
  /** A DuckDB connection (created on first use); close() ends it. Readers name a table by its `sql`. */
  connection(): Promise<DuckDBConnection>;
  close(): void;
  /** Set when the run was opened for several readers sharing one pass (options.consumers). */
  shared?: SharedScan;
  /** A reader failed before joining the shared pass: fail the others instead of letting them wait. */
  abortScan(e: unknown): void;
}

export interface OpenRunOptions {
  /** Tables that must be present (default traders, transactions, prices). */
  require?: readonly TableName[];
  /** DuckDB worker threads (default: DuckDB's own, every core). Results do not depend on it. */
  threads?: number;
  /** Readers that will share one pass over the transactions (default: each reader its own pass). */
  consumers?: number;
  /** Scan on a thread of its own (default: from SCAN_THREAD_FROM transactions). Results do not depend on it. */
  scanThread?: boolean;
}

/**
 * Opens `dir`: manifest read and checked, tables found, sizes checked now, hashes started.
 *
 * @throws RunDirError naming the manifest field or the file that is missing, unlisted or of the wrong size
 */
export function openRun(dir: string, options: OpenRunOptions = {}): Run {
  const manifest = readManifest(dir);
  checkManifest(manifest, dir);
  const required = options.require ?? ['traders', 'transactions', 'prices'];
  const tables: Partial<Record<TableName, TableSource>> = {};
  for (const t of TABLES) {
    const source = required.includes(t) ? requireTable(dir, t) : findTable(dir, t);
    if (source) tables[t] = source;
  }
  checkSizes(
    dir,
    manifest,
    Object.values(tables).flatMap((s) => s.files),
  );
  // Hashing runs on the event loop between the reader's awaits, one table after another; its
  // failure is kept, not thrown unobserved, until the caller asks.
  let failure: unknown;
  let hashing: Promise<void> = Promise.resolve();
  const hashed = new Set<TableName>();
  const hash = (name: TableName, source: TableSource): void => {
    if (hashed.has(name)) return;
    hashed.add(name);
    hashing = hashing
      .then(() => (failure ? undefined : checkHashes(dir, manifest, source.files)))
      .catch((e: unknown) => {
        failure ??= e;
      });
  };
  for (const t of required) hash(t, tables[t]!);
  let instance: DuckDBInstance | undefined;
  let connection: Promise<DuckDBConnection> | undefined;
  // One connection for every reader of the run, made once even when they ask at the same time.
  const connect = async (): Promise<DuckDBConnection> => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const config: Record<string, string> = {};
    if (options.threads) config.threads = String(options.threads);
    instance = await DuckDBInstance.create(':memory:', config);
    const c = await instance.connect();
    for (const statement of SESSION_SETUP) await c.run(statement);
    return c;
  };
  const run: Run = {
    dir,
    manifest,
    tables,
    scanThread: options.scanThread ?? manifest.counts.transactions >= SCAN_THREAD_FROM,
    duckdbThreads: options.threads,
    table(name) {
      const t = tables[name];
      if (!t) throw new RunDirError(`${dir}: the run has no ${name} table (${name}.csv, ${name}.parquet or ${name}/)`);
      hash(name, t);
      return t;
    },
    async verified() {
      // A table handed out while this waits extends the chain: wait until it stops growing.
      let waited: Promise<void>;
      do {
        waited = hashing;
        await waited;
      } while (waited !== hashing);
      if (failure) throw failure;
    },
    connection() {
      connection ??= connect();
      return connection;
    },
    close() {
      // Closed once made (a pending connect cannot be closed sooner), the connection before the instance.
      void connection?.then(
        (c) => {
          c.closeSync();
          instance?.closeSync();
        },
        () => undefined,
      );
      connection = undefined;
    },
    abortScan(e) {
      run.shared?.abort(e);
    },
  };
  if (options.consumers && options.consumers > 1)
    run.shared = new SharedScan(options.consumers, (extra, dispatch) =>
      streamTransactions(run, extra, undefined, dispatch),
    );
  return run;
}

/**
 * Opens `dir` (unless given an open run), computes `read(run)`, and returns it only once every
 * file read has matched the manifest, so nothing is derived from an altered run; closes what it opened.
 */
export async function withRun<T>(
  dir: string | Run,
  options: OpenRunOptions,
  read: (run: Run) => Promise<T>,
): Promise<T> {
  const run = typeof dir === 'string' ? openRun(dir, options) : dir;
  try {
    const value = await guarded(run, () => read(run));
    await run.verified();
    return value;
  } finally {
    if (typeof dir === 'string') run.close();
  }
}

/**
 * `work()`, except that when it fails on a run whose files do not match the manifest, the
 * mismatch is the error reported: an altered file explains whatever went wrong after it.
 */
export async function guarded<T>(run: Run, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    await run.verified();
    throw e;
  }
}

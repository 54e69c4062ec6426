/** The one reader of the data contract: a run directory's manifest, tables (CSV or Parquet) and their checks. */
export { checkManifest, readManifest } from './manifest.ts';
export type { FileRecord, RunManifest } from './manifest.ts';
export { guarded, openRun, withRun } from './open-run.ts';
export type { OpenRunOptions, Run } from './open-run.ts';
export { QUERY_FORMATS, QueryError, formatTable, queryRun } from './query.ts';
export type { QueryFormat, QueryOptions } from './query.ts';
export { RunDirError } from './run-dir-error.ts';
export { SCHEMA, TABLES, isNumericColumn } from './schema.ts';
export type { TableName } from './schema.ts';
export { findTable, requireColumns, requireTable, sqlIdent, sqlString } from './tables.ts';
export type { TableSource } from './tables.ts';
export { checkHashes, checkSizes, sha256Of } from './verify.ts';
export { readPriceBook, relativePrice } from './price-book.ts';
export type { PriceBook } from './price-book.ts';
export { readTable, scanTransactions } from './scan.ts';
export type { CodedColumn, ExtraColumn, TransactionBatch } from './scan.ts';

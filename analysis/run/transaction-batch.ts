/**
 * A batch of transactions as the reader hands it over: the contract's columns as typed arrays
 * (strings as indices into the manifest's lists), built from DuckDB result chunks, in the calling
 * thread (scan.ts) or in the scan thread (scan-worker.ts) and sent over as the arrays' buffers.
 */
import type { DuckDBDataChunk, DuckDBVector } from '@duckdb/node-api';

/** One batch of transactions, column by column; every array has at least `length` entries. */
export interface TransactionBatch {
  length: number;
  txnId: Float64Array;
  trader: Int32Array;
  tick: Int32Array;
  product: Int32Array;
  /** Index into the manifest's zones, -1 for a zone it does not list. */
  zone: Int32Array;
  /** Index into the manifest's categories, -1 for one it does not list. */
  category: Int32Array;
  /** NaN where the file has no number. */
  quantity: Float64Array;
  unitPrice: Float64Array;
  total: Float64Array;
  /** 1 or 0 (-1 when empty). */
  isRepeat: Int32Array;
  isSubstitute: Int32Array;
  /** The `extra` columns asked for, in order: numbers for the contract's numeric columns, else text (null when empty). */
  extra: (Float64Array | (string | null)[])[];
}

/** The fixed columns, in the order the scan's SELECT gives them. */
export const COLUMNS = [
  'txnId',
  'trader',
  'tick',
  'product',
  'zone',
  'category',
  'quantity',
  'unitPrice',
  'total',
  'isRepeat',
  'isSubstitute',
] as const;

/** Whether fixed column j holds doubles (else 32-bit integers). */
export const IS_DOUBLE: readonly boolean[] = COLUMNS.map((c) =>
  ['txnId', 'quantity', 'unitPrice', 'total'].includes(c),
);

/**
 * The column's numbers as a typed array. Result chunks are flat, so a numeric vector's values
 * sit in one buffer: read it in place when the vector exposes it, else copy item by item.
 */
export function numbers<T extends Int32Array | Float64Array>(
  v: DuckDBVector,
  n: number,
  make: new (n: number) => T,
): T {
  const items = (v as unknown as { items?: unknown }).items;
  if (items instanceof make && (items as T).length >= n) return items as T;
  const out = new make(n);
  for (let i = 0; i < n; i++) out[i] = Number(v.getItem(i) ?? NaN);
  return out;
}

/**
 * The columns of a result chunk: the fixed ones, then the extras (numbers where `numeric`, else text).
 *
 * @param chunk - a chunk of the scan's SELECT
 * @param numeric - per extra column, whether it is numeric
 */
export function chunkColumns(
  chunk: DuckDBDataChunk,
  numeric: readonly boolean[],
): { fixed: (Int32Array | Float64Array)[]; extra: (Float64Array | (string | null)[])[] } {
  const n = chunk.rowCount;
  const fixed = COLUMNS.map((_, j) =>
    IS_DOUBLE[j]
      ? numbers(chunk.getColumnVector(j), n, Float64Array)
      : numbers(chunk.getColumnVector(j), n, Int32Array),
  );
  const extra = numeric.map((isNumber, k) =>
    isNumber
      ? numbers(chunk.getColumnVector(COLUMNS.length + k), n, Float64Array)
      : (chunk.getColumnValues(COLUMNS.length + k) as (string | null)[]),
  );
  return { fixed, extra };
}

/** A batch from its columns (in COLUMNS order) and extras. */
export function batchOf(
  length: number,
  fixed: (Int32Array | Float64Array)[],
  extra: (Float64Array | (string | null)[])[],
): TransactionBatch {
  const f = (j: number): Float64Array => fixed[j] as Float64Array;
  const i = (j: number): Int32Array => fixed[j] as Int32Array;
  return {
    length,
    txnId: f(0),
    trader: i(1),
    tick: i(2),
    product: i(3),
    zone: i(4),
    category: i(5),
    quantity: f(6),
    unitPrice: f(7),
    total: f(8),
    isRepeat: i(9),
    isSubstitute: i(10),
    extra,
  };
}

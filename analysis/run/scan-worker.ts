/**
 * The scan thread's entry (scan-thread.ts): runs the scan's query on a DuckDB of its own and
 * sends the rows to the calling thread in batches of about BATCH_ROWS, in order, each batch's
 * columns packed into typed arrays whose buffers are transferred, not copied. At most
 * MAX_IN_FLIGHT batches are unconsumed at a time: past that the thread waits (Atomics.wait on
 * the shared counter the calling thread decrements), so memory stays bounded by the batches,
 * never by the number of transactions.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DuckDBInstance } from '@duckdb/node-api';
import { COLUMNS, IS_DOUBLE, chunkColumns } from './transaction-batch.ts';

/** What the scan thread is given. */
export interface ScanJob {
  sql: string;
  /** Per extra column, whether it is numeric (else text). */
  numeric: boolean[];
  /** DuckDB threads, when set (else DuckDB's own default). */
  threads?: number;
  /** Statements that start the session (tables.ts's SESSION_SETUP). */
  setup: readonly string[];
  /** Int32[1]: batches sent and not yet consumed. */
  flow: SharedArrayBuffer;
}

/** Messages from the scan thread. */
export type ScanMessage =
  | {
      kind: 'batch';
      length: number;
      /** The fixed columns' buffers, in COLUMNS order. */
      fixed: ArrayBuffer[];
      /** Per extra column, its numbers' buffer (unused for a text column). */
      numbers: ArrayBuffer[];
      /** Per extra column, its text (empty for a numeric column). */
      text: (string | null)[][];
    }
  | { kind: 'done'; rows: number }
  | { kind: 'error'; message: string };

/** Rows per batch sent: 16 DuckDB chunks, so the per-message cost is spread over 32,768 rows. */
export const BATCH_ROWS = 16 * 2048;
/** Batches sent and not yet consumed, at most: about 10 MB. */
export const MAX_IN_FLIGHT = 4;

async function scan(job: ScanJob): Promise<number> {
  const instance = await DuckDBInstance.create(':memory:', job.threads ? { threads: String(job.threads) } : {});
  const c = await instance.connect();
  for (const statement of job.setup) await c.run(statement);
  const flow = new Int32Array(job.flow, 0, 1);
  const extras = job.numeric.length;
  let fixed: (Int32Array | Float64Array)[] = [];
  let nums: Float64Array[] = [];
  let text: (string | null)[][] = [];
  let at = 0;
  const fresh = (): void => {
    fixed = COLUMNS.map((_, j) => (IS_DOUBLE[j] ? new Float64Array(BATCH_ROWS) : new Int32Array(BATCH_ROWS)));
    nums = job.numeric.map(() => new Float64Array(BATCH_ROWS));
    text = job.numeric.map(() => []);
    at = 0;
  };
  const send = (): void => {
    if (at === 0) return;
    Atomics.add(flow, 0, 1);
    const message: ScanMessage = {
      kind: 'batch',
      length: at,
      fixed: fixed.map((a) => a.buffer as ArrayBuffer),
      numbers: nums.map((a) => a.buffer as ArrayBuffer),
      text,
    };
    parentPort!.postMessage(message, [...message.fixed, ...message.numbers]);
    // Wait while the calling thread has MAX_IN_FLIGHT batches to consume.
    for (let v = Atomics.load(flow, 0); v >= MAX_IN_FLIGHT; v = Atomics.load(flow, 0)) Atomics.wait(flow, 0, v);
    fresh();
  };
  let rows = 0;
  try {
    const result = await c.stream(job.sql);
    fresh();
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const n = chunk.rowCount;
      if (at + n > BATCH_ROWS) send();
      const cols = chunkColumns(chunk, job.numeric);
      for (let j = 0; j < COLUMNS.length; j++) fixed[j].set(cols.fixed[j].subarray(0, n), at);
      for (let k = 0; k < extras; k++) {
        const col = cols.extra[k];
        if (col instanceof Float64Array) nums[k].set(col.subarray(0, n), at);
        else for (let i = 0; i < n; i++) text[k].push(col[i]);
      }
      at += n;
      rows += n;
    }
    send();
  } finally {
    c.closeSync();
    instance.closeSync();
  }
  return rows;
}

scan(workerData as ScanJob).then(
  (rows) => parentPort!.postMessage({ kind: 'done', rows } satisfies ScanMessage),
  (e: unknown) => parentPort!.postMessage({ kind: 'error', message: (e as Error).message } satisfies ScanMessage),
);

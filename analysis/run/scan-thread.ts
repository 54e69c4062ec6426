/**
 * The scan of a large run on a thread of its own (scan-worker.ts): DuckDB's decoding and the
 * copying of its chunks into typed columns run there, while the calling thread only runs the
 * readers' accumulators on batches of 32,768 rows. Measured on the 100k-trader x 26-week run in
 * Parquet: of the calling thread's 8.9 s in computeFeatures, 1.4 s were fetching chunks and 2.0 s
 * waiting for DuckDB; the features' own loop was 3.5 s.
 *
 * The rows arrive in the same order and with the same values as from the in-thread scan, so every
 * result is the same; only the batch boundaries differ, which no reader depends on.
 */
import { Worker } from 'node:worker_threads';
import { TS_WORKER_EXEC_ARGV } from '../common/index.ts';
import { COLUMNS, IS_DOUBLE, batchOf, type TransactionBatch } from './transaction-batch.ts';
import type { ScanJob, ScanMessage } from './scan-worker.ts';

/**
 * Runs `sql` (the scan's SELECT) on the scan thread, hands each batch to `onBatch` in order, and
 * resolves with the number of rows; rejects with duckdbError(DuckDB's error), or with what
 * onBatch threw.
 */
export function scanInThread(
  job: Omit<ScanJob, 'flow'>,
  onBatch: (b: TransactionBatch) => void,
  duckdbError: (e: Error) => unknown,
): Promise<number> {
  const flow = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const inFlight = new Int32Array(flow);
  const worker = new Worker(new URL('./scan-worker.ts', import.meta.url), {
    execArgv: [...TS_WORKER_EXEC_ARGV],
    workerData: { ...job, flow } satisfies ScanJob,
  });
  return new Promise<number>((resolve, reject) => {
    let settled = false;
    const fail = (e: unknown): void => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      reject(e);
    };
    worker.on('message', (m: ScanMessage) => {
      if (settled) return;
      if (m.kind === 'error') return fail(duckdbError(new Error(m.message)));
      if (m.kind === 'done') {
        settled = true;
        return resolve(m.rows);
      }
      const fixed = m.fixed.map((b, j) => (IS_DOUBLE[j] ? new Float64Array(b) : new Int32Array(b)));
      const extra = job.numeric.map((isNumber, k) => (isNumber ? new Float64Array(m.numbers[k]) : m.text[k]));
      try {
        onBatch(batchOf(m.length, fixed.slice(0, COLUMNS.length), extra));
      } catch (e) {
        return fail(e);
      }
      Atomics.sub(inFlight, 0, 1);
      Atomics.notify(inFlight, 0);
    });
    worker.on('error', (e) => fail(duckdbError(e)));
    worker.on('exit', (code) => fail(new Error(`the scan thread stopped (exit code ${code}) before the last row`)));
  });
}

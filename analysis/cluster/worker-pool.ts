/**
 * The piscina worker pool the parallel analysis functions run on.
 *
 * A pool serves any of the analysis worker files (each task names its own), so one pool can be
 * created once and passed to several calls of silhouetteParallel and sweepKParallel. That
 * matters because starting a worker costs 0.3-0.7 s here: each worker is a fresh isolate that
 * must load tsx before it can import a .ts file (common/ts-worker.ts), then the modules. Without a pool argument
 * each call starts and stops its own.
 */

import { Piscina } from 'piscina';
import { TS_WORKER_EXEC_ARGV, assertCount } from '../common/index.ts';

/** A pool made by {@link createWorkerPool}. */
export type WorkerPool = Piscina;

/**
 * Creates a pool of `workers` threads that can run the analysis workers. Idle workers do not
 * keep the process alive; call `destroy()` on the pool to stop them when done.
 *
 * @param workers - number of worker threads (at least 1)
 * @returns the pool
 * @throws RangeError when workers is not a positive integer
 */
export function createWorkerPool(workers: number): WorkerPool {
  assertCount('createWorkerPool', 'workers', workers, 1);
  return new Piscina({
    // Each task names its worker file (see workerFile); a pool serves them all.
    filename: null,
    // Workers are fresh isolates: they need a loader to import a .ts file.
    execArgv: [...TS_WORKER_EXEC_ARGV],
    minThreads: workers,
    maxThreads: workers,
  });
}

/**
 * The URL piscina needs for an analysis worker module beside this file.
 *
 * @param name - file name, e.g. 'silhouette-worker.ts'
 * @returns its file: URL
 */
export function workerFile(name: string): string {
  return new URL(`./${name}`, import.meta.url).href;
}

/**
 * How a worker thread imports a .ts module: the execArgv that preloads tsx's ESM hooks only (its
 * documented `tsx/esm/api` register()), for the analysis's worker pool (cluster/worker-pool.ts)
 * and the reader's scan thread (run/scan-thread.ts).
 *
 * Why not `--import tsx`: that also installs tsx's require() hook, and piscina loads a task
 * file with require() first, falling back to import() only if that throws. With the hook the
 * require succeeds, and tsx transpiles the worker's whole ESM graph to CommonJS with esbuild in
 * every worker: a k-means worker, when it still imported ml-kmeans (ml-matrix,
 * ml-spectra-processing: about 250 files), took 1.5-1.9 s to start. With the ESM hooks alone the
 * require() of the .ts file fails at once, piscina imports it, and the same worker started in
 * 0.4-0.7 s. The loader is found from this module, so it works whatever the current directory.
 */
const TSX_ESM_ONLY = `data:text/javascript,${encodeURIComponent(
  `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))}; register();`,
)}`;

/** execArgv of a worker thread whose entry is a .ts file. */
export const TS_WORKER_EXEC_ARGV: readonly string[] = ['--import', TSX_ESM_ONLY];

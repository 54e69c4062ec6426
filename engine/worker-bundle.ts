/**
 * The shard workers' entry. A worker that loads the TypeScript through tsx starts tsx's
 * loader-hooks thread of its own and resolves every module through it: two workers took 0.52-0.60 s
 * to load here, against 0.09-0.11 s for a bundle, on a 2-core machine where that start-up competes
 * with spawning the population. So workers load a cached bundle (engine/bundle.mjs) of
 * engine/shard-worker.ts, or the tsx entry if the bundle cannot be had.
 */
import { cachedBundle } from './bundle.mjs';

/** The tsx entry: the fallback, and what the bundle replaces. */
export const TSX_WORKER_ENTRY = new URL('./shard-worker.mjs', import.meta.url).href;

/** Folders whose modules a worker may import (engine/shard-worker.ts's closure lies within them). */
const WORKER_DIRS = ['engine', 'agents', 'market'];

/** Returns the URL of the bundled worker entry, building it first if this version has none. */
export function bundledWorkerEntry(cacheDir?: string): Promise<string> {
  return cachedBundle({ name: 'shard-worker', entry: 'engine/shard-worker.ts', dirs: WORKER_DIRS, cacheDir });
}

/** The entry the shard workers should load: the bundle when it can be had, else the tsx entry. */
export async function workerEntry(): Promise<string> {
  try {
    return await bundledWorkerEntry();
  } catch {
    return TSX_WORKER_ENTRY;
  }
}

/**
 * The shard workers' entry as one plain JavaScript file.
 *
 * A worker that loads the TypeScript through tsx registers tsx's loader hooks, which start a hooks
 * thread of its own, and resolves every module through it: two workers took 0.52-0.60 s to load
 * here, against 0.09-0.11 s for a bundle, on a 2-core machine where that start-up competes with
 * spawning the population. The bundle is built with esbuild (the transformer tsx itself uses, so
 * the code is the same) once per version of the sources, and cached in node_modules/.cache/musika.
 * If it cannot be built or cached, the workers load the TypeScript through tsx as before.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Folders whose modules a worker may import (engine/shard-worker.ts's closure lies within them). */
const SOURCE_DIRS = ['engine', 'agents', 'market'];
const PREFIX = 'shard-worker-';

/** The tsx entry: the fallback, and what the bundle replaces. */
export const TSX_WORKER_ENTRY = new URL('./shard-worker.mjs', import.meta.url).href;

/** A digest of every TypeScript source a worker could load and of the bundler's version. */
function sourcesDigest(esbuildVersion: string): string {
  const h = createHash('sha256').update(esbuildVersion);
  for (const dir of SOURCE_DIRS) {
    const files = (readdirSync(join(ROOT, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).sort();
    for (const f of files) h.update(`\0${dir}/${f}\0`).update(readFileSync(join(ROOT, dir, f)));
  }
  return h.digest('hex').slice(0, 16);
}

/** Returns the URL of the bundled worker entry, building it first if this version has none. */
export async function bundledWorkerEntry(cacheDir = join(ROOT, 'node_modules', '.cache', 'musika')): Promise<string> {
  const esbuild = await import('esbuild');
  const file = join(cacheDir, `${PREFIX}${sourcesDigest(esbuild.version)}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(cacheDir, { recursive: true });
    // Written under a temporary name and renamed, so a concurrent run never loads half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    await esbuild.build({
      entryPoints: [join(ROOT, 'engine', 'shard-worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Packages stay imports, resolved from the project's node_modules above the cache.
      packages: 'external',
      outfile: tmp,
      logLevel: 'silent',
    });
    renameSync(tmp, file);
    // Bundles of older sources are dead weight.
    for (const old of readdirSync(cacheDir)) {
      if (old.startsWith(PREFIX) && join(cacheDir, old) !== file && !old.endsWith('.tmp')) rmSync(join(cacheDir, old), { force: true });
    }
  }
  return pathToFileURL(file).href;
}

/** The entry the shard workers should load: the bundle when it can be had, else the tsx entry. */
export async function workerEntry(): Promise<string> {
  try {
    return await bundledWorkerEntry();
  } catch {
    return TSX_WORKER_ENTRY;
  }
}

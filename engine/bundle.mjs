// Cached esbuild bundles of the TypeScript sources, for the two places where loading them through
// tsx costs the most: the `musika` program's start (engine/bin.mjs) and the shard workers' start
// (engine/worker-bundle.ts). tsx registers loader hooks that run on a thread of their own and
// resolve every module through it; a bundle is plain JavaScript. esbuild is the transformer tsx
// itself uses, so the code is the same. Plain JavaScript itself, so bin.mjs can use it before any
// TypeScript can be loaded. Its types are JSDoc, checked by tsc (tsconfig.json: checkJs).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = join(ROOT, 'node_modules', '.cache', 'musika');
const SOURCE = /\.(ts|mjs)$/;
/** Age after which a bundle of other sources is deleted. */
export const STALE_MS = 24 * 3600 * 1000;

/**
 * A digest of the sources under `dirs` and of esbuild's version: a bundle's identity.
 * @param {string[]} dirs
 * @param {string} esbuildVersion
 * @returns {string}
 */
function digest(dirs, esbuildVersion) {
  const h = createHash('sha256').update(esbuildVersion);
  for (const dir of dirs) {
    const files = readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => SOURCE.test(f))
      .sort();
    for (const f of files) h.update(`\0${dir}/${f}\0`).update(readFileSync(join(ROOT, dir, f)));
  }
  return h.digest('hex').slice(0, 16);
}

/**
 * Spelt in pieces: this file is itself bundled into the CLI's bundle, where a literal would be
 * rewritten too, and a bundle built from there (the experiments' workers) would keep its
 * modules' import.meta.url pointing into the cache.
 */
const META_URL = ['import', 'meta', 'url'].join('.');

/**
 * Modules keep their own `import.meta.url` (they find package.json, worker entries and
 * TypeScript workers relative to themselves), not the bundle's.
 * @type {import('esbuild').Plugin}
 */
const ownUrls = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: SOURCE }, async (args) => {
      if (args.path.includes(`${join('node_modules', '')}`)) return undefined;
      const text = await readFile(args.path, 'utf8');
      return {
        contents: text.replaceAll(META_URL, JSON.stringify(pathToFileURL(args.path).href)),
        loader: args.path.endsWith('.ts') ? 'ts' : 'js',
      };
    });
  },
};

/**
 * Apart from the entries (cli.ts, the workers), the project's modules only define things when
 * imported, so a module none of whose exports is used is left out of a bundle. Without this, a
 * folder's index.ts would bring into a bundle every module it re-exports that does work at import: a shard worker importing market/index.ts for one function would load zod
 * and build the scenario schemas (market/market-schema.ts): a worker thread took 95 ms to import
 * its bundle instead of 16 (medians of 31, one thread at a time, on the 2-core machine).
 */
/** @type {import('esbuild').Plugin} */
const leanImports = {
  name: 'lean-imports',
  setup(build) {
    build.onResolve({ filter: /^\./ }, async (args) => {
      if (args.kind !== 'import-statement' || args.pluginData === leanImports) return undefined;
      const found = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: leanImports,
      });
      if (found.errors.length > 0 || found.path.includes(`${join('node_modules', '')}`)) return found;
      return { ...found, sideEffects: false };
    });
  },
};

/**
 * Returns the file URL of `entry` (a path from the project root) bundled with everything it
 * imports from the project (packages stay imports), building it first if these sources have no
 * bundle yet. Bundles of older sources are removed after a day (not at once: a run started
 * before an edit may still be loading from one). Throws if esbuild cannot build it; callers fall
 * back to tsx.
 * @param {{ name: string, entry: string, dirs: string[], cacheDir?: string }} options `entry` and
 *   `dirs` are paths from the project root; `dirs` are the sources whose digest names the bundle.
 * @returns {Promise<string>}
 */
export async function cachedBundle({ name, entry, dirs, cacheDir = CACHE }) {
  // Not named `require`: in a JavaScript file tsc would take its call for a CommonJS import.
  const requireHere = createRequire(import.meta.url);
  const version = requireHere('esbuild/package.json').version;
  const dir = join(cacheDir, `${name}-${digest(dirs, version)}`);
  const file = join(dir, basename(entry).replace(/\.ts$/, '.js'));
  if (!existsSync(file)) {
    const esbuild = await import('esbuild');
    mkdirSync(cacheDir, { recursive: true });
    // Built aside and renamed into place, so a concurrent run never loads half a bundle.
    const tmp = `${dir}.${process.pid}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    await esbuild.build({
      entryPoints: [join(ROOT, entry)],
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Packages stay imports, resolved from the project's node_modules above the cache.
      packages: 'external',
      outdir: tmp,
      logLevel: 'silent',
      plugins: [leanImports, ownUrls],
    });
    try {
      renameSync(tmp, dir);
    } catch (e) {
      // Another run put the same bundle in place first: use theirs.
      rmSync(tmp, { recursive: true, force: true });
      if (!existsSync(file)) throw e;
    }
    for (const old of readdirSync(cacheDir)) {
      const path = join(cacheDir, old);
      if (old.startsWith(`${name}-`) && path !== dir && statSync(path).mtimeMs < Date.now() - STALE_MS)
        rmSync(path, { recursive: true, force: true });
    }
  }
  return pathToFileURL(file).href;
}

/**
 * The command line's sources: everything `musika <command>` may load.
 * @type {string[]}
 */
export const CLI_DIRS = ['engine', 'agents', 'market', 'analysis'];

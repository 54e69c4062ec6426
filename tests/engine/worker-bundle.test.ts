/**
 * The bundled worker entry (engine/bundle.mjs, engine/worker-bundle.ts): built once per version of
 * the sources, reused after, and running the same engine as the TypeScript loaded through tsx
 * (same bytes at 2 threads either way).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveScenario } from '../../engine/scenario-load.ts';
import { simulate } from '../../engine/simulate.ts';
import { STALE_MS } from '../../engine/bundle.mjs';
import { TSX_WORKER_ENTRY, bundledWorkerEntry } from '../../engine/worker-bundle.ts';
import { sha256File, tempDir } from '../helpers/run.ts';

// Inside the project, so the bundle's package imports resolve from its node_modules.
const cacheDir = fileURLToPath(new URL(`../../node_modules/.cache/musika-test-${process.pid}`, import.meta.url));
process.on('exit', () => rmSync(cacheDir, { recursive: true, force: true }));

test('the bundle is built once, reused, and bundles of older sources go after a day', async () => {
  mkdirSync(join(cacheDir, 'shard-worker-0000000000000000'), { recursive: true });
  mkdirSync(join(cacheDir, 'shard-worker-1111111111111111'), { recursive: true });
  const old = (Date.now() - STALE_MS - 60_000) / 1000;
  utimesSync(join(cacheDir, 'shard-worker-0000000000000000'), old, old);
  const first = await bundledWorkerEntry(cacheDir);
  const path = fileURLToPath(first);
  const built = statSync(path).mtimeMs;
  assert.deepEqual(
    readdirSync(cacheDir).sort(),
    [path.split('/').at(-2), 'shard-worker-1111111111111111'].sort(),
    'the day-old bundle is gone, the recent one kept',
  );
  const again = await bundledWorkerEntry(cacheDir);
  assert.equal(again, first);
  assert.equal(statSync(path).mtimeMs, built, 'not rebuilt');
  const mod = (await import(first)) as { default: unknown };
  assert.equal(typeof mod.default, 'function', 'exports the piscina task');
});

test('the bundle leaves out what a worker does not run: index.ts re-exports cost nothing', async () => {
  // shard.ts imports market/index.ts for one function; the index also re-exports the scenario
  // schemas (market/market-schema.ts), which load zod and build the schemas when imported.
  const text = readFileSync(fileURLToPath(await bundledWorkerEntry(cacheDir)), 'utf8');
  assert.match(text, /function filledQuantity\(/, 'the function the worker uses is in');
  assert.doesNotMatch(text, /from "zod"/, 'zod is not');
  assert.doesNotMatch(text, /marketSchema/, 'nor the market schema');
});

test('workers from the bundle and from the tsx entry write the same bytes as one thread', async () => {
  const s = resolveScenario({ preset: 'personas', traders: 301, weeks: 2, seed: 'bundle' });
  const files = ['transactions.csv', 'traders.csv', 'prices.csv'];
  const hashes = async (threads: number, workerEntry?: string): Promise<string[]> => {
    const dir = tempDir();
    await simulate(s, dir, { threads, workerEntry });
    return files.map((f) => sha256File(join(dir, f)));
  };
  const one = await hashes(1);
  assert.deepEqual(await hashes(2, await bundledWorkerEntry(cacheDir)), one, 'bundle');
  assert.deepEqual(await hashes(2, TSX_WORKER_ENTRY), one, 'tsx entry');
});

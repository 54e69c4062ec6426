/**
 * A kept run directory (--keep-runs: DIR/runs/<label>/, which queue workers on several machines
 * write to a shared filesystem) is written once. Its manifest, written last by simulate, decides:
 * a directory with the manifest of the same run is finished, and its metrics.json is the run's
 * result. A run is simulated into DIR/runs/.partial/<label>.<host>.<pid>.<thread> and renamed into
 * place whole, so two workers that both took the run (a worker thought dead that was not) never
 * write into one directory: the first rename wins and the second copy, identical, is dropped.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { threadId } from 'node:worker_threads';
import type { Manifest } from '../manifest.ts';
import { runId } from './plan.ts';
import type { Metrics } from './run-one.ts';

/** Where partial copies of runs/<label> are made (same filesystem, so a rename moves them whole). */
export function partialDir(keepDir: string): string {
  return join(dirname(keepDir), '.partial', `${basename(keepDir)}.${hostname()}.${process.pid}.${threadId}`);
}

/**
 * The metrics of the finished run of `id` in `dir`, or undefined when it has no manifest (not
 * there, or half-written by an older musika). Throws if the manifest is another run's.
 */
export function keptMetrics(dir: string, id: string): Metrics | undefined {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) return undefined;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
  if (runId(manifest.scenario) !== id)
    throw new Error(`${dir} holds another run (run id ${runId(manifest.scenario)}, not ${id}): move it away`);
  return JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8')) as Metrics;
}

/**
 * Moves a finished partial copy into place; when another copy got there first, drops this one.
 * Returns the metrics of the copy in place.
 */
export function placeKeptRun(partial: string, dir: string, id: string): Metrics {
  if (existsSync(dir) && keptMetrics(dir, id) === undefined) rmSync(dir, { recursive: true, force: true }); // no manifest: not a finished run
  mkdirSync(dirname(dir), { recursive: true });
  try {
    renameSync(partial, dir);
  } catch (e) {
    const there = existsSync(dir) ? keptMetrics(dir, id) : undefined;
    if (there === undefined) throw e;
  }
  rmSync(partial, { recursive: true, force: true });
  return keptMetrics(dir, id)!;
}

/**
 * Kept runs (--keep-runs, a queue's workers writing to a shared filesystem) are written once: a run
 * directory with the manifest of the same run is finished and its metrics are reused, a directory
 * without a manifest is replaced, another run's manifest is an error, and of two copies made at
 * once the first renamed into place wins.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keptMetrics, placeKeptRun } from '../../../engine/experiments/kept-run.ts';
import { runId } from '../../../engine/experiments/plan.ts';
import { runOne, type RunJob } from '../../../engine/experiments/run-one.ts';
import { resolveScenario } from '../../../engine/scenario-load.ts';
import { tempDir } from '../../helpers/run.ts';

const scenario = resolveScenario({ preset: 'personas', traders: 200, weeks: 1, seed: '7' });
const dir = tempDir('musika-kept-');

test('runOne keeps a run once: the second time its manifest decides and the metrics are read back, equal', async () => {
  const keepDir = join(dir, 'runs', 'seed=7');
  const job: RunJob = { id: runId(scenario), label: 'seed=7', scenario, threads: 1, keepDir };
  const first = await runOne(job);
  assert.ok(existsSync(join(keepDir, 'manifest.json')));
  assert.deepEqual(readdirSync(join(dir, 'runs', '.partial')), [], 'the partial copy is gone');
  const written = statSync(join(keepDir, 'manifest.json')).mtimeMs;
  const second = await runOne(job);
  assert.deepEqual(second.metrics, first.metrics, 'the same numbers, to the last digit');
  assert.equal(second.seconds, 0, 'not run again');
  assert.equal(statSync(join(keepDir, 'manifest.json')).mtimeMs, written, 'not written again');

  // Two copies of the run made at once (a worker thought dead was not): the second is dropped.
  const late = join(dir, 'runs', '.partial', 'seed=7.other');
  cpSync(keepDir, late, { recursive: true });
  assert.deepEqual(placeKeptRun(late, keepDir, job.id), first.metrics);
  assert.ok(!existsSync(late));
  assert.equal(statSync(join(keepDir, 'manifest.json')).mtimeMs, written);

  // Another run's directory under the label is not taken for this one.
  assert.throws(
    () => keptMetrics(keepDir, 'ffffffffffffffff'),
    /holds another run \(run id [0-9a-f]{16}, not ffffffffffffffff\): move it away/,
  );
});

test('a kept run directory without a manifest (half-written) is replaced by the finished run', async () => {
  const keepDir = join(dir, 'runs', 'half');
  mkdirSync(keepDir, { recursive: true });
  writeFileSync(join(keepDir, 'transactions.csv'), 'half a file');
  assert.equal(keptMetrics(keepDir, runId(scenario)), undefined);
  const out = await runOne({ id: runId(scenario), label: 'half', scenario, threads: 1, keepDir });
  assert.ok(out.seconds > 0, 'run');
  assert.deepEqual(keptMetrics(keepDir, runId(scenario)), out.metrics);
  rmSync(keepDir, { recursive: true });
});

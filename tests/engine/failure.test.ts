/**
 * A shard that fails stops the run with its own error, leaves no file behind that looks finished
 * (nor a temporary one), and no thread hanging.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { resolveScenario, simulate } from '../../engine/index.ts';
import { tempDir } from '../helpers/run.ts';

const FAILING = new URL('./fixtures/failing-shard-worker.mjs', import.meta.url).href;

for (const threads of [2, 4]) {
  test(`${threads} threads: a failing worker's error ends the run and nothing is left`, async () => {
    const s = resolveScenario({ preset: 'personas', traders: 400, weeks: 1, seed: 'fail' });
    const dir = tempDir();
    await assert.rejects(simulate(s, dir, { threads, workerEntry: FAILING }), /shard \d failed on purpose/);
    assert.deepEqual(readdirSync(dir), [], 'no data file, no temporary file, no manifest');
  });
}

test('an error on main (a throwing progress callback) also ends the run cleanly', async () => {
  const s = resolveScenario({ preset: 'personas', traders: 400, weeks: 1, seed: 'fail' });
  const dir = tempDir();
  const onDay = (done: number): void => {
    if (done === 3) throw new Error('main failed on purpose');
  };
  await assert.rejects(simulate(s, dir, { threads: 2, onDay }), /main failed on purpose/);
  assert.deepEqual(readdirSync(dir), []);
});

const DYING = new URL('./fixtures/dying-shard-worker.mjs', import.meta.url).href;

for (const threads of [2, 3]) {
  test(`${threads} threads: a worker that dies (process.exit(3)) mid-run ends the run within 5 s, naming the exit, and nothing is left`, async () => {
    const s = resolveScenario({ preset: 'personas', traders: 400, weeks: 1, seed: 'die' });
    const dir = tempDir();
    const t0 = performance.now();
    await assert.rejects(
      simulate(s, dir, { threads, workerEntry: DYING }),
      /shard [12].s worker thread died: worker exited with code: 3/,
    );
    const seconds = (performance.now() - t0) / 1000;
    assert.ok(seconds < 5, `rejected after ${seconds.toFixed(2)} s`);
    assert.deepEqual(readdirSync(dir), [], 'no data file, no temporary file, no manifest');
  });
}

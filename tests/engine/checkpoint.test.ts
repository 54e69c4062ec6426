/**
 * Runs that survive: a run killed with SIGKILL at any moment resumes from its last checkpoint, on
 * another thread count, to the bytes of an uninterrupted run; a finished run extended by N weeks
 * equals a run made that long from the start; a killed run's leftovers are removed by the next run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { cli } from '../helpers/cli.ts';
import { sha256File, tempDir } from '../helpers/run.ts';

const FILES = ['traders.csv', 'transactions.csv', 'prices.csv', 'market.csv', 'metrics.json'];

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(FILES.map((f) => [f, sha256File(join(dir, f))]));
}

const RUN = ['--traders', '20000', '--weeks', '12', '--seed', 'survive', '--checkpoint-every', '2'];

test('a run killed with SIGKILL before, between and during checkpoints resumes to the same bytes on another thread count', async () => {
  const whole = join(tempDir(), 'run');
  const done = await cli(['simulate', ...RUN, '--threads', '1', '--out', whole]);
  assert.equal(done.code, 0, done.stderr);
  const expected = hashes(whole);
  // Day 5 is before the first periodic checkpoint (week 2), day 45 between weeks 6 and 8; the third
  // checkpoint written (set-up, week 2, week 4) is killed halfway through.
  const faults = [
    { fault: 'kill-at-day:5', threads: '2' },
    { fault: 'kill-at-day:45', threads: '3' },
    { fault: 'kill-in-checkpoint:3', threads: '2' },
  ];
  for (const { fault, threads } of faults) {
    const dir = join(tempDir(), 'run');
    const killed = await cli(['simulate', ...RUN, '--threads', '1', '--out', dir], { MUSIKA_FAULT: fault });
    assert.equal(killed.signal, 'SIGKILL', `${fault}: the run was killed`);
    assert.ok(!existsSync(join(dir, 'manifest.json')), `${fault}: a killed run does not look finished`);
    assert.ok(
      readdirSync(dir).some((f) => f.endsWith('.csv.tmp')),
      `${fault}: it left its temporary files`,
    );
    const resumed = await cli(['simulate', '--resume', dir, '--threads', threads]);
    assert.equal(resumed.code, 0, `${fault}: ${resumed.stderr}`);
    assert.deepEqual(hashes(dir), expected, `${fault}: resumed on ${threads} threads`);
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
      `${fault}: no temporary file left`,
    );
  }
});

for (const scenario of ['personas', 'uniform']) {
  test(`${scenario}: 6 weeks extended by 6 equal 12 weeks, byte for byte`, async () => {
    const base = ['--traders', '1500', '--seed', 'extend', '--scenario', scenario];
    const twelve = join(tempDir(), 'run');
    assert.equal((await cli(['simulate', ...base, '--weeks', '12', '--out', twelve])).code, 0);
    const six = join(tempDir(), 'run');
    assert.equal((await cli(['simulate', ...base, '--weeks', '6', '--out', six])).code, 0);
    const extended = await cli(['simulate', '--extend', six, '--weeks', '6', '--threads', '2']);
    assert.equal(extended.code, 0, extended.stderr);
    assert.deepEqual(hashes(six), hashes(twelve));
    assert.match(extended.stdout, /x 12 weeks/);
  });
}

test("a new run removes a killed run's leftovers and says so; a finished run asks for --force", async () => {
  const dir = join(tempDir(), 'run');
  const killed = await cli(['simulate', '--traders', '300', '--weeks', '2', '--out', dir], {
    MUSIKA_FAULT: 'kill-at-day:3',
  });
  assert.equal(killed.signal, 'SIGKILL');
  const again = await cli(['simulate', '--traders', '300', '--weeks', '2', '--out', dir]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /removed 5 leftover files of a killed run/);
  const twice = await cli(['simulate', '--traders', '300', '--weeks', '2', '--out', dir]);
  assert.equal(twice.code, 2);
  assert.match(twice.stderr, /holds a finished run: give --force/);
  assert.equal((await cli(['simulate', '--traders', '300', '--weeks', '2', '--out', dir, '--force'])).code, 0);
  const bad = await cli(['simulate', '--resume', dir]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /nothing to resume/);
});

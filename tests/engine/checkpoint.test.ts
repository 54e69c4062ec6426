/**
 * Runs that survive: a run killed with SIGKILL at any moment resumes from its last checkpoint, on
 * another thread count, to the bytes of an uninterrupted run; a finished run extended by N weeks
 * equals a run made that long from the start; a killed run's leftovers are removed by the next run.
 * What is tested runs through the musika program as a process; the uninterrupted runs it is compared
 * with are made by simulate() in this process, sparing a start-up each.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveScenario } from '../../engine/scenario-load.ts';
import { simulate } from '../../engine/simulate.ts';
import { cli } from '../helpers/cli.ts';
import { sha256File, tempDir } from '../helpers/run.ts';

const FILES = ['traders.csv', 'transactions.csv', 'prices.csv', 'market.csv', 'metrics.json'];

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(FILES.map((f) => [f, sha256File(join(dir, f))]));
}

// Six weeks from Monday 6 January, checkpointed every week: set-up and weeks 1-5 to die before,
// between and inside, and the 1 February payday (day 26) inside what a resume from week 1 or 2
// must replay. 600 traders: three shards on resume. The faults are deterministic points
// (engine/fault.ts), not timers. A run's cost is mostly per day (the market's hours, zones and
// products), so weeks, not traders, are what make this test slow; what could differ after a resume
// differs within days at any size: run with any one piece of the resumed state left unrestored
// (each of the seven mutable fields of the traders, the market's state, the metrics' accumulators),
// this test failed in 9 of 9 cases at 600 traders x 6 weeks, as at 600 x 12 checkpointed every 2
// weeks (measured 2026-11-30; the 2,000 x 12 it ran before cost 13.1 CPU-s, this 10.4).
const TRADERS = 600;
const WEEKS = 6;
const RUN = ['--traders', String(TRADERS), '--weeks', String(WEEKS), '--seed', 'survive', '--checkpoint-every', '1'];

test('a run killed with SIGKILL before, between and during checkpoints resumes to the same bytes on another thread count', async () => {
  const whole = join(tempDir(), 'run');
  await simulate(resolveScenario({ preset: 'personas', traders: TRADERS, weeks: WEEKS, seed: 'survive' }), whole);
  const expected = hashes(whole);
  // Day 5 is before the first periodic checkpoint (week 1), day 31 between weeks 4 and 5; the third
  // checkpoint written (set-up, week 1, week 2) is killed halfway through.
  const faults = [
    { fault: 'kill-at-day:5', threads: '2' },
    { fault: 'kill-at-day:31', threads: '3' },
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

for (const scenario of ['personas', 'uniform'] as const) {
  // From Monday 6 January, 3 weeks end on 26 January: the extension starts before the 1 February
  // payday and so carries budgets, memories, stock and prices across a month's turn.
  test(`${scenario}: 3 weeks extended by 3 equal 6 weeks, byte for byte`, async () => {
    const base = ['--traders', '400', '--seed', 'extend', '--scenario', scenario];
    const whole = join(tempDir(), 'run');
    await simulate(resolveScenario({ preset: scenario, traders: 400, weeks: 6, seed: 'extend' }), whole);
    const half = join(tempDir(), 'run');
    assert.equal((await cli(['simulate', ...base, '--weeks', '3', '--out', half])).code, 0);
    const extended = await cli(['simulate', '--extend', half, '--weeks', '3', '--threads', '2']);
    assert.equal(extended.code, 0, extended.stderr);
    assert.deepEqual(hashes(half), hashes(whole));
    assert.match(extended.stdout, /x 6 weeks/);
  });
}

test("a new run removes a killed run's leftovers and says so; a finished run asks for --force", async () => {
  const dir = join(tempDir(), 'run');
  // A week is enough: the run is killed on day 3, and what is left over does not depend on its size.
  const killed = await cli(['simulate', '--traders', '50', '--weeks', '1', '--out', dir], {
    MUSIKA_FAULT: 'kill-at-day:3',
  });
  assert.equal(killed.signal, 'SIGKILL');
  const again = await cli(['simulate', '--traders', '50', '--weeks', '1', '--out', dir]);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /removed 5 leftover files of a killed run/);
  const twice = await cli(['simulate', '--traders', '50', '--weeks', '1', '--out', dir]);
  assert.equal(twice.code, 2);
  assert.match(twice.stderr, /holds a finished run: give --force/);
  assert.equal((await cli(['simulate', '--traders', '50', '--weeks', '1', '--out', dir, '--force'])).code, 0);
  const bad = await cli(['simulate', '--resume', dir]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /nothing to resume/);
});

test('a run made before a scenario field existed is refused by name, not continued with the field unset', async () => {
  const dir = join(tempDir(), 'run');
  const made = await cli(['simulate', '--traders', '50', '--weeks', '1', '--seed', 'older', '--out', dir]);
  assert.equal(made.code, 0, made.stderr);
  // As an older musika wrote it: the same checkpoint without market.price.paceResponse (blanked,
  // so the header keeps its length).
  const path = join(dir, 'checkpoint.bin');
  const bytes = readFileSync(path);
  const field = /"paceResponse":[0-9.e+-]+,/.exec(bytes.toString('latin1'));
  assert.ok(field, 'the checkpoint records the field');
  bytes.fill(0x20, field.index, field.index + field[0].length);
  writeFileSync(path, bytes);
  for (const args of [
    ['--extend', dir, '--weeks', '1'],
    ['--resume', dir],
  ]) {
    const r = await cli(['simulate', ...args]);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /market\.price\.paceResponse: .*missing.*before this musika added that field/);
  }
});

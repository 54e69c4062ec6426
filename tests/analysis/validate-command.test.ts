/**
 * The `musika validate` command: one line per check, validation.json written, exit 0 when every
 * check passes and 1 when any fails; unusable input is a UsageError naming the problem, which the
 * program turns into exit 2 and one line on stderr.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECK_IDS } from '../../analysis/validation/validate-run.ts';
import { DEFAULT_THRESHOLDS } from '../../analysis/validation/thresholds.ts';
import { validateCommand } from '../../engine/commands/validate.ts';
import { UsageError } from '../../engine/errors.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/run.ts';
import { baseRun, copyRun, smallRun } from './validation-fixture.ts';

/** Runs validateCommand in this process, collecting its report (the test runner owns stdout). */
async function command(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await validateCommand(argv, (t) => (out += t));
  return { code, out };
}

test('command: one line per check, validation.json written, exit 0 when all pass and 1 when any fails', async () => {
  const dir = await baseRun();
  const ok = await command([dir]);
  assert.equal(ok.code, 0, ok.out);
  const lines = ok.out.trimEnd().split('\n');
  assert.equal(lines.filter((l) => /^(PASS|FAIL) {2}/.test(l)).length, 9, ok.out);
  assert.match(ok.out, /9 of 9 checks passed/);
  const json = JSON.parse(readFileSync(join(dir, 'validation.json'), 'utf8'));
  assert.deepEqual(Object.keys(json), ['checks', 'passed', 'failed', 'thresholds']);
  assert.deepEqual(
    json.checks.map((c: { id: string }) => c.id),
    [...CHECK_IDS],
  );
  for (const c of json.checks) assert.deepEqual(Object.keys(c), ['id', 'name', 'value', 'threshold', 'pass', 'detail']);
  assert.deepEqual(json.thresholds, DEFAULT_THRESHOLDS);

  // A threshold file that makes the weekly cycle impossible to meet: exit 1, the override recorded.
  const file = join(tempDir('musika-thresholds-'), 'strict.json');
  writeFileSync(file, JSON.stringify({ temporal: { minWeeklyAmplitude: 5 } }));
  const strict = await command([dir, '--thresholds', file]);
  assert.equal(strict.code, 1, strict.out);
  assert.match(strict.out, /^FAIL {2}Temporal patterns/m);
  assert.match(strict.out, /failed: temporal-patterns/);
  assert.equal(
    JSON.parse(readFileSync(join(dir, 'validation.json'), 'utf8')).thresholds.temporal.minWeeklyAmplitude,
    5,
  );
});

test('command: unusable input is a UsageError naming the problem', async () => {
  const empty = tempDir('musika-validate-empty-');
  await assert.rejects(command([]), (e: Error) => e instanceof UsageError && /needs a run directory/.test(e.message));
  await assert.rejects(command([join(empty, 'nope')]), /run directory ".*nope" does not exist/);
  await assert.rejects(command([empty]), /has no manifest.json/);
  const dir = await smallRun();
  const file = join(empty, 't.json');
  writeFileSync(file, JSON.stringify({ repeat: { minLoyalRate: 'high' } }));
  await assert.rejects(
    command([dir, '--thresholds', file]),
    (e: Error) =>
      e instanceof UsageError && /: repeat\.minLoyalRate: expected a number in \[0, 1\], got "high"$/.test(e.message),
  );
  writeFileSync(file, JSON.stringify({ repeat: { loyalty: 1 } }));
  await assert.rejects(
    command([dir, '--thresholds', file]),
    /: repeat\.loyalty: unknown key \(repeat has minSpearman, pairGap, /,
  );
  // A run directory with a manifest but a broken data file.
  const broken = copyRun(dir, { 'traders.csv': 'trader_id,persona\n0,x\n' });
  await assert.rejects(
    command([broken]),
    (e: Error) => e instanceof UsageError && /column join_week is missing/.test(e.message),
  );
});

test('musika validate: exit code 2 and one line on stderr for a bad thresholds file', async () => {
  const dir = await smallRun();
  const file = join(tempDir('musika-thresholds-'), 'bad.json');
  writeFileSync(file, '{"leakage": {"bins": "many"}}');
  // The musika program as a user runs it (engine/bin.mjs): the end-to-end test of this command.
  const r = await cli(['validate', dir, '--thresholds', file]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /: leakage\.bins: expected an integer in \[2, 10000\], got "many"\n$/);
});

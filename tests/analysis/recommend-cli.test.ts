/**
 * `musika recommend` from the command line. Bad input is run as a user runs it (a child process
 * from the project root: one line naming the flag and the value, exit code 2); the rest calls the
 * command in-process, since each child pays tsx's start-up.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { recommendCommand, recommendOptionsFrom } from '../../engine/commands/recommend.ts';
import { UsageError } from '../../engine/errors.ts';
import { tempDir } from '../helpers/run.ts';
import { cli } from '../helpers/cli.ts';
import { writeTinyRun } from './recommend-fixture.ts';

const usage =
  (flag: string, value: string) =>
  (e: Error): boolean =>
    e instanceof UsageError && e.message.includes(flag) && e.message.includes(value);

test('--test-weeks as long as the run: one line naming the flag and the value, exit code 2', async () => {
  const dir = writeTinyRun(join(tempDir('musika-rec-cli-'), 'run'));
  const r = await cli(['recommend', dir, '--k', '3', '--test-weeks', '3']);
  assert.equal(r.code, 2, r.stderr);
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 1, r.stderr);
  assert.ok(lines[0].includes('--test-weeks') && lines[0].includes('got 3'), lines[0]);
  assert.equal(r.stdout, '');
});

test('other bad input is a UsageError naming the flag and the value', async () => {
  const dir = writeTinyRun(join(tempDir('musika-rec-cli-'), 'run'));
  await assert.rejects(recommendCommand([dir, '--test-weeks', '1', '--k', '7']), usage('--k', '7'));
  await assert.rejects(
    recommendCommand([dir, '--test-weeks', '1', '--k', '3', '--segments', '50']),
    usage('--segments', '50'),
  );
  await assert.rejects(recommendCommand([dir, '--test-weeks', 'two']), usage('--test-weeks', 'two'));
  await assert.rejects(recommendCommand([join(dir, 'missing')]), usage('manifest.json', 'missing'));
  assert.throws(() => recommendOptionsFrom({ 'segment-features': 'prices' }), usage('--segment-features', 'prices'));
  assert.deepEqual(
    recommendOptionsFrom({ k: '5', 'test-weeks': '2', segments: '4', 'segment-features': 'behaviour' }),
    { k: 5, testWeeks: 2, segments: 4, segmentFeatures: 'behaviour' },
  );
});

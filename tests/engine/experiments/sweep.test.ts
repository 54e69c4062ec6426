/**
 * musika sweep end to end, small (200 traders x 2 weeks): rows equal single runs, the output is
 * byte-identical from one sweep to the next, a killed sweep resumes with its finished runs, a
 * failing run gives status and error and exit 1, and bad input exits 2 with one line naming it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sweepCommand } from '../../../engine/commands/sweep.ts';
import { ROOT, cli, type CliResult } from '../../helpers/cli.ts';
import { readCsv, tempDir } from '../../helpers/run.ts';

const SIZE = ['--traders', '200', '--weeks', '2'];
const PARAM = 'population.personas.bargain_hunter.share';
const SWEEP = ['sweep', '--param', PARAM, '--values', '0,0.3', '--seeds', '2', ...SIZE];
const quiet = { stdout: () => {}, stderr: () => {} };
const FAILING_WORKER = new URL('./fixtures/failing-run-worker.mjs', import.meta.url).href;

/** Runs a command in-process with its output collected (not the test process's stdout, which carries the test report). */
async function captured(
  run: (deps: { stdout: (s: string) => void; stderr: (s: string) => void }) => Promise<number>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run({
    stdout: (s) => {
      stdout += s;
    },
    stderr: (s) => {
      stderr += s;
    },
  });
  return { code, stdout, stderr };
}

const dir = tempDir('musika-sweep-');
const first = join(dir, 'first');
let firstRun: Promise<CliResult> | undefined;
const sweepOnce = () => (firstRun ??= cli([...SWEEP, '--out', first]));

test('sweep writes one row per (value, seed) and a row equals a single simulate with the same --set and seed', async (t) => {
  const r = await sweepOnce();
  assert.equal(r.code, 0, r.stderr);
  const csv = readCsv(join(first, 'sweep.csv'));
  assert.deepEqual(csv.header.slice(0, 4), ['value', 'seed', 'status', 'error']);
  assert.deepEqual(csv.header.slice(4), [...csv.header.slice(4)].sort(), 'metrics in sorted order');
  assert.deepEqual(
    csv.rows.map((row) => [row[0], row[1], row[2]]),
    [
      ['0', '42', 'ok'],
      ['0', '43', 'ok'],
      ['0.3', '42', 'ok'],
      ['0.3', '43', 'ok'],
    ],
  );
  assert.ok(existsSync(join(first, 'sweep.html')));
  assert.ok(!existsSync(join(first, 'runs')), 'no run directories without --keep-runs');

  const single = join(dir, 'single');
  const s = await cli(['simulate', ...SIZE, '--seed', '43', '--set', `${PARAM}=0.3`, '--out', single]);
  assert.equal(s.code, 0, s.stderr);
  const metricsFile = join(single, 'metrics.json');
  if (!existsSync(metricsFile)) {
    t.skip('simulate does not write metrics.json yet (the engine adds it)');
    return;
  }
  const metrics = JSON.parse(readFileSync(metricsFile, 'utf8')) as Record<string, number | null>;
  const row = csv.rows[3];
  assert.deepEqual(csv.header.slice(4), Object.keys(metrics).sort(), 'the same metrics');
  for (const [k, v] of Object.entries(metrics))
    assert.equal(row[csv.header.indexOf(k)], v === null ? '' : String(v), `${k} to the last digit`);
  assert.ok(Object.values(metrics).filter((v) => v !== null).length > 10, 'numbers compared');
});

test('a killed sweep re-run with the same arguments reuses its finished runs and gives the same bytes', async () => {
  const r = await sweepOnce();
  assert.equal(r.code, 0, r.stderr);
  const out = join(dir, 'killed');
  // One run at a time, so the kill lands between runs: after the first row is in the journal.
  const child = spawn(process.execPath, ['engine/bin.mjs', ...SWEEP, '--parallel', '1', '--out', out], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  const journal = join(out, 'journal');
  const killedWith = await new Promise<number>((resolve) => {
    const poll = setInterval(() => {
      const n = existsSync(journal) ? readdirSync(journal).filter((f) => f.endsWith('.json')).length : 0;
      if (n >= 1) {
        child.kill('SIGKILL');
        clearInterval(poll);
      }
    }, 5);
    child.on('exit', () => {
      clearInterval(poll);
      resolve(existsSync(journal) ? readdirSync(journal).filter((f) => f.endsWith('.json')).length : 0);
    });
  });
  assert.ok(killedWith >= 1 && killedWith < 4, `killed with ${killedWith} of 4 runs in the journal`);
  assert.ok(!existsSync(join(out, 'sweep.csv')), 'no sweep.csv from a killed sweep');
  assert.ok(existsSync(join(out, 'tmp')), 'unkept runs work under DIR/tmp');
  const resumed = await cli([...SWEEP, '--out', out]);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stdout, new RegExp(`4 runs \\(${killedWith} reused\\)`));
  assert.equal(
    readFileSync(join(out, 'sweep.csv'), 'utf8'),
    readFileSync(join(first, 'sweep.csv'), 'utf8'),
    'byte-identical to an uninterrupted sweep',
  );
  assert.ok(!existsSync(join(out, 'tmp')), "the killed run's half-written directory is gone");

  // All reused (in-process from here: no process start-up to pay); charting two metrics only, then
  // a name that is not a metric (sweep.csv kept), then other arguments on the same --out.
  const again = await captured((io) =>
    sweepCommand([...SWEEP.slice(1), '--out', out, '--metrics', 'price_index,stockout_rate'], io),
  );
  assert.match(again.stdout, /4 runs \(4 reused\)/);
  assert.ok(readFileSync(join(out, 'sweep.svg'), 'utf8').includes('stockout_rate'));
  await assert.rejects(
    sweepCommand([...SWEEP.slice(1), '--out', out, '--metrics', 'price_index,no_such_metric'], quiet),
    /^UsageError: --metrics names "no_such_metric", not a metric of these runs \(.*price_index.*\); sweep.csv is written$/,
  );
  await assert.rejects(
    sweepCommand([...SWEEP.slice(1).map((a) => (a === '0,0.3' ? '0,0.2' : a)), '--out', out], quiet),
    /^UsageError: --out .* holds an experiment with other arguments \(values was .*0\.3.*now .*0\.2.*\): re-run it with the same arguments to resume, or choose another --out$/,
  );
});

test('a failing run does not stop the sweep: status failed, its error, exit 1 naming it', async () => {
  const out = join(dir, 'failing');
  // One run at a time: npm test runs two files at once on two cores (the first sweep runs in parallel).
  const r = await captured((io) =>
    sweepCommand([...SWEEP.slice(1), '--parallel', '1', '--out', out], { workerEntry: FAILING_WORKER, ...io }),
  );
  assert.equal(r.code, 1);
  const csv = readCsv(join(out, 'sweep.csv'));
  const status = csv.rows.map((row) => `${row[0]}/${row[1]}:${row[2]}`);
  assert.deepEqual(status, ['0/42:ok', '0/43:failed', '0.3/42:ok', '0.3/43:failed']);
  const failed = csv.rows.filter((row) => row[2] === 'failed');
  for (const row of failed) {
    assert.equal(row[3], 'injected failure for seed 43', 'the error, one line');
    assert.ok(
      row.slice(4).every((c) => c === ''),
      'no metrics',
    );
  }
  assert.match(r.stderr, /2 runs failed: value=0,seed=43 \(injected failure for seed 43\); value=0\.3,seed=43/);
  // The failed runs are run again on a re-run; the finished ones are reused.
  const again = await captured((io) =>
    sweepCommand([...SWEEP.slice(1), '--parallel', '1', '--out', out], { workerEntry: FAILING_WORKER, ...io }),
  );
  assert.equal(again.code, 1);
  assert.match(again.stdout, /4 runs \(2 reused\)/);
});

test('bad --param, --values, --range and --set: exit 2, one line naming them', async () => {
  const out = join(dir, 'bad');
  const cases: [string[], string[]][] = [
    [
      ['--param', 'population.personas.bogus.share', '--values', '0.1'],
      ['--param population.personas.bogus.share', '"bogus"'],
    ],
    [
      ['--param', PARAM, '--values', '0.1,1.5'],
      ['--param population.personas.bargain_hunter.share', 'expected a number in [0, 1]', '1.5'],
    ],
    [
      ['--param', 'market.price.demandResponse', '--values', '0.1,abc'],
      ['--param market.price.demandResponse', 'expected a number', '"abc"'],
    ],
    [
      ['--param', 'market.price.demandResponse', '--values', '0.1,9'],
      ['--param market.price.demandResponse=9', 'market.price.demandResponse: expected a number in [0, 2], got 9'],
    ],
    [
      ['--param', PARAM, '--values', '0.1,,0.2'],
      ['--values', '0.1,,0.2'],
    ],
    [
      ['--param', PARAM, '--values', '0.1,0.1'],
      ['--values', 'twice'],
    ],
    [
      ['--param', PARAM, '--range', '0:0.4'],
      ['--range', 'FROM:TO:STEPS', '0:0.4'],
    ],
    [
      ['--param', PARAM, '--values', '0.1', '--range', '0:1:3'],
      ['--values', '--range'],
    ],
    [['--values', '0.1'], ['--param']],
    [
      ['--param', PARAM, '--values', '0.1', '--set', 'market.price.demandResponse=9'],
      ['--set market.price.demandResponse=9', 'market.price.demandResponse: expected a number in [0, 2], got 9'],
    ],
  ];
  for (const [args, mentions] of cases) {
    await assert.rejects(sweepCommand([...args, ...SIZE, '--out', out]), (e: Error) => {
      assert.equal(e.name, 'UsageError', `${args.join(' ')}: ${e.message}`);
      assert.ok(!e.message.includes('\n'), e.message);
      for (const m of mentions)
        assert.ok(e.message.includes(m), `${JSON.stringify(e.message)} names ${JSON.stringify(m)}`);
      return true;
    });
  }
  // And as a user sees it: exit 2 and one line on stderr.
  const r = await cli([
    'sweep',
    '--param',
    'population.personas.bogus.share',
    '--values',
    '0.1',
    ...SIZE,
    '--out',
    out,
  ]);
  assert.equal(r.code, 2);
  assert.equal(
    r.stderr,
    'musika: --param population.personas.bogus.share: unknown path at "bogus": population.personas has no element with id "bogus" (ids: bulk_wholesaler, small_retailer, frequent_individual, occasional_buyer, category_specialist, bargain_hunter)\n',
  );
  assert.ok(!existsSync(out), 'nothing written');
});

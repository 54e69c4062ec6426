/**
 * musika counterfactual and musika sensitivity, in-process and small (200 traders x 2 weeks):
 * their tables agree with their runs, failed runs are reported (Morris computes from the
 * trajectories it can use), and bad input is a one-line UsageError naming the field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { counterfactualCommand } from '../../../engine/commands/counterfactual.ts';
import { sensitivityCommand } from '../../../engine/commands/sensitivity.ts';
import { MECHANISMS } from '../../../engine/experiments/mechanisms.ts';
import { meanInterval } from '../../../engine/experiments/stats.ts';
import { readCsv, tempDir } from '../../helpers/run.ts';

// One run at a time (--parallel 1): npm test runs two test files at once on two cores, so a second
// pool thread would only add its start-up (about 0.6 CPU-s a pool). sweep.test's first sweep and the
// queue test's local sweep keep the default, so runs in parallel stay tested.
const SIZE = ['--traders', '200', '--weeks', '2', '--parallel', '1'];
const FAILING_WORKER = new URL('./fixtures/failing-run-worker.mjs', import.meta.url).href;
const dir = tempDir('musika-cf-');

async function captured(
  run: (io: { stdout: (s: string) => void; stderr: (s: string) => void }) => Promise<number>,
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

async function rejectsWith(p: Promise<unknown>, mentions: string[]): Promise<void> {
  await assert.rejects(p, (e: Error) => {
    assert.equal(e.name, 'UsageError', e.message);
    assert.ok(!e.message.includes('\n'), e.message);
    for (const m of mentions)
      assert.ok(e.message.includes(m), `${JSON.stringify(e.message)} names ${JSON.stringify(m)}`);
    return true;
  });
}

test('every mechanism is only scenario assignments', () => {
  for (const [name, m] of Object.entries(MECHANISMS))
    assert.ok(m.sets.length > 0 && m.sets.every((a) => typeof a.path === 'string' && a.path.includes('.')), name);
});

test('counterfactual: with, without, the paired difference and its interval, from the runs', async () => {
  const out = join(dir, 'cf');
  const r = await captured((io) =>
    counterfactualCommand(['--without', 'priceResponse,seasonality', '--seeds', '3', ...SIZE, '--out', out], io),
  );
  assert.equal(r.code, 0, r.stderr);
  const cf = readCsv(join(out, 'counterfactual.csv'));
  const runs = readCsv(join(out, 'runs.csv'));
  assert.deepEqual(cf.header, ['metric', 'with', 'without', 'difference', 'ci_low', 'ci_high', 'pairs']);
  assert.deepEqual(
    runs.rows.map((x) => `${x[0]}/${x[1]}/${x[2]}`),
    ['with/42/ok', 'without/42/ok', 'with/43/ok', 'without/43/ok', 'with/44/ok', 'without/44/ok'],
  );
  assert.deepEqual(
    cf.rows.map((x) => x[0]),
    runs.header.slice(4),
  );
  for (const row of cf.rows) {
    const k = runs.header.indexOf(row[0]);
    const w = runs.rows.filter((x) => x[0] === 'with').map((x) => Number(x[k]));
    const wo = runs.rows.filter((x) => x[0] === 'without').map((x) => Number(x[k]));
    const ci = meanInterval(w.map((v, i) => v - wo[i]));
    assert.equal(Number(row[1]), meanInterval(w).mean, row[0]);
    assert.equal(Number(row[2]), meanInterval(wo).mean, row[0]);
    assert.equal(Number(row[3]), ci.mean, row[0]);
    assert.equal(row[4], String(ci.low));
    assert.equal(row[6], '3');
  }
  await rejectsWith(counterfactualCommand(['--without', 'priceResponse,bogus', ...SIZE, '--out', out]), [
    '--without',
    '"bogus"',
    'priceResponse, stock',
  ]);
  await rejectsWith(counterfactualCommand(['--without', 'seasonality,seasonality', ...SIZE, '--out', out]), [
    '--without',
    '"seasonality" twice',
  ]);
  await rejectsWith(counterfactualCommand([...SIZE, '--out', out]), ['--without']);
});

const PARAMS = {
  parameters: [
    { path: 'population.personas.bargain_hunter.share', min: 0, max: 0.4 },
    { path: 'market.price.demandResponse', min: 0, max: 0.2 },
  ],
};

/**
 * Trajectories of the Morris design: one of the three passes through demandResponse's maximum,
 * where the failing worker fails (the test asks for some but not all to be left out), and each
 * trajectory is 3 runs.
 */
const TRAJECTORIES = 3;

function paramsFile(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

test('sensitivity: one row per (param, metric); trajectories with failed runs are left out and counted, exit 1', async () => {
  const file = paramsFile('params.json', PARAMS);
  const out = join(dir, 'morris');
  const r = await captured((io) =>
    sensitivityCommand(['--params', file, '--trajectories', String(TRAJECTORIES), ...SIZE, '--out', out], io),
  );
  assert.equal(r.code, 0, r.stderr);
  const csv = readCsv(join(out, 'sensitivity.csv'));
  assert.deepEqual(csv.header, ['param', 'metric', 'mu_star', 'sigma', 'mu', 'trajectories_used']);
  const runs = readCsv(join(out, 'runs.csv'));
  const metrics = runs.header.slice(5);
  assert.equal(csv.rows.length, 2 * metrics.length);
  // A metric a run could not take (e.g. bargain hunters' prices with none of them) leaves that
  // trajectory out for that metric only.
  for (const x of csv.rows) {
    const k = runs.header.indexOf(x[1]);
    const missing = new Set(runs.rows.filter((r) => r[k] === '').map((r) => r[0]));
    assert.equal(x[5], String(TRAJECTORIES - missing.size), `${x[0]} on ${x[1]}`);
    if (missing.size < TRAJECTORIES) assert.ok(Number(x[2]) >= 0);
  }
  assert.ok(csv.rows.some((x) => x[5] === String(TRAJECTORIES)));

  // The failing worker fails every run with demandResponse at its max (exactly 0.2): the trajectories
  // through it are left out, the others used.
  const outF = join(dir, 'morris-failing');
  const f = await captured((io) =>
    sensitivityCommand(['--params', file, '--trajectories', String(TRAJECTORIES), ...SIZE, '--out', outF], {
      workerEntry: FAILING_WORKER,
      ...io,
    }),
  );
  assert.equal(f.code, 1);
  const runsF = readCsv(join(outF, 'runs.csv'));
  const badTrajectories = new Set(runsF.rows.filter((x) => x[3] === 'failed').map((x) => x[0]));
  assert.ok(
    badTrajectories.size > 0 && badTrajectories.size < TRAJECTORIES,
    `${badTrajectories.size} trajectories with a failed run`,
  );
  const csvF = readCsv(join(outF, 'sensitivity.csv'));
  for (const x of csvF.rows) {
    const k = runsF.header.indexOf(x[1]);
    const missing = new Set(runsF.rows.filter((r) => r[3] === 'failed' || r[k] === '').map((r) => r[0]));
    assert.equal(x[5], String(TRAJECTORIES - missing.size), `${x[0]} on ${x[1]}`);
  }
  assert.match(f.stderr, /runs? failed: .*injected failure for demandResponse 0\.2/);
});

test('sensitivity: a bad params file or flag is a one-line error naming the field', async () => {
  const out = join(dir, 'bad');
  const cases: [unknown, string[]][] = [
    ['{"parameters": [', ['not valid JSON']],
    [{ params: [] }, [': params: unknown key (the file has parameters)']],
    [{ parameters: [] }, [': parameters: expected a non-empty array of {path, min, max}, got []']],
    [
      { parameters: [{ path: 'market.price.demandResponse', min: 0 }] },
      [': parameters.0.max: expected a number, got nothing (it is missing)'],
    ],
    [
      { parameters: [{ path: 'market.price.demandResponse', min: 0.2, max: 0.1 }] },
      [': parameters.0.max: expected a number greater than min (0.2), got 0.1'],
    ],
    [
      { parameters: [{ path: 'market.price.demandResponse', min: 'a', max: 0.1 }] },
      [': parameters.0.min: expected a number, got "a"'],
    ],
    [{ parameters: [{ path: 'market.price.bogus', min: 0, max: 1 }] }, ['parameters[0].path', '"bogus"']],
    [
      { parameters: [PARAMS.parameters[0], { path: 'population.personas.bargain_hunter.share', min: 0, max: 1.5 }] },
      [': parameters.1.path: expected each path listed once, got "population.personas.bargain_hunter.share"'],
    ],
    [
      { parameters: [{ path: 'population.personas.bargain_hunter.share', min: 0, max: 1.5 }] },
      ['parameters[0].max', 'expected a number in [0, 1]', '1.5'],
    ],
    [
      { parameters: [{ path: 'market.price.demandResponse', min: 0, max: 5 }] },
      ['parameters[0].max', 'market.price.demandResponse: expected a number in [0, 2], got 5', '5'],
    ],
    [
      { parameters: [{ path: 'market.price.demandResponse', min: 0, max: 1, step: 2 }] },
      [': parameters.0.step: unknown key (parameters.0 has path, min, max)'],
    ],
  ];
  for (const [i, [content, mentions]] of cases.entries()) {
    const file = paramsFile(`bad-${i}.json`, content);
    await rejectsWith(sensitivityCommand(['--params', file, ...SIZE, '--out', out]), ['--params', file, ...mentions]);
  }
  const good = paramsFile('good.json', PARAMS);
  await rejectsWith(sensitivityCommand(['--params', join(dir, 'missing.json'), ...SIZE, '--out', out]), [
    '--params',
    'missing.json',
    'ENOENT',
  ]);
  await rejectsWith(sensitivityCommand(['--params', good, '--levels', '3', ...SIZE, '--out', out]), ['--levels', '3']);
  await rejectsWith(sensitivityCommand(['--params', good, '--method', 'sobol', ...SIZE, '--out', out]), [
    '--method',
    '"sobol"',
  ]);
  await rejectsWith(sensitivityCommand(['--params', good, '--trajectories', '0', ...SIZE, '--out', out]), [
    '--trajectories',
    '0',
  ]);
});

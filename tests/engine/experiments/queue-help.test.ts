/** Help text: `musika worker --help` names every flag it takes, and each experiment's help names --queue and --attempts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COUNTERFACTUAL_HELP } from '../../../engine/commands/counterfactual.ts';
import { SENSITIVITY_HELP } from '../../../engine/commands/sensitivity.ts';
import { SWEEP_HELP } from '../../../engine/commands/sweep.ts';
import { WORKER_HELP, workerOptions } from '../../../engine/commands/worker.ts';
import { cli } from '../../helpers/cli.ts';

test('musika worker --help exits 0 and names every flag; musika --help lists the worker', async () => {
  for (const flag of Object.keys(workerOptions))
    assert.ok(WORKER_HELP.includes(`--${flag}`), `worker help names --${flag}`);
  const [w, top] = await Promise.all([cli(['worker', '--help']), cli(['--help'])]);
  assert.equal(w.code, 0);
  assert.equal(w.stdout, WORKER_HELP);
  assert.match(top.stdout, /\n {2}worker {10}take the runs an experiment queued with --queue/);
});

test('sweep, counterfactual and sensitivity help name --queue and --attempts', () => {
  for (const help of [SWEEP_HELP, COUNTERFACTUAL_HELP, SENSITIVITY_HELP]) {
    assert.match(help, /--queue redis:\/\/HOST:PORT\[\/DB\]/);
    assert.match(help, /--attempts N/);
  }
});

test('musika worker without --queue: exit 2, one line', async () => {
  const r = await cli(['worker']);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, 'musika: --queue redis://HOST:PORT[/DB] is required\n');
});

/**
 * Scenario paths (`--set PATH=VALUE`): ids address list elements, indexes and `*` too; a persona's
 * share rescales the others to sum 1; a bad path or value is a one-line UsageError naming both.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UsageError } from '../../../engine/errors.ts';
import { resolveScenario } from '../../../engine/scenario-load.ts';
import { applyAssignment, getPath, parseAssignment } from '../../../engine/scenario-paths.ts';
import { personasScenario } from '../../../engine/scenario-presets.ts';
import { cli } from '../../helpers/cli.ts';
import { tempDir } from '../../helpers/run.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

function rejects(fn: () => unknown, mentions: string[]): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof UsageError, `expected a UsageError, got ${String(e)}`);
    assert.ok(!e.message.includes('\n'), `one line: ${e.message}`);
    for (const m of mentions)
      assert.ok(e.message.includes(m), `${JSON.stringify(e.message)} names ${JSON.stringify(m)}`);
    return true;
  });
}

const set = (...args: string[]) => resolveScenario({ preset: 'personas', sets: args.map((a) => parseAssignment(a)) });

test('parseAssignment reads JSON values, else strings', () => {
  assert.deepEqual(parseAssignment('a.b=0.25'), { path: 'a.b', value: 0.25 });
  assert.deepEqual(parseAssignment('a.b=false'), { path: 'a.b', value: false });
  assert.deepEqual(parseAssignment('a.b=daily'), { path: 'a.b', value: 'daily' });
  assert.deepEqual(parseAssignment('a.b=[1,2]'), { path: 'a.b', value: [1, 2] });
  assert.deepEqual(parseAssignment('a.b=x=y'), { path: 'a.b', value: 'x=y' });
  rejects(() => parseAssignment('a.b'), ['--set', 'PATH=VALUE', 'a.b']);
});

test('paths address fields, list elements by id, by index and with *', () => {
  const s = set(
    'market.price.demandResponse=0',
    'market.zones.mbare.priceLevel=1.1',
    'calendar.weekly.6=0.6',
    'population.personas.*.repeat=0.5',
    'population.budget.cycle=daily',
    'population.lifecycle.enabled=false',
  );
  assert.equal(s.market.price.demandResponse, 0);
  assert.equal(s.market.zones.find((z) => z.id === 'mbare')!.priceLevel, 1.1);
  assert.equal(s.calendar.weekly[6], 0.6);
  assert.ok(s.population.personas.every((p) => p.repeat === 0.5));
  assert.equal(s.population.budget.cycle, 'daily');
  assert.equal(s.population.lifecycle.enabled, false);
  assert.equal(getPath(s, 'population.personas.bargain_hunter.repeat'), 0.5);
});

test('setting one persona share rescales the others in proportion to sum 1', () => {
  const base = personasScenario().population.personas;
  for (const x of [0, 0.01, 0.3, 0.4, 0.999, 1]) {
    const p = set(`population.personas.bargain_hunter.share=${x}`).population.personas;
    const total = p.reduce((a, q) => a + q.share, 0);
    assert.ok(Math.abs(total - 1) < 1e-9, `sum ${total} at ${x}`);
    assert.equal(p[5].share, x);
    // The others keep their ratios to each other.
    if (x < 1)
      for (let i = 1; i < 5; i++) assert.ok(Math.abs(p[i].share / p[0].share - base[i].share / base[0].share) < 1e-9);
  }
  // Zones too: their shares sum to 1 as well.
  const z = set('market.zones.cbd.share=0.5').market.zones;
  assert.ok(Math.abs(z.reduce((a, q) => a + q.share, 0) - 1) < 1e-9);
});

test('a bad path or value is one line naming the path and the value', () => {
  rejects(
    () => set('population.personas.bargain_hunter.share=1.5'),
    ['--set population.personas.bargain_hunter.share', 'expected a number in [0, 1]', '1.5'],
  );
  rejects(
    () => set('population.personas.bogus.share=0.1'),
    ['--set population.personas.bogus.share', 'unknown path at "bogus"', 'bargain_hunter'],
  );
  rejects(() => set('market.pryce.demandResponse=0'), ['market.pryce.demandResponse', '"pryce"']);
  rejects(() => set('market.price.demandResponse=abc'), ['market.price.demandResponse', 'expected a number', '"abc"']);
  rejects(() => set('population.lifecycle.enabled=1'), ['population.lifecycle.enabled', 'true or false', '1']);
  rejects(
    () => set('population.personas.bargain_hunter.repeat=1.2'),
    [
      '--set population.personas.bargain_hunter.repeat=1.2',
      'population.personas.bargain_hunter.repeat: expected a number in [0.001, 0.999], got 1.2',
    ],
  );
  rejects(() => set('population.budget.cycle=weekly'), ['--set population.budget.cycle=weekly', '"weekly"']);
  rejects(() => set('calendar.weekly.7=1'), ['calendar.weekly.7', '"7"']);
  rejects(() => set('market.price.demandResponse.x=1'), ['market.price.demandResponse.x', '"x"']);
  rejects(() => set('name=uniform'), ['name']);
  rejects(() => set('population=1'), ['population']);
  rejects(() => applyAssignment(personasScenario(), { path: 'a..b', value: 1 }), ['a..b']);
});

test('simulate and compare: a bad --set exits 2 with one line naming it, before any run', async () => {
  const out = join(tempDir('musika-set-'), 'run');
  const [sim, cmp] = await Promise.all([
    cli([
      'simulate',
      '--traders',
      '100',
      '--weeks',
      '1',
      '--set',
      'population.personas.bargain_hunter.share=1.5',
      '--out',
      out,
    ]),
    cli(['compare', '--traders', '100', '--weeks', '1', '--set', 'market.zones.nowhere.priceLevel=1', '--out', out]),
  ]);
  assert.equal(sim.code, 2);
  assert.equal(
    sim.stderr,
    'musika: --set population.personas.bargain_hunter.share=1.5: population.personas.bargain_hunter.share: expected a number in [0, 1], got 1.5\n',
  );
  assert.equal(cmp.code, 2);
  assert.match(
    cmp.stderr,
    /^musika: --set market\.zones\.nowhere\.priceLevel: unknown path at "nowhere": market\.zones has no element with id "nowhere" \(ids: mbare, .*\)\n$/,
  );
  assert.ok(!existsSync(out));
});

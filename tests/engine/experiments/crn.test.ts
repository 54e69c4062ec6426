/**
 * Common random numbers: runs that differ only in a parameter share every random stream the
 * parameter does not touch, because streams are keyed by (seed, entity, day), not drawn in sequence.
 * - An unchanged parameter (set to its own value through a path) gives byte-identical output.
 * - A market parameter leaves the population (traders.csv) byte-identical.
 * - A changed persona share relabels only traders who move to or from that persona (personas are
 *   drawn by an exponential race, agents/spawn.ts): N x |change of share| in expectation, the least
 *   possible; every other trader is drawn exactly as before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runId } from '../../../engine/experiments/plan.ts';
import type { Manifest } from '../../../engine/manifest.ts';
import { rootKey } from '../../../engine/random.ts';
import { resolveScenario } from '../../../engine/scenario-load.ts';
import { getPath, parseAssignment } from '../../../engine/scenario-paths.ts';
import { personasScenario } from '../../../engine/scenario-presets.ts';
import { simulate, spawnPopulation } from '../../../engine/simulate.ts';
import { tempDir } from '../../helpers/run.ts';

const dir = tempDir('musika-crn-');
const scenario = (sets: string[], traders = 200) =>
  resolveScenario({ preset: 'personas', traders, weeks: 2, seed: '42', sets: sets.map((s) => parseAssignment(s)) });

async function hashes(name: string, sets: string[]): Promise<Record<string, string>> {
  const out = join(dir, name);
  await simulate(scenario(sets), out, { threads: 1 });
  const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
  return Object.fromEntries(Object.entries(m.files).map(([f, r]) => [f, r.sha256]));
}

test('an unchanged parameter gives identical outputs; a market parameter leaves the population identical', async () => {
  const base = await hashes('base', []);
  // Each set to its own (the preset's) value: the share through the rescaling of the others.
  const p = personasScenario();
  const own = [
    `population.personas.bargain_hunter.share=${getPath(p, 'population.personas.bargain_hunter.share')}`,
    `market.price.demandResponse=${getPath(p, 'market.price.demandResponse')}`,
  ];
  const same = await hashes('same', own);
  assert.deepEqual(same, base, 'every file byte-identical');
  assert.equal(runId(scenario(own)), runId(scenario([])), 'the same run');
  const market = await hashes('market', ['market.price.demandResponse=0']);
  assert.equal(market['traders.csv'], base['traders.csv'], 'the same traders');
  assert.notEqual(market['prices.csv'], base['prices.csv'], 'the parameter does change the market');
});

test('a changed persona share relabels only traders moving to or from that persona, the least possible', (t) => {
  const N = 20_000;
  const before = spawnPopulation(scenario([], N), rootKey('42'));
  const ids = scenario([], N).population.personas.map((p) => p.id);
  const bargain = ids.indexOf('bargain_hunter');
  for (const x of [0.1, 0.3]) {
    const s = scenario([`population.personas.bargain_hunter.share=${x}`], N);
    const after = spawnPopulation(s, rootKey('42'));
    let relabeled = 0;
    for (let i = 0; i < N; i++) {
      assert.equal(after.zone[i], before.zone[i], 'the zone draw never moves');
      if (after.persona[i] !== before.persona[i]) {
        relabeled++;
        assert.ok(
          after.persona[i] === bargain || before.persona[i] === bargain,
          `trader ${i} moved between two other personas`,
        );
      } else {
        assert.equal(after.budget[i], before.budget[i], `trader ${i}: same persona, same draws`);
        assert.equal(after.joinDay[i], before.joinDay[i]);
      }
    }
    // Each trader moves with probability |x - 0.08| (binomial): four standard deviations either side.
    const least = Math.abs(x - 0.08) * N;
    const sd = Math.sqrt(least * (1 - Math.abs(x - 0.08)));
    t.diagnostic(
      `bargain_hunter share 0.08 -> ${x}: ${relabeled} of ${N} traders relabeled (${((100 * relabeled) / N).toFixed(1)}%); least possible ${Math.round(least)}`,
    );
    assert.ok(Math.abs(relabeled - least) <= 4 * sd, `${relabeled} relabeled, ${least} expected (sd ${sd.toFixed(1)})`);
  }
});

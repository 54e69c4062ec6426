/**
 * Common random numbers: runs that differ only in a parameter share every random stream the
 * parameter does not touch, because streams are keyed by (seed, entity, day), not drawn in sequence.
 * - An unchanged parameter (set to its own value through a path) gives byte-identical output.
 * - A market parameter leaves the population (traders.csv) byte-identical.
 * - A changed persona share relabels only the traders whose persona draw (their first uniform, against
 *   the cumulative shares) crosses a moved boundary: at most N x sum_k |C_k - C'_k| in expectation,
 *   where C are the cumulative shares; every other trader is drawn exactly as before.
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

test('a changed persona share relabels few traders, within the bound from the moved cumulative shares', (t) => {
  const N = 20_000;
  const before = spawnPopulation(scenario([], N), rootKey('42'));
  const shares0 = scenario([], N).population.personas.map((p) => p.share);
  for (const x of [0.1, 0.3]) {
    const s = scenario([`population.personas.bargain_hunter.share=${x}`], N);
    const after = spawnPopulation(s, rootKey('42'));
    const shares1 = s.population.personas.map((p) => p.share);
    let c0 = 0;
    let c1 = 0;
    let moved = 0;
    for (let k = 0; k < shares0.length - 1; k++) {
      c0 += shares0[k];
      c1 += shares1[k];
      moved += Math.abs(c1 - c0);
    }
    let relabeled = 0;
    for (let i = 0; i < N; i++) {
      assert.equal(after.zone[i], before.zone[i], 'the zone draw never moves');
      if (after.persona[i] !== before.persona[i]) {
        relabeled++;
      } else {
        assert.equal(after.budget[i], before.budget[i], `trader ${i}: same persona, same draws`);
        assert.equal(after.joinDay[i], before.joinDay[i]);
      }
    }
    // The bound's expectation plus four binomial standard deviations.
    const bound = N * Math.min(1, moved) + 4 * Math.sqrt(N * Math.min(1, moved));
    const least = Math.abs(x - 0.08) * N;
    t.diagnostic(
      `bargain_hunter share 0.08 -> ${x}: ${relabeled} of ${N} traders relabeled (${((100 * relabeled) / N).toFixed(1)}%); bound ${Math.round(bound)}, least possible ${Math.round(least)}`,
    );
    assert.ok(relabeled <= bound, `${relabeled} <= ${bound}`);
    assert.ok(relabeled >= least - 4 * Math.sqrt(least), 'at least the traders the share change must move');
  }
});

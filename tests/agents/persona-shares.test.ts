/**
 * Checklist item 1: the persona distribution matches the configured shares (and zones theirs).
 *
 * Spawn only (no market days), so 20,000 traders cost a few milliseconds. Each trader draws its
 * persona and its zone independently from its own stream, so the count of persona k among n
 * traders is Binomial(n, p_k): mean n p_k, standard deviation sqrt(n p_k (1 - p_k)). The observed
 * share therefore has standard deviation sigma = sqrt(p (1 - p) / n), and we accept
 * |observed - p| <= 4 sigma. For one check that fails by chance with probability about 6e-5
 * (two-sided normal tail at 4 sigma), so across the 13 share checks of a seed about 1e-3; the
 * seeds are fixed, so the outcome is deterministic anyway. At n = 20,000 and p = 0.08 the band
 * is +-0.0077, tight enough to catch a swapped or mis-normalised share.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveScenario } from '../../engine/scenario-load.ts';
import { spawnPopulation } from '../../engine/simulate.ts';
import { rootKey } from '../../engine/random.ts';
import type { Scenario } from '../../engine/scenario.ts';
import type { TraderTable } from '../../agents/trader-table.ts';

const N = 20_000;

function spawn(
  preset: 'personas' | 'uniform' | 'distinct',
  seed: string,
  traders = N,
): { s: Scenario; t: TraderTable } {
  const s = resolveScenario({ preset, traders, weeks: 26, seed });
  return { s, t: spawnPopulation(s, rootKey(seed)) };
}

function counts(values: Uint8Array, n: number, k: number): number[] {
  const c = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) c[values[i]]++;
  return c;
}

function assertShares(label: string, observed: number[], expected: number[], n: number): void {
  assert.equal(
    observed.reduce((a, b) => a + b, 0),
    n,
    `${label}: every trader counted once`,
  );
  expected.forEach((p, k) => {
    const share = observed[k] / n;
    const tolerance = 4 * Math.sqrt((p * (1 - p)) / n);
    assert.ok(
      Math.abs(share - p) <= tolerance,
      `${label}[${k}]: observed share ${share.toFixed(4)}, configured ${p}, tolerance 4 sigma = ${tolerance.toFixed(4)}`,
    );
  });
}

for (const preset of ['personas', 'uniform', 'distinct'] as const) {
  test(`${preset}: persona shares within 4 binomial sigmas at n = ${N}`, () => {
    for (const seed of ['1', 'shares']) {
      const { s, t } = spawn(preset, seed);
      const shares = s.population.personas.map((p) => p.share);
      assertShares(`${preset}/${seed} persona`, counts(t.persona, N, shares.length), shares, N);
    }
  });
}

test(`personas: zone shares within 4 binomial sigmas at n = ${N}`, () => {
  for (const seed of ['1', 'shares']) {
    const { s, t } = spawn('personas', seed);
    const shares = s.market.zones.map((z) => z.share);
    assertShares(`zone/${seed}`, counts(t.zone, N, shares.length), shares, N);
  }
});

test('persona and zone are drawn independently (chi-square on the contingency table)', () => {
  // Under independence the Pearson statistic is chi-square with (6 - 1) x (7 - 1) = 30 degrees of
  // freedom: mean 30, sd sqrt(60) = 7.7. Its 99.99th percentile is about 68 (Wilson-Hilferty); a persona-dependent
  // zone draw at this n would give hundreds.
  const { s, t } = spawn('personas', 'independence');
  const P = s.population.personas.length;
  const Z = s.market.zones.length;
  const table = Array.from({ length: P }, () => new Array<number>(Z).fill(0));
  for (let i = 0; i < N; i++) table[t.persona[i]][t.zone[i]]++;
  const rows = table.map((r) => r.reduce((a, b) => a + b, 0));
  const cols = Array.from({ length: Z }, (_, z) => table.reduce((a, r) => a + r[z], 0));
  let chi2 = 0;
  for (let p = 0; p < P; p++) {
    for (let z = 0; z < Z; z++) {
      const e = (rows[p] * cols[z]) / N;
      chi2 += (table[p][z] - e) ** 2 / e;
    }
  }
  assert.ok(chi2 < 68, `chi-square ${chi2.toFixed(1)} with 30 degrees of freedom`);
});

test('changing the configured shares moves the observed shares', () => {
  // Guards against a spawn that ignores the configuration: swap the two largest shares.
  const s = resolveScenario({ preset: 'personas', traders: N, weeks: 26, seed: 'swap' });
  const personas = s.population.personas;
  [personas[1].share, personas[5].share] = [personas[5].share, personas[1].share];
  const t = spawnPopulation(s, rootKey('swap'));
  assertShares(
    'swapped persona',
    counts(t.persona, N, personas.length),
    personas.map((p) => p.share),
    N,
  );
});

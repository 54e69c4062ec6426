/**
 * Each check fails when the mechanism behind it is broken, one at a time, through the scenario
 * (built with resolveScenario, then mutated in code): the mutated run fails exactly its own check,
 * where the unmutated run of the same size and seed passes them all (validation-fixture.ts). With
 * every persona mechanism off at once (the uniform scenario) exactly the checks of persona
 * structure, correlations and dynamics fail, while what the data must always be (shares as
 * configured, nothing leaked) still holds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Scenario } from '../../engine/scenario.ts';
import { MUTATED, base, check, failing, mutated, table, validated } from './validation-fixture.ts';

test("the unmutated run passes every check, so each failure below is the mutation's", async () => {
  const { result } = await base();
  assert.deepEqual(failing(result), [], table(result));
});

test('uniform scenario: exactly the checks of persona structure, correlations and dynamics fail', async () => {
  const { result } = await validated('uniform', 'uniform', MUTATED.traders, MUTATED.weeks, MUTATED.seed);
  // Persona shares are still drawn as configured (only behaviour ignores them) and nothing leaks,
  // so those two pass; everything the personas, lifecycle and cycles create is gone.
  assert.deepEqual(
    failing(result),
    [
      'feature-correlations',
      'temporal-patterns',
      'category-specialisation',
      'price-sensitivity',
      'repeat-purchases',
      'lifecycle',
      'realistic-distributions',
    ],
    table(result),
  );
  assert.match(check(result, 'lifecycle').detail, /^no data/);
});

const MECHANISMS: { key: string; what: string; fails: string; mutate: (s: Scenario) => void }[] = [
  {
    key: 'temporal',
    what: 'no weekly cycle, no monthly cycle, budget accruing daily, no price seasons',
    fails: 'temporal-patterns',
    mutate: (s) => {
      s.market.price.seasonality = 0;
      s.calendar.weekly = [1, 1, 1, 1, 1, 1, 1];
      s.calendar.monthlyAmplitude = 0;
      s.population.budget.cycle = 'daily';
    },
  },
  {
    key: 'no-ramp',
    what: 'newcomers still join over time but start at full activity (rampStart 1)',
    fails: 'lifecycle',
    mutate: (s) => {
      s.population.lifecycle.rampStart = 1;
    },
  },
  {
    key: 'lifecycle-off',
    what: 'lifecycle disabled: everyone trading from the start, so no newcomer to observe ("no data")',
    fails: 'lifecycle',
    mutate: (s) => {
      s.population.lifecycle.enabled = false;
    },
  },
  {
    key: 'price',
    what: "every persona's price sensitivity 0",
    fails: 'price-sensitivity',
    mutate: (s) => {
      for (const p of s.population.personas) p.priceSensitivity = 0;
    },
  },
  {
    key: 'repeat',
    what: "every persona's repeat probability 0.6",
    fails: 'repeat-purchases',
    mutate: (s) => {
      for (const p of s.population.personas) p.repeat = 0.6;
    },
  },
  {
    key: 'categories',
    what: 'every persona shops 4-7 evenly weighted categories',
    fails: 'category-specialisation',
    mutate: (s) => {
      for (const p of s.population.personas) {
        p.categoryCount = [4, 7];
        p.categoryFocus = 1;
        p.offPreference = 0.1;
      }
    },
  },
  {
    key: 'activity',
    what: 'every persona at activity 1, no individual activity factor, no power users: budget no longer follows activity',
    fails: 'feature-correlations',
    mutate: (s) => {
      for (const p of s.population.personas) p.activity = 1;
      s.population.variation.activitySigma = 0;
      s.population.edgeCases.powerUserShare = 0;
    },
  },
];

for (const m of MECHANISMS) {
  test(`breaking one mechanism (${m.what}) fails exactly ${m.fails}`, async () => {
    const before = await base();
    const { result } = await mutated(m.key, m.mutate);
    assert.equal(check(before.result, m.fails).pass, true);
    assert.deepEqual(failing(result), [m.fails], table(result));
  });
}

// The run is 300 traders: a 16-week run cannot observe a newcomer for 16 weeks at any size.
test('the lifecycle check fails on a run too short to observe any newcomer for 16 weeks', async () => {
  const { result } = await validated('short', 'personas', 300, 16, 'validate-short');
  const c = check(result, 'lifecycle');
  assert.equal(c.pass, false);
  assert.equal(c.value.traders, 0);
  assert.match(c.detail, /^no data: .*a 16-week run cannot observe any/);
});

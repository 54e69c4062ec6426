/**
 * Scenarios: the presets, the JSON overlay and validation. Every rejected input must be a
 * UsageError whose message names the field (as a dotted path) and the offending value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../engine/errors.ts';
import { overlay, resolveScenario, validateScenario } from '../../engine/scenario-load.ts';
import { distinctScenario, personasScenario, presetScenario, uniformScenario } from '../../engine/scenario-presets.ts';
import { SCENARIO_NAMES, type Scenario } from '../../engine/scenario.ts';
import { DEFAULT_PERSONAS } from '../../agents/index.ts';
import { tempDir } from '../helpers/run.ts';

/** Asserts that fn throws a one-line UsageError mentioning every string in `mentions`. */
function rejects(fn: () => unknown, mentions: string[], label = mentions.join(' ')): void {
  assert.throws(
    fn,
    (e: unknown) => {
      assert.ok(e instanceof UsageError, `${label}: expected a UsageError, got ${String(e)}`);
      assert.ok(!e.message.includes('\n'), `${label}: message is one line: ${JSON.stringify(e.message)}`);
      for (const m of mentions)
        assert.ok(e.message.includes(m), `${label}: message ${JSON.stringify(e.message)} names ${JSON.stringify(m)}`);
      return true;
    },
    label,
  );
}

function asRecord(s: Scenario): Record<string, unknown> {
  return s as unknown as Record<string, unknown>;
}

/** A preset with one change, then validated. */
function invalid(edit: (s: Scenario) => void, mentions: string[]): void {
  const s = personasScenario();
  edit(s);
  rejects(() => validateScenario(s), mentions);
}

function configFile(content: unknown): string {
  const path = join(tempDir('musika-config-'), 'config.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

// ------------------------------------------------------------------------------------ presets

test('every preset validates and carries its own name', () => {
  for (const name of SCENARIO_NAMES) {
    const s = presetScenario(name);
    assert.equal(s.name, name);
    assert.doesNotThrow(() => validateScenario(s), name);
    assert.doesNotThrow(() => resolveScenario({ preset: name }), name);
  }
});

test('the uniform preset is the brief\'s "before": no lifecycle, no seasons, one distribution', () => {
  const u = uniformScenario();
  assert.equal(u.population.lifecycle.enabled, false);
  assert.equal(u.market.price.seasonality, 0);
  assert.equal(u.population.mode, 'uniform');
  // Same market and persona table as the default, so only behaviour differs.
  const p = personasScenario();
  assert.deepEqual(u.market.catalogue, p.market.catalogue);
  assert.deepEqual(u.market.zones, p.market.zones);
  assert.deepEqual(u.population.personas, p.population.personas);
});

test('the personas preset keeps lifecycle and seasons on', () => {
  const p = personasScenario();
  assert.equal(p.population.mode, 'personas');
  assert.equal(p.population.lifecycle.enabled, true);
  assert.ok(p.market.price.seasonality > 0);
});

test('the distinct preset pushes personas apart with less individual variation', () => {
  const p = personasScenario();
  const d = distinctScenario();
  for (const k of Object.keys(p.population.variation) as (keyof typeof p.population.variation)[]) {
    assert.ok(d.population.variation[k] <= p.population.variation[k], `variation.${k}`);
  }
  assert.equal(d.population.edgeCases.powerUserShare, 0);
  assert.equal(d.population.edgeCases.dormantShare, 0);
  // Shares are given by the brief and must not move between presets.
  assert.deepEqual(
    d.population.personas.map((x) => x.share),
    p.population.personas.map((x) => x.share),
  );
});

test("the persona table matches the brief's given numbers (MODEL.md)", () => {
  const given: Record<string, { share: number; activity: number; budget: number; repeat: number }> = {
    bulk_wholesaler: { share: 0.15, activity: 2.5, budget: 3.0, repeat: 0.85 },
    small_retailer: { share: 0.25, activity: 1.8, budget: 1.5, repeat: 0.7 },
    frequent_individual: { share: 0.2, activity: 1.5, budget: 1.0, repeat: 0.6 },
    occasional_buyer: { share: 0.2, activity: 0.6, budget: 0.7, repeat: 0.3 },
    category_specialist: { share: 0.12, activity: 1.3, budget: 1.2, repeat: 0.9 },
    bargain_hunter: { share: 0.08, activity: 1.0, budget: 0.6, repeat: 0.2 },
  };
  const personas = personasScenario().population.personas;
  assert.deepEqual(personas.map((p) => p.id).sort(), Object.keys(given).sort());
  for (const p of personas) {
    const g = given[p.id];
    assert.deepEqual({ share: p.share, activity: p.activity, budget: p.budget, repeat: p.repeat }, g, p.id);
  }
  const sens = Object.fromEntries(personas.map((p) => [p.id, p.priceSensitivity]));
  assert.equal(sens.bulk_wholesaler, 0.8);
  assert.equal(sens.frequent_individual, 0.5);
  assert.equal(sens.occasional_buyer, 0.3);
  assert.ok(
    personas.every((p) => p.id === 'bargain_hunter' || p.priceSensitivity < sens.bargain_hunter),
    'bargain hunters are the most price-sensitive',
  );
  const cc = Object.fromEntries(personas.map((p) => [p.id, p.categoryCount]));
  assert.deepEqual(cc.category_specialist, [1, 1], 'specialists have one category only');
  const zones = Object.fromEntries(personasScenario().market.zones.map((z) => [z.id, z]));
  assert.deepEqual([zones.mbare.activity, zones.mbare.budget], [2.0, 0.8]);
  assert.deepEqual([zones.cbd.activity, zones.cbd.budget], [1.5, 1.3]);
});

test('presets are fresh copies: editing one does not leak into the next or into the defaults', () => {
  const a = presetScenario('personas');
  a.population.personas[0].share = 0.99;
  a.market.catalogue.products[0].basePrice = 999;
  a.market.zones[0].categoryTilt.vegetables = 9;
  const b = presetScenario('personas');
  assert.equal(b.population.personas[0].share, 0.15);
  assert.notEqual(b.market.catalogue.products[0].basePrice, 999);
  assert.notEqual(b.market.zones[0].categoryTilt.vegetables, 9);
  assert.equal(DEFAULT_PERSONAS[0].share, 0.15);
  const d = distinctScenario();
  d.population.personas[0].hours[0][0] = 23;
  assert.notEqual(distinctScenario().population.personas[0].hours[0][0], 23);
});

// ------------------------------------------------------------------------------------ overlay

test('overlay replaces only the named leaves and replaces arrays whole', () => {
  const s = personasScenario();
  overlay(asRecord(s), {
    population: { baseVisitsPerWeek: 2.5, lifecycle: { enabled: false } },
    calendar: { weekly: [1, 1, 1, 1, 1, 1, 2] },
  });
  const expected = personasScenario();
  expected.population.baseVisitsPerWeek = 2.5;
  expected.population.lifecycle.enabled = false;
  expected.calendar.weekly = [1, 1, 1, 1, 1, 1, 2];
  assert.deepEqual(s, expected);
});

/** The exact one-line message of resolving the personas preset with `json` as its --config file. */
function configMessage(json: unknown): string {
  const path = configFile(json);
  try {
    resolveScenario({ preset: 'personas', configFile: path });
  } catch (e) {
    assert.ok(e instanceof UsageError, String(e));
    return e.message.replace(`--config ${JSON.stringify(path)}: `, '--config FILE: ');
  }
  assert.fail(`${JSON.stringify(json)} was accepted`);
}

test('a config file with an unknown key is rejected, naming its full path (schema: strict objects)', () => {
  assert.match(
    configMessage({ population: { bogus: 1 } }),
    /^--config FILE: population\.bogus: unknown key \(population has mode, personas, /,
  );
  assert.match(
    configMessage({ market: { price: { noise: 0.1 } } }),
    /^--config FILE: market\.price\.noise: unknown key/,
  );
  assert.match(
    configMessage({ whatever: true }),
    /^--config FILE: whatever: unknown key \(scenario has name, traders, /,
  );
});

test('a config file value of the wrong type is rejected, naming the path and the value', () => {
  assert.equal(
    configMessage({ weeks: 'ten' }),
    '--config FILE: weeks: expected a positive integer up to 520, got "ten"',
  );
  assert.equal(
    configMessage({ traders: null }),
    '--config FILE: traders: expected a positive integer up to 50,000,000, got null',
  );
  assert.equal(configMessage({ seed: 42 }), '--config FILE: seed: expected a non-empty string, got 42');
  assert.equal(
    configMessage({ population: { lifecycle: { enabled: 'yes' } } }),
    '--config FILE: population.lifecycle.enabled: expected true or false, got "yes"',
  );
  assert.equal(
    configMessage({ calendar: { weekly: 3 } }),
    '--config FILE: calendar.weekly: expected 7 numbers >= 0 (Monday..Sunday), got 3',
  );
  assert.equal(configMessage({ calendar: 5 }), '--config FILE: calendar: expected an object, got 5');
  assert.equal(
    configMessage({ population: { budget: [1, 2] } }),
    '--config FILE: population.budget: expected an object, got [1, 2]',
  );
  assert.equal(configMessage([1]), '--config FILE: expected a JSON object, got [1]');
  assert.equal(
    configMessage({ name: 'uniform' }),
    '--config FILE: name: the preset cannot be overridden, choose it with --scenario',
  );
  // A persona list is replaced whole: a persona missing a field is named by its id.
  const personas = personasScenario().population.personas.map(({ bulk: _, ...p }) => p);
  assert.equal(
    configMessage({ population: { personas } }),
    '--config FILE: population.personas.bulk_wholesaler.bulk: expected true or false, got nothing (it is missing)',
  );
});

test('a config file may carry "$schema" (for editors), which is not a scenario field', () => {
  const s = resolveScenario({
    preset: 'personas',
    configFile: configFile({ $schema: './musika.schema.json', weeks: 3 }),
  });
  assert.equal(s.weeks, 3);
  assert.ok(!('$schema' in s));
});

// --------------------------------------------------------------------------------- validation

test('validation names the field and the value of the first bad setting', () => {
  invalid((s) => (s.traders = 0), ['traders', '0']);
  invalid((s) => (s.traders = 2.5), ['traders', '2.5']);
  invalid(
    (s) => (s.traders = Number.POSITIVE_INFINITY),
    ['traders: expected a positive integer up to 50,000,000, got Infinity'],
  );
  invalid((s) => (s.weeks = 521), ['weeks', '521']);
  invalid((s) => (s.weeks = -3), ['weeks', '-3']);
  invalid((s) => (s.seed = ''), ['seed', '""']);
  invalid((s) => (s.calendar.startDate = '2025-02-30'), ['calendar.startDate', '"2025-02-30"']);
  invalid((s) => (s.calendar.openHour = 24), ['calendar.openHour', '24']);
  invalid((s) => (s.calendar.closeHour = 5), ['calendar.closeHour', '5']);
  invalid((s) => (s.calendar.weekly = [1, 1, 1, 1, 1, 1]), ['calendar.weekly', '[1, 1, 1, 1, 1, 1]']);
  invalid((s) => (s.calendar.monthlyAmplitude = 1), ['calendar.monthlyAmplitude', '1']);
  invalid((s) => (s.market.price.seasonality = 5), ['market.price.seasonality', '5']);
  invalid((s) => (s.market.price.markdownHours = 0), ['market.price.markdownHours', '0']);
  invalid((s) => (s.market.price.markdownMax = -0.1), ['market.price.markdownMax', '-0.1']);
  invalid((s) => (s.market.stock.margin = -1), ['market.stock.margin', '-1']);
  invalid((s) => (s.market.stock.learningRate = 0), ['market.stock.learningRate', '0']);
  invalid((s) => ((s.market.stock as { enabled: unknown }).enabled = 'yes'), ['market.stock.enabled', '"yes"']);
  invalid(
    (s) => (s.population.personas[0].repeat = 1),
    ['population.personas.bulk_wholesaler.repeat: expected a number in [0.001, 0.999], got 1'],
  );
  invalid(
    (s) => (s.population.personas[2].categoryCount = [3, 1]),
    ['population.personas.frequent_individual.categoryCount: expected [min, max] with 1 <= min <= max, got [3, 1]'],
  );
  invalid(
    (s) => (s.population.personas[1].hours = [[30, 1, 1]]),
    ['population.personas.small_retailer.hours.0.0: expected a number in [0, 24], got 30'],
  );
  invalid(
    (s) => (s.population.personas[3].id = 'Bad Id'),
    ['population.personas.3.id: expected a slug of [a-z0-9_]+, got "Bad Id"'],
  );
  invalid(
    (s) => (s.population.personas[0].share = 0.5),
    ['population.personas.*.share: expected shares summing to 1 (within 1e-9), got 1.35'],
  );
  invalid((s) => (s.population.budget.payday = 29), ['population.budget.payday', '29']);
  invalid((s) => (s.population.budget.cycle = 'weekly' as 'daily'), ['population.budget.cycle', '"weekly"']);
  invalid((s) => (s.population.variation.quantitySigma = 4), ['population.variation.quantitySigma', '4']);
  invalid((s) => (s.population.edgeCases.dormantShare = 0.995), ['population.edgeCases.dormantShare', '0.995']);
  invalid((s) => (s.population.lifecycle.declineDepth = 1.5), ['population.lifecycle.declineDepth', '1.5']);
  invalid((s) => (s.population.lifecycle.joinMeanWeeks = 0), ['population.lifecycle.joinMeanWeeks', '0']);
  invalid((s) => (s.population.memorySize = 0), ['population.memorySize', '0']);
  invalid(
    (s) => (s.market.catalogue.products[0].step = 0.3),
    ['market.catalogue.products.tomatoes.step: expected a multiple of 0.25, got 0.3'],
  );
  invalid(
    (s) => (s.market.zones[1].share = 0.5),
    ['market.zones.*.share: expected shares summing to 1 (within 1e-9), got 1.375'],
  );
  invalid(
    (s) => (s.market.zones[0].categoryTilt = { nuts: 1 }),
    [
      'market.zones.mbare.categoryTilt: expected keys among the category ids (vegetables, fruits, grains, legumes, fish, oils, sundries), got "nuts"',
    ],
  );
});

// ------------------------------------------------------------------------------ resolveScenario

test('resolveScenario applies preset, then config file, then explicit values', () => {
  const path = configFile({ traders: 10, weeks: 3, seed: 'from-file', population: { baseVisitsPerWeek: 2 } });
  const fromFile = resolveScenario({ preset: 'uniform', configFile: path });
  assert.equal(fromFile.name, 'uniform');
  assert.deepEqual([fromFile.traders, fromFile.weeks, fromFile.seed], [10, 3, 'from-file']);
  assert.equal(fromFile.population.baseVisitsPerWeek, 2);
  const explicit = resolveScenario({ preset: 'uniform', configFile: path, traders: 20, weeks: 4, seed: 'cli' });
  assert.deepEqual([explicit.traders, explicit.weeks, explicit.seed], [20, 4, 'cli']);
  assert.equal(explicit.population.baseVisitsPerWeek, 2);
  const plain = resolveScenario({ preset: 'personas' });
  assert.deepEqual([plain.traders, plain.weeks, plain.seed], [2000, 26, '42']);
});

test('resolveScenario rejects bad presets and bad config files with one-line errors', () => {
  rejects(() => resolveScenario({ preset: 'bogus' }), ['--scenario', '"bogus"']);
  const missing = join(tempDir('musika-config-'), 'absent.json');
  rejects(() => resolveScenario({ preset: 'personas', configFile: missing }), ['--config', missing]);
  rejects(
    () => resolveScenario({ preset: 'personas', configFile: configFile('not json\nat all\n') }),
    ['--config', 'not valid JSON'],
  );
  rejects(
    () => resolveScenario({ preset: 'personas', configFile: configFile({ population: { bogus: 1 } }) }),
    ['population.bogus'],
  );
  rejects(() => resolveScenario({ preset: 'personas', configFile: configFile({ weeks: 'ten' }) }), ['weeks', '"ten"']);
  rejects(() => resolveScenario({ preset: 'personas', configFile: configFile({ name: 'uniform' }) }), ['name']);
  // Overlay passes (right types), validation fails: the field and value are still named.
  rejects(
    () => resolveScenario({ preset: 'personas', configFile: configFile({ calendar: { openHour: 30 } }) }),
    ['calendar.openHour', '30'],
  );
  rejects(() => resolveScenario({ preset: 'personas', traders: 0 }), ['traders', '0']);
});

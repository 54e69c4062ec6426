/**
 * `musika schema`: the JSON Schema printed for editors comes from the scenario's own schema. No
 * JSON Schema validator is a dependency, so a small one for the keywords z.toJSONSchema emits here
 * checks that every preset validates against the printed whole-scenario schema and that the
 * config-file schema accepts a partial file and refuses what musika refuses field by field.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { schemaCommand } from '../../engine/commands/schema.ts';
import { presetScenario } from '../../engine/scenario-presets.ts';
import { SCENARIO_NAMES } from '../../engine/scenario.ts';

type Schema = Record<string, unknown>;

/** Errors of `value` against `schema` (the keywords used by the printed schema), as paths. */
function check(schema: Schema, value: unknown, at = '$'): string[] {
  const errs: string[] = [];
  const type = schema.type as string | undefined;
  const isObj = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (type === 'object' && !isObj) return [`${at}: not an object`];
  if (type === 'array' && !Array.isArray(value)) return [`${at}: not an array`];
  if (type === 'number' && typeof value !== 'number') return [`${at}: not a number`];
  if (type === 'integer' && !Number.isInteger(value)) return [`${at}: not an integer`];
  if (type === 'string' && typeof value !== 'string') return [`${at}: not a string`];
  if (type === 'boolean' && typeof value !== 'boolean') return [`${at}: not a boolean`];
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errs.push(`${at}: not in enum`);
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errs.push(`${at}: below minimum`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errs.push(`${at}: above maximum`);
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum)
      errs.push(`${at}: not above exclusiveMinimum`);
  }
  if (typeof value === 'string' && typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value))
    errs.push(`${at}: pattern`);
  if (isObj) {
    const props = (schema.properties ?? {}) as Record<string, Schema>;
    for (const k of (schema.required ?? []) as string[]) if (!(k in value)) errs.push(`${at}.${k}: required`);
    for (const [k, v] of Object.entries(value)) {
      if (props[k]) errs.push(...check(props[k], v, `${at}.${k}`));
      else if (schema.additionalProperties === false) errs.push(`${at}.${k}: additional property`);
      else if (typeof schema.additionalProperties === 'object')
        errs.push(...check(schema.additionalProperties as Schema, v, `${at}.${k}`));
    }
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errs.push(`${at}: minItems`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) errs.push(`${at}: maxItems`);
    const prefix = (schema.prefixItems ?? []) as Schema[];
    value.forEach((v, i) => {
      const s = i < prefix.length ? prefix[i] : schema.items;
      if (s === false) errs.push(`${at}[${i}]: no item allowed`);
      else if (s && typeof s === 'object') errs.push(...check(s as Schema, v, `${at}[${i}]`));
    });
  }
  return errs;
}

function printed(argv: string[]): Schema {
  let text = '';
  assert.equal(
    schemaCommand(argv, (t) => (text += t)),
    0,
  );
  return JSON.parse(text) as Schema;
}

test('schema --full: every preset validates against the printed JSON Schema', () => {
  const full = printed(['--full']);
  assert.equal(full.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.deepEqual(full.required, ['name', 'traders', 'weeks', 'seed', 'calendar', 'population', 'market']);
  for (const name of SCENARIO_NAMES) assert.deepEqual(check(full, presetScenario(name)), [], name);
  // The validator is not vacuous: a bad preset fails it.
  const bad = presetScenario('personas') as unknown as {
    population: { personas: { share: unknown }[] };
    weeks: unknown;
    extra?: unknown;
  };
  bad.population.personas[0].share = 1.5;
  bad.weeks = 0;
  bad.extra = 1;
  assert.deepEqual(check(full, bad), [
    '$.weeks: below minimum',
    '$.population.personas[0].share: above maximum',
    '$.extra: additional property',
  ]);
});

test('schema: the config-file schema takes any subset of fields and "$schema", but not name or unknown keys', () => {
  const config = printed([]);
  assert.equal(config.required, undefined);
  assert.ok(!('name' in (config.properties as Schema)));
  assert.deepEqual(
    check(config, { $schema: './musika.schema.json', weeks: 52, population: { budget: { payday: 25 } } }),
    [],
  );
  assert.deepEqual(check(config, { population: { bogus: 1 }, calendar: { weekly: [1, 1] } }), [
    '$.population.bogus: additional property',
    '$.calendar.weekly: minItems',
  ]);
  // Inside an array an element is whole: a persona missing fields is flagged.
  const errs = check(config, { population: { personas: [{ id: 'x', share: 1 }] } });
  assert.ok(errs.includes('$.population.personas[0].activity: required'), errs.join('; '));
});

test('schema --help prints its usage; a bad flag is a UsageError', () => {
  let text = '';
  assert.equal(
    schemaCommand(['--help'], (t) => (text += t)),
    0,
  );
  assert.match(text, /^Usage: musika schema/);
  assert.match(text, /"\$schema": "\.\/musika\.schema\.json"/);
  assert.throws(() => schemaCommand(['--bogus']), /--bogus/);
});

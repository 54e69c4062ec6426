/**
 * The default zones (market/zones.ts) and the zones schema: bad zones are rejected with one line
 * in the schema's format (engine/errors.ts), zones named by id.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_ZONES } from '../../market/zones.ts';
import type { ZoneSpec } from '../../market/types.ts';
import { CATEGORY_IDS, checkZones, fails } from './catalogue-fixture.ts';

function withZone(index: number, edit: (z: Record<string, unknown>) => void): ZoneSpec[] {
  const copy = structuredClone(DEFAULT_ZONES);
  edit(copy[index] as unknown as Record<string, unknown>);
  return copy;
}

const Z = (i: number): string => `market.zones.${DEFAULT_ZONES[i].id}`;

test('checkZones accepts the default zones', () => {
  assert.doesNotThrow(() => checkZones(DEFAULT_ZONES));
});

test('Mbare and CBD carry the multipliers given by the brief', () => {
  const mbare = DEFAULT_ZONES.find((z) => z.id === 'mbare');
  const cbd = DEFAULT_ZONES.find((z) => z.id === 'cbd');
  assert.deepEqual([mbare?.name, mbare?.activity, mbare?.budget, mbare?.priceLevel], ['Mbare Musika', 2.0, 0.8, 1.0]);
  assert.deepEqual([cbd?.name, cbd?.activity, cbd?.budget], ['Harare CBD', 1.5, 1.3]);
});

test('the default zones are seven, shares sum to 1 and tilts stay moderate', () => {
  assert.equal(DEFAULT_ZONES.length, 7);
  assert.ok(Math.abs(DEFAULT_ZONES.reduce((s, z) => s + z.share, 0) - 1) < 1e-9);
  for (const z of DEFAULT_ZONES) {
    for (const [category, tilt] of Object.entries(z.categoryTilt)) {
      assert.ok(tilt >= 0.6 && tilt <= 1.8, `${z.id}.${category} = ${tilt}`);
    }
  }
});

test('the zones schema rejects shares that do not sum to 1', () => {
  fails(
    () =>
      checkZones(
        withZone(0, (zone) => {
          zone.share = 0.2;
        }),
      ),
    'market.zones.*.share: expected shares summing to 1 (within 1e-9), got 0.95',
  );
});

test('the zones schema rejects a tilt on an unknown category', () => {
  fails(
    () =>
      checkZones(
        withZone(2, (zone) => {
          zone.categoryTilt = { meat: 1.2 };
        }),
      ),
    `${Z(2)}.categoryTilt: expected keys among the category ids (${CATEGORY_IDS.join(', ')}), got "meat"`,
  );
});

test('the zones schema rejects a non-positive tilt or multiplier', () => {
  fails(
    () =>
      checkZones(
        withZone(1, (zone) => {
          zone.categoryTilt = { fruits: -1 };
        }),
      ),
    `${Z(1)}.categoryTilt.fruits: expected a positive number up to 100, got -1`,
  );
  fails(
    () =>
      checkZones(
        withZone(4, (zone) => {
          zone.priceLevel = 0;
        }),
      ),
    `${Z(4)}.priceLevel: expected a positive number up to 10, got 0`,
  );
  fails(
    () =>
      checkZones(
        withZone(0, (zone) => {
          zone.activity = Infinity;
        }),
      ),
    `${Z(0)}.activity: expected a positive number up to 10, got Infinity`,
  );
});

test('the zones schema rejects a duplicate zone id, naming it by index', () => {
  fails(
    () =>
      checkZones(
        withZone(1, (zone) => {
          zone.id = 'mbare';
        }),
      ),
    'market.zones.1.id: expected a unique id, got "mbare"',
  );
});

test('the zones schema rejects an empty zone list', () => {
  fails(() => checkZones([]), 'market.zones: expected a non-empty array of zones, got []');
});

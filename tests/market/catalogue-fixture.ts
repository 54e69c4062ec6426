/**
 * For the market's tests of the default catalogue and zones and of their schema
 * (market/market-schema.ts), which checks them as part of a scenario.
 */
import assert from 'node:assert/strict';
import { DEFAULT_CATALOGUE } from '../../market/catalogue.ts';
import { UsageError } from '../../engine/errors.ts';
import { validateScenario } from '../../engine/scenario-load.ts';
import { personasScenario } from '../../engine/scenario-presets.ts';
import type { Catalogue, ProductSpec, ZoneSpec } from '../../market/types.ts';

export const CATEGORY_IDS = DEFAULT_CATALOGUE.categories.map((c) => c.id);

export function product(id: string): ProductSpec {
  const found = DEFAULT_CATALOGUE.products.find((p) => p.id === id);
  assert.ok(found, `product ${id} is in the default catalogue`);
  return found;
}

export function checkCatalogue(c: Catalogue): void {
  const s = personasScenario();
  s.market.catalogue = c;
  validateScenario(s);
}

export function checkZones(z: ZoneSpec[]): void {
  const s = personasScenario();
  s.market.zones = z;
  validateScenario(s);
}

/** Asserts the exact one-line message of a UsageError from `fn`. */
export function fails(fn: () => void, message: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof UsageError, String(e));
    assert.equal(e.message, message);
    return true;
  });
}

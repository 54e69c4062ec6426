import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CATALOGUE } from '../../market/catalogue.ts';
import { DEFAULT_ZONES } from '../../market/zones.ts';
import { UsageError, validateScenario, personasScenario } from '../../engine/index.ts';
import { seasonalLogOffset } from '../../market/season.ts';
import type { Catalogue, ProductSpec, SeasonSpec, ZoneSpec } from '../../market/types.ts';

const CATEGORY_IDS = DEFAULT_CATALOGUE.categories.map((c) => c.id);

/** Seasonal price factor in the middle of calendar `month` (1-12), from the market's own formula. */
function seasonFactor(season: SeasonSpec, month: number): number {
  return Math.exp(seasonalLogOffset(season, month + 0.5, 1));
}

function product(id: string): ProductSpec {
  const found = DEFAULT_CATALOGUE.products.find((p) => p.id === id);
  assert.ok(found, `product ${id} is in the default catalogue`);
  return found;
}

/** A deep copy of the defaults with product `index` changed by `edit`. */
function withProduct(index: number, edit: (p: Record<string, unknown>) => void): Catalogue {
  const copy = structuredClone(DEFAULT_CATALOGUE);
  edit(copy.products[index] as unknown as Record<string, unknown>);
  return copy;
}

function withZone(index: number, edit: (z: Record<string, unknown>) => void): ZoneSpec[] {
  const copy = structuredClone(DEFAULT_ZONES);
  edit(copy[index] as unknown as Record<string, unknown>);
  return copy;
}

/** The catalogue and zones are checked by the market's schema as part of a scenario (market/market-schema.ts). */
function checkCatalogue(c: Catalogue): void {
  const s = personasScenario();
  s.market.catalogue = c;
  validateScenario(s);
}

function checkZones(z: ZoneSpec[]): void {
  const s = personasScenario();
  s.market.zones = z;
  validateScenario(s);
}

/** Asserts the exact one-line message of a UsageError from `fn`. */
function fails(fn: () => void, message: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof UsageError, String(e));
    assert.equal(e.message, message);
    return true;
  });
}

const P = (i: number): string => `market.catalogue.products.${DEFAULT_CATALOGUE.products[i].id}`;
const Z = (i: number): string => `market.zones.${DEFAULT_ZONES[i].id}`;

test('checkCatalogue accepts the default catalogue', () => {
  assert.doesNotThrow(() => checkCatalogue(DEFAULT_CATALOGUE));
});

test('checkZones accepts the default zones', () => {
  assert.doesNotThrow(() => checkZones(DEFAULT_ZONES));
});

test('the default catalogue has the seven categories and at least 40 products', () => {
  assert.deepEqual(CATEGORY_IDS, ['vegetables', 'fruits', 'grains', 'legumes', 'fish', 'oils', 'sundries']);
  assert.ok(DEFAULT_CATALOGUE.products.length >= 40, `${DEFAULT_CATALOGUE.products.length} products`);
  for (const id of CATEGORY_IDS) {
    const n = DEFAULT_CATALOGUE.products.filter((p) => p.category === id).length;
    assert.ok(n >= 5, `${id} has ${n} products`);
  }
});

test('vegetables are the most popular category', () => {
  const [top] = [...DEFAULT_CATALOGUE.categories].sort((a, b) => b.popularity - a.popularity);
  assert.equal(top?.id, 'vegetables');
});

test('fresh produce prices are marked as assumptions and WFP staples as wfp', () => {
  for (const p of DEFAULT_CATALOGUE.products) {
    if (p.category === 'vegetables' || p.category === 'fruits') assert.equal(p.source, 'assumption', p.id);
  }
  for (const id of [
    'maize_grain',
    'maize_meal',
    'rice',
    'wheat',
    'sorghum',
    'millet',
    'beans',
    'sugar_beans',
    'cowpeas',
    'groundnuts',
    'kapenta',
    'cooking_oil',
    'sugar',
    'salt',
  ]) {
    assert.equal(product(id).source, 'wfp', id);
  }
});

test('WFP base prices are the per-kg medians converted to the selling unit', () => {
  assert.equal(product('maize_grain').basePrice, 50 * 0.34);
  assert.equal(product('maize_meal').basePrice, 5.9);
  assert.equal(product('cooking_oil').basePrice, 1.75);
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

test('seasonalLogOffset: the trough in the middle of the peak-supply month, the crest six months on, scaled', () => {
  const season = { peakSupplyMonth: 4, amplitude: 0.3 };
  // Month 4.5 is mid-April on the clock where 1.0 is 1 January.
  assert.equal(seasonalLogOffset(season, 4.5, 1), -0.3);
  assert.ok(Math.abs(seasonalLogOffset(season, 10.5, 1) - 0.3) < 1e-15);
  assert.ok(Math.abs(seasonalLogOffset(season, 7.5, 1)) < 1e-15, 'a quarter year from the trough: no offset');
  assert.ok(Math.abs(seasonalLogOffset(season, 16.5, 1) + 0.3) < 1e-15, 'a year on, the same');
  assert.equal(seasonalLogOffset(season, 4.5, 0.5), -0.15);
  assert.equal(seasonalLogOffset(season, 4.5, 0) === 0, true);
});

test('maize is dearer in the Feb-Mar lean season than after the Jul-Oct harvest', () => {
  const { season } = product('maize_grain');
  const lean = Math.min(seasonFactor(season, 2), seasonFactor(season, 3));
  const harvest = Math.max(...[7, 8, 9, 10].map((m) => seasonFactor(season, m)));
  assert.ok(lean > harvest, `lean ${lean} vs harvest ${harvest}`);
});

test('mangoes are cheapest in the Nov-Jan rains', () => {
  const { season } = product('mangoes');
  const rains = Math.max(...[11, 12, 1].map((m) => seasonFactor(season, m)));
  const winter = Math.min(...[5, 6, 7].map((m) => seasonFactor(season, m)));
  assert.ok(rains < winter, `rains ${rains} vs winter ${winter}`);
});

test('dry goods have almost no season', () => {
  for (const id of ['salt', 'sugar', 'cooking_oil']) assert.ok(product(id).season.amplitude <= 0.03, id);
});

// ------------------------------------------------------------------------- failure modes
// Messages in the schema's uniform format (engine/errors.ts): products and zones named by id.

test('the catalogue schema rejects a negative, NaN, missing or string basePrice, naming path and value', () => {
  fails(
    () =>
      checkCatalogue(
        withProduct(3, (p) => {
          p.basePrice = -1;
        }),
      ),
    `${P(3)}.basePrice: expected a positive number up to 10000, got -1`,
  );
  fails(
    () =>
      checkCatalogue(
        withProduct(0, (p) => {
          p.basePrice = Number.NaN;
        }),
      ),
    `${P(0)}.basePrice: expected a positive number up to 10000, got NaN`,
  );
  fails(
    () =>
      checkCatalogue(
        withProduct(0, (p) => {
          delete p.basePrice;
        }),
      ),
    `${P(0)}.basePrice: expected a positive number up to 10000, got nothing (it is missing)`,
  );
  fails(
    () =>
      checkCatalogue(
        withProduct(0, (p) => {
          p.basePrice = '0.7';
        }),
      ),
    `${P(0)}.basePrice: expected a positive number up to 10000, got "0.7"`,
  );
});

test('the catalogue schema rejects a duplicate product id, naming it by index', () => {
  fails(
    () =>
      checkCatalogue(
        withProduct(5, (p) => {
          p.id = 'tomatoes';
        }),
      ),
    'market.catalogue.products.5.id: expected a unique id, got "tomatoes"',
  );
});

test('the catalogue schema rejects an id that is not a slug', () => {
  fails(
    () =>
      checkCatalogue(
        withProduct(1, (p) => {
          p.id = 'Covo-Leaves';
        }),
      ),
    'market.catalogue.products.1.id: expected a slug of [a-z0-9_]+, got "Covo-Leaves"',
  );
});

test('the catalogue schema rejects an unknown category', () => {
  fails(
    () =>
      checkCatalogue(
        withProduct(2, (p) => {
          p.category = 'meat';
        }),
      ),
    `${P(2)}.category: expected one of the category ids (${CATEGORY_IDS.join(', ')}), got "meat"`,
  );
});

test('the catalogue schema rejects a step off the 0.25 grid', () => {
  fails(
    () =>
      checkCatalogue(
        withProduct(0, (p) => {
          p.step = 0.3;
        }),
      ),
    `${P(0)}.step: expected a multiple of 0.25, got 0.3`,
  );
});

test('the catalogue schema rejects a householdQty that is not a multiple of step', () => {
  fails(
    () =>
      checkCatalogue(
        withProduct(0, (p) => {
          p.step = 0.5;
          p.householdQty = 1.25;
        }),
      ),
    `${P(0)}.householdQty: expected a multiple of step 0.5, got 1.25`,
  );
});

test('the catalogue schema rejects a bulkQty below step', () => {
  fails(
    () =>
      checkCatalogue(
        withProduct(0, (p) => {
          p.step = 1;
          p.householdQty = 1;
          p.bulkQty = 0.5;
        }),
      ),
    `${P(0)}.bulkQty: expected at least step 1, got 0.5`,
  );
});

test('the catalogue schema rejects a peakSupplyMonth outside 1-12 or fractional', () => {
  for (const month of [0, 13, 2.5]) {
    fails(
      () =>
        checkCatalogue(
          withProduct(4, (p) => {
            (p.season as SeasonSpec).peakSupplyMonth = month;
          }),
        ),
      `${P(4)}.season.peakSupplyMonth: expected an integer month 1-12, got ${month}`,
    );
  }
});

test('the catalogue schema rejects an amplitude outside [0, 0.8]', () => {
  for (const amplitude of [0.9, -0.1]) {
    fails(
      () =>
        checkCatalogue(
          withProduct(6, (p) => {
            (p.season as SeasonSpec).amplitude = amplitude;
          }),
        ),
      `${P(6)}.season.amplitude: expected a number in [0, 0.8], got ${amplitude}`,
    );
  }
});

test('the catalogue schema rejects a name with a comma and a unit with a double quote', () => {
  fails(
    () =>
      checkCatalogue(
        withProduct(0, (p) => {
          p.name = 'Tomatoes, red';
        }),
      ),
    `${P(0)}.name: expected no commas, double quotes or line breaks, got "Tomatoes, red"`,
  );
  fails(
    () =>
      checkCatalogue(
        withProduct(0, (p) => {
          p.unit = '20" crate';
        }),
      ),
    `${P(0)}.unit: expected no commas, double quotes or line breaks, got "20\\" crate"`,
  );
});

test('the catalogue schema rejects an unknown source', () => {
  fails(
    () =>
      checkCatalogue(
        withProduct(0, (p) => {
          p.source = 'survey';
        }),
      ),
    `${P(0)}.source: expected one of "wfp", "assumption", got "survey"`,
  );
});

test('the catalogue schema rejects a category with no products', () => {
  const c = structuredClone(DEFAULT_CATALOGUE);
  c.products = c.products.filter((p) => p.category !== 'fish');
  fails(
    () => checkCatalogue(c),
    'market.catalogue.categories.fish: expected a category with at least one product, got "fish"',
  );
});

test('the catalogue schema rejects a category with a bad popularity', () => {
  const c = structuredClone(DEFAULT_CATALOGUE);
  c.categories[1].popularity = 0;
  fails(
    () => checkCatalogue(c),
    `market.catalogue.categories.${c.categories[1].id}.popularity: expected a positive number, got 0`,
  );
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

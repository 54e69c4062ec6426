import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CATALOGUE } from '../../market/catalogue.ts';
import { DEFAULT_ZONES } from '../../market/zones.ts';
import { checkCatalogue, checkZones } from '../../market/catalogue-check.ts';
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

test('checkCatalogue accepts the default catalogue', () => {
  assert.doesNotThrow(() => checkCatalogue(DEFAULT_CATALOGUE));
});

test('checkZones accepts the default zones', () => {
  assert.doesNotThrow(() => checkZones(DEFAULT_ZONES, CATEGORY_IDS));
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
  for (const id of ['maize_grain', 'maize_meal', 'rice', 'wheat', 'sorghum', 'millet', 'beans', 'sugar_beans',
    'cowpeas', 'groundnuts', 'kapenta', 'cooking_oil', 'sugar', 'salt']) {
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

test('checkCatalogue rejects a negative basePrice, naming path and value', () => {
  assert.throws(() => checkCatalogue(withProduct(3, (p) => { p.basePrice = -1; })), {
    message: /^market\.products\[3\]\.basePrice must be a positive number, got -1$/,
  });
});

test('checkCatalogue rejects a NaN or missing basePrice', () => {
  assert.throws(() => checkCatalogue(withProduct(0, (p) => { p.basePrice = Number.NaN; })), {
    message: /^market\.products\[0\]\.basePrice must be a positive number, got NaN$/,
  });
  assert.throws(() => checkCatalogue(withProduct(0, (p) => { delete p.basePrice; })), {
    message: /^market\.products\[0\]\.basePrice must be a positive number, got undefined$/,
  });
  assert.throws(() => checkCatalogue(withProduct(0, (p) => { p.basePrice = '0.7'; })), {
    message: /^market\.products\[0\]\.basePrice must be a positive number, got "0\.7"$/,
  });
});

test('checkCatalogue rejects a duplicate product id', () => {
  const c = withProduct(5, (p) => { p.id = 'tomatoes'; });
  assert.throws(() => checkCatalogue(c), { message: /^market\.products\[5\]\.id must be unique, got "tomatoes"$/ });
});

test('checkCatalogue rejects an id that is not a slug', () => {
  const c = withProduct(1, (p) => { p.id = 'Covo-Leaves'; });
  assert.throws(() => checkCatalogue(c), {
    message: /^market\.products\[1\]\.id must be a slug of \[a-z0-9_\]\+, got "Covo-Leaves"$/,
  });
});

test('checkCatalogue rejects an unknown category', () => {
  const c = withProduct(2, (p) => { p.category = 'meat'; });
  assert.throws(() => checkCatalogue(c), {
    message: /^market\.products\[2\]\.category must be one of the category ids \(vegetables, .*\), got "meat"$/,
  });
});

test('checkCatalogue rejects a step off the 0.25 grid', () => {
  const c = withProduct(0, (p) => { p.step = 0.3; });
  assert.throws(() => checkCatalogue(c), { message: /^market\.products\[0\]\.step must be a multiple of 0\.25, got 0\.3$/ });
});

test('checkCatalogue rejects a householdQty that is not a multiple of step', () => {
  const c = withProduct(0, (p) => { p.step = 0.5; p.householdQty = 1.25; });
  assert.throws(() => checkCatalogue(c), {
    message: /^market\.products\[0\]\.householdQty must be a multiple of step 0\.5, got 1\.25$/,
  });
});

test('checkCatalogue rejects a bulkQty below step', () => {
  const c = withProduct(0, (p) => { p.step = 1; p.householdQty = 1; p.bulkQty = 0.5; });
  assert.throws(() => checkCatalogue(c), { message: /^market\.products\[0\]\.bulkQty must be at least step 1, got 0\.5$/ });
});

test('checkCatalogue rejects a peakSupplyMonth outside 1-12 or fractional', () => {
  for (const month of [0, 13, 2.5]) {
    const c = withProduct(4, (p) => { (p.season as SeasonSpec).peakSupplyMonth = month; });
    assert.throws(() => checkCatalogue(c), {
      message: new RegExp(`^market\\.products\\[4\\]\\.season\\.peakSupplyMonth must be an integer month 1-12, got ${month}$`),
    });
  }
});

test('checkCatalogue rejects an amplitude outside [0, 0.8]', () => {
  for (const amplitude of [0.9, -0.1]) {
    const c = withProduct(6, (p) => { (p.season as SeasonSpec).amplitude = amplitude; });
    assert.throws(() => checkCatalogue(c), {
      message: new RegExp(`^market\\.products\\[6\\]\\.season\\.amplitude must be a number in \\[0, 0\\.8\\], got ${amplitude}$`),
    });
  }
});

test('checkCatalogue rejects a name with a comma and a unit with a double quote', () => {
  assert.throws(() => checkCatalogue(withProduct(0, (p) => { p.name = 'Tomatoes, red'; })), {
    message: /^market\.products\[0\]\.name must be free of commas, double quotes and line breaks, got "Tomatoes, red"$/,
  });
  assert.throws(() => checkCatalogue(withProduct(0, (p) => { p.unit = '20" crate'; })), {
    message: /^market\.products\[0\]\.unit must be free of commas, double quotes and line breaks, got "20\\" crate"$/,
  });
});

test('checkCatalogue rejects an unknown source', () => {
  const c = withProduct(0, (p) => { p.source = 'survey'; });
  assert.throws(() => checkCatalogue(c), { message: /^market\.products\[0\]\.source must be one of wfp, assumption, got "survey"$/ });
});

test('checkCatalogue rejects a category with no products', () => {
  const c = structuredClone(DEFAULT_CATALOGUE);
  c.products = c.products.filter((p) => p.category !== 'fish');
  const index = c.categories.findIndex((cat) => cat.id === 'fish');
  assert.throws(() => checkCatalogue(c), {
    message: new RegExp(`^market\\.categories\\[${index}\\] must have at least one product, got "fish"$`),
  });
});

test('checkCatalogue rejects a category with a bad popularity', () => {
  const c = structuredClone(DEFAULT_CATALOGUE);
  c.categories[1].popularity = 0;
  assert.throws(() => checkCatalogue(c), { message: /^market\.categories\[1\]\.popularity must be a positive number, got 0$/ });
});

test('checkCatalogue uses the given path prefix', () => {
  const c = withProduct(3, (p) => { p.basePrice = -1; });
  assert.throws(() => checkCatalogue(c, 'scenario.market.products'), {
    message: /^scenario\.market\.products\[3\]\.basePrice must be a positive number, got -1$/,
  });
});

test('checkZones rejects shares that do not sum to 1', () => {
  const z = withZone(0, (zone) => { zone.share = 0.2; });
  assert.throws(() => checkZones(z, CATEGORY_IDS), {
    message: /^market\.zones\[\*\]\.share must sum to 1 \(within 1e-9\), got 0\.95$/,
  });
});

test('checkZones rejects a tilt on an unknown category', () => {
  const z = withZone(2, (zone) => { zone.categoryTilt = { meat: 1.2 }; });
  assert.throws(() => checkZones(z, CATEGORY_IDS), {
    message: /^market\.zones\[2\]\.categoryTilt must be keyed by category ids \(vegetables, .*\), got "meat"$/,
  });
});

test('checkZones rejects a non-positive tilt or multiplier', () => {
  assert.throws(() => checkZones(withZone(1, (zone) => { zone.categoryTilt = { fruits: -1 }; }), CATEGORY_IDS), {
    message: /^market\.zones\[1\]\.categoryTilt\.fruits must be a positive number, got -1$/,
  });
  assert.throws(() => checkZones(withZone(4, (zone) => { zone.priceLevel = 0; }), CATEGORY_IDS), {
    message: /^market\.zones\[4\]\.priceLevel must be a positive number, got 0$/,
  });
  assert.throws(() => checkZones(withZone(0, (zone) => { zone.activity = Infinity; }), CATEGORY_IDS), {
    message: /^market\.zones\[0\]\.activity must be a positive number, got Infinity$/,
  });
});

test('checkZones rejects a duplicate zone id and uses the given path prefix', () => {
  const z = withZone(1, (zone) => { zone.id = 'mbare'; });
  assert.throws(() => checkZones(z, CATEGORY_IDS, 'scenario.zones'), {
    message: /^scenario\.zones\[1\]\.id must be unique, got "mbare"$/,
  });
});

test('checkZones rejects an empty zone list', () => {
  assert.throws(() => checkZones([], CATEGORY_IDS), { message: /^market\.zones must be a non-empty array, got \[\]$/ });
});

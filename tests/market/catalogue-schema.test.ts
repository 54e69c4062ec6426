/**
 * The catalogue schema (market/market-schema.ts) rejects a bad product or category with one line in
 * the schema's format (engine/errors.ts), products named by id.
 */
import { test } from 'node:test';
import { DEFAULT_CATALOGUE } from '../../market/catalogue.ts';
import type { Catalogue, SeasonSpec } from '../../market/types.ts';
import { CATEGORY_IDS, checkCatalogue, fails } from './catalogue-fixture.ts';

/** A deep copy of the defaults with product `index` changed by `edit`. */
function withProduct(index: number, edit: (p: Record<string, unknown>) => void): Catalogue {
  const copy = structuredClone(DEFAULT_CATALOGUE);
  edit(copy.products[index] as unknown as Record<string, unknown>);
  return copy;
}

const P = (i: number): string => `market.catalogue.products.${DEFAULT_CATALOGUE.products[i].id}`;

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

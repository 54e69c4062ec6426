/** The default catalogue (market/catalogue.ts): its categories, products, sources and prices. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CATALOGUE } from '../../market/catalogue.ts';
import { CATEGORY_IDS, checkCatalogue, product } from './catalogue-fixture.ts';

test('checkCatalogue accepts the default catalogue', () => {
  assert.doesNotThrow(() => checkCatalogue(DEFAULT_CATALOGUE));
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

/**
 * A tiny synthetic run directory in the data contract's schema (README, "Run directory"), written
 * by hand rather than simulated, for the recommendation tests: 3 weeks, 2 zones, 6 products in 2
 * categories, 10 traders.
 *
 * Product 5 ("covo", a vegetable) is priced every day, and is the cheapest vegetable, but is bought
 * only in the test week: no recommender may ever recommend it. Trader 8 buys only in the test week
 * and trader 9 only in the training weeks, so 8 traders are evaluated.
 *
 * `variant` changes only the test week (what is bought, and the prices), so a recommender that
 * gives different lists for the two variants has read the test week.
 */
import { sealRun } from '../helpers/seal.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TINY = {
  days: 21,
  weeks: 3,
  testWeeks: 1,
  splitDay: 14,
  splitTick: 14 * 24,
  traders: 10,
  testOnlyProduct: 5,
  evaluated: 8,
};

const PRODUCTS = [
  { id: 'tomatoes', name: 'Tomatoes', category: 'vegetables', unit: 'kg', price: 0.7 },
  { id: 'onions', name: 'Onions', category: 'vegetables', unit: 'kg', price: 1.0 },
  { id: 'rice', name: 'Rice', category: 'grains', unit: 'kg', price: 1.5 },
  { id: 'beans', name: 'Beans', category: 'grains', unit: 'kg', price: 1.8 },
  { id: 'kale', name: 'Kale', category: 'vegetables', unit: 'bundle', price: 0.4 },
  { id: 'covo', name: 'Covo', category: 'vegetables', unit: 'bundle', price: 0.1 },
];
const ZONES = [
  { id: 'mbare', name: 'Mbare Musika', priceLevel: 1 },
  { id: 'cbd', name: 'Harare CBD', priceLevel: 1.2 },
];
const PERSONAS = [
  'bulk_wholesaler',
  'small_retailer',
  'frequent_individual',
  'occasional_buyer',
  'category_specialist',
  'bargain_hunter',
];
/** Each trader's usual products (product ids), persona and zone. */
const TRADERS = [
  { persona: 0, zone: 0, usual: [0, 1] },
  { persona: 0, zone: 0, usual: [0, 1, 4] },
  { persona: 1, zone: 1, usual: [2, 3] },
  { persona: 1, zone: 1, usual: [2, 3, 0] },
  { persona: 2, zone: 0, usual: [0, 2, 4] },
  { persona: 2, zone: 1, usual: [1, 2, 3] },
  { persona: 5, zone: 0, usual: [4, 2] },
  { persona: 5, zone: 1, usual: [4, 0, 2] },
  { persona: 3, zone: 0, usual: [1] },
  { persona: 4, zone: 1, usual: [3] },
];

function date(day: number): string {
  return new Date(Date.UTC(2025, 0, 6) + day * 86_400_000).toISOString().slice(0, 10);
}

function price(day: number, zone: number, product: number, variant: 'a' | 'b'): number {
  // A gentle daily wobble; the test week's prices differ between the variants.
  const wobble = 1 + 0.05 * Math.sin(day + product);
  const testShift = day >= TINY.splitDay ? (variant === 'a' ? 1 : product === 3 ? 0.2 : 3) : 1;
  return Math.round(PRODUCTS[product].price * ZONES[zone].priceLevel * wobble * testShift * 1000) / 1000;
}

/** Writes the run into `dir` and returns it. */
export function writeTinyRun(dir: string, variant: 'a' | 'b' = 'a'): string {
  mkdirSync(dir, { recursive: true });
  const traders = [
    'trader_id,persona,zone,join_week,activity,budget,repeat_prob,price_sensitivity,quantity_scale,preferred_categories,individual_factor,edge_case,declines',
  ];
  for (const [i, t] of TRADERS.entries()) {
    traders.push(
      `${i},${PERSONAS[t.persona]},${ZONES[t.zone].id},-1,2.000,100.00,0.500,0.500,1.000,vegetables;grains,1.000,,0`,
    );
  }

  const prices = ['day,date,zone,product_id,price'];
  for (let d = 0; d < TINY.days; d++) {
    for (let z = 0; z < ZONES.length; z++)
      for (let p = 0; p < PRODUCTS.length; p++)
        prices.push(`${d},${date(d)},${ZONES[z].id},${p},${price(d, z, p, variant).toFixed(3)}`);
  }

  const txns = [
    'txn_id,trader_id,tick,timestamp,product_id,product,category,zone,quantity,unit,unit_price,total,is_repeat,is_substitute',
  ];
  const seen = TRADERS.map(() => new Set<number>());
  let id = 1;
  for (let d = 0; d < TINY.days; d++) {
    const test = d >= TINY.splitDay;
    const hour = 8;
    for (let t = 0; t < TRADERS.length; t++) {
      if ((d + t) % 2 !== 0) continue;
      if (t === 8 && !test) continue;
      if (t === 9 && test) continue;
      const { usual, zone } = TRADERS[t];
      let basket = [usual[d % usual.length], usual[(d + 1) % usual.length]];
      if (test && variant === 'a' && t < 4) basket.push(TINY.testOnlyProduct);
      if (test && variant === 'b') basket = [TINY.testOnlyProduct, 3];
      for (const p of [...new Set(basket)]) {
        const unitPrice = price(d, zone, p, variant);
        const q = 1 + ((d + t + p) % 3);
        const pr = PRODUCTS[p];
        const repeat = seen[t].has(p) ? 1 : 0;
        seen[t].add(p);
        txns.push(
          `${id++},${t},${d * 24 + hour},${date(d)}T${String(hour).padStart(2, '0')}:00:00+02:00,${p},${pr.name},${pr.category},${ZONES[zone].id},${q.toFixed(2)},${pr.unit},${unitPrice.toFixed(3)},${(q * unitPrice).toFixed(2)},${repeat},0`,
        );
      }
    }
  }

  const manifest = {
    seed: 'tiny',
    days: TINY.days,
    counts: { traders: TRADERS.length, transactions: id - 1 },
    scenario: {
      name: 'tiny',
      traders: TRADERS.length,
      weeks: TINY.weeks,
      calendar: { startDate: '2025-01-06', openHour: 5, closeHour: 19 },
      population: {
        personas: PERSONAS.map((p) => ({ id: p, share: 1 / 6, repeat: 0.5, priceSensitivity: 0.5 })),
        budget: { payday: 25 },
      },
      market: {
        catalogue: {
          categories: [{ id: 'vegetables' }, { id: 'grains' }],
          products: PRODUCTS.map(({ id, name, category, unit }) => ({ id, name, category, unit })),
        },
        zones: ZONES.map(({ id, name }) => ({ id, name })),
      },
    },
  };
  writeFileSync(join(dir, 'traders.csv'), `${traders.join('\n')}\n`);
  writeFileSync(join(dir, 'prices.csv'), `${prices.join('\n')}\n`);
  writeFileSync(join(dir, 'transactions.csv'), `${txns.join('\n')}\n`);
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  sealRun(dir);
  return dir;
}

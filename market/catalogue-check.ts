/**
 * Validation of a catalogue and a zone list, run once when a scenario is resolved.
 *
 * A scenario's JSON overrides arrive typed but unchecked, so every field is checked here at
 * runtime and the price process can trust its inputs without checks in the hot loop. Each
 * failure throws an Error naming the field path and the offending value, so a user can find
 * the line in their scenario file.
 */

import type { Catalogue, ZoneSpec } from './types.ts';

const SLUG = /^[a-z0-9_]+$/;
/** Names and units are written unquoted into CSV columns. */
const CSV_UNSAFE = /[",\r\n]/;
/** Largest seasonal half-swing of log price: e^0.8 is already a 5x peak-to-trough ratio. */
const MAX_AMPLITUDE = 0.8;
/** Quantity grid: quarter units keep quantities exact in binary. */
const QUANTUM = 0.25;
const SHARE_TOLERANCE = 1e-9;
const SOURCES: readonly string[] = ['wfp', 'assumption'];

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || value === undefined || typeof value === 'bigint') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `rule` completes "<path> must ...". */
function fail(path: string, rule: string, value: unknown): never {
  throw new Error(`${path} must ${rule}, got ${show(value)}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positive(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    fail(path, 'be a positive number', value);
  }
  return value;
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') fail(path, 'be a non-empty string', value);
  if (CSV_UNSAFE.test(value)) fail(path, 'be free of commas, double quotes and line breaks', value);
  return value;
}

function slug(value: unknown, path: string, seen: Set<string>): string {
  if (typeof value !== 'string' || !SLUG.test(value)) fail(path, 'be a slug of [a-z0-9_]+', value);
  if (seen.has(value)) fail(path, 'be unique', value);
  seen.add(value);
  return value;
}

/** A quantity on the step grid: a positive whole number of steps, at least one. */
function quantity(value: unknown, step: number, path: string): void {
  const q = positive(value, path);
  if (q < step) fail(path, `be at least step ${step}`, q);
  if (!Number.isInteger(q / step)) fail(path, `be a multiple of step ${step}`, q);
}

/**
 * Checks a catalogue field by field and throws an Error naming the first bad field and its
 * value. `path` prefixes product errors, `categoriesPath` category errors.
 */
export function checkCatalogue(
  c: Catalogue,
  path = 'market.products',
  categoriesPath = 'market.categories',
): void {
  const catalogue: unknown = c;
  const root = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : path;
  if (!isRecord(catalogue)) fail(root, 'be an object with categories and products', catalogue);
  const { categories, products } = catalogue;
  if (!Array.isArray(categories) || categories.length === 0) {
    fail(categoriesPath, 'be a non-empty array', categories);
  }
  if (!Array.isArray(products) || products.length === 0) fail(path, 'be a non-empty array', products);

  const categoryIds = new Set<string>();
  categories.forEach((category: unknown, i) => {
    const at = `${categoriesPath}[${i}]`;
    if (!isRecord(category)) fail(at, 'be an object', category);
    slug(category.id, `${at}.id`, categoryIds);
    text(category.name, `${at}.name`);
    positive(category.popularity, `${at}.popularity`);
  });

  const productIds = new Set<string>();
  const used = new Set<string>();
  products.forEach((product: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isRecord(product)) fail(at, 'be an object', product);
    slug(product.id, `${at}.id`, productIds);
    text(product.name, `${at}.name`);
    const category = product.category;
    if (typeof category !== 'string' || !categoryIds.has(category)) {
      fail(`${at}.category`, `be one of the category ids (${[...categoryIds].join(', ')})`, category);
    }
    used.add(category);
    text(product.unit, `${at}.unit`);
    positive(product.basePrice, `${at}.basePrice`);
    const step = positive(product.step, `${at}.step`);
    if (!Number.isInteger(step / QUANTUM)) fail(`${at}.step`, `be a multiple of ${QUANTUM}`, step);
    quantity(product.householdQty, step, `${at}.householdQty`);
    quantity(product.bulkQty, step, `${at}.bulkQty`);
    positive(product.popularity, `${at}.popularity`);
    const season = product.season;
    if (!isRecord(season)) fail(`${at}.season`, 'be an object', season);
    const month = season.peakSupplyMonth;
    if (typeof month !== 'number' || !Number.isInteger(month) || month < 1 || month > 12) {
      fail(`${at}.season.peakSupplyMonth`, 'be an integer month 1-12', month);
    }
    const amplitude = season.amplitude;
    if (typeof amplitude !== 'number' || !(amplitude >= 0 && amplitude <= MAX_AMPLITUDE)) {
      fail(`${at}.season.amplitude`, `be a number in [0, ${MAX_AMPLITUDE}]`, amplitude);
    }
    if (typeof product.source !== 'string' || !SOURCES.includes(product.source)) {
      fail(`${at}.source`, `be one of ${SOURCES.join(', ')}`, product.source);
    }
    if (typeof product.perishable !== 'boolean') fail(`${at}.perishable`, 'be true or false', product.perishable);
  });

  categories.forEach((category: { id: string }, i) => {
    if (!used.has(category.id)) fail(`${categoriesPath}[${i}]`, 'have at least one product', category.id);
  });
}

/**
 * Checks a zone list against the catalogue's category ids and throws an Error naming the first
 * bad field and its value. Shares must sum to 1 within 1e-9.
 */
export function checkZones(z: ZoneSpec[], categoryIds: string[], path = 'market.zones'): void {
  const zones: unknown = z;
  if (!Array.isArray(zones) || zones.length === 0) fail(path, 'be a non-empty array', zones);
  const known = new Set(categoryIds);
  const ids = new Set<string>();
  let shareSum = 0;
  zones.forEach((zone: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isRecord(zone)) fail(at, 'be an object', zone);
    slug(zone.id, `${at}.id`, ids);
    text(zone.name, `${at}.name`);
    text(zone.kind, `${at}.kind`);
    shareSum += positive(zone.share, `${at}.share`);
    positive(zone.activity, `${at}.activity`);
    positive(zone.budget, `${at}.budget`);
    positive(zone.priceLevel, `${at}.priceLevel`);
    const tilt = zone.categoryTilt;
    if (!isRecord(tilt)) fail(`${at}.categoryTilt`, 'be an object of category multipliers', tilt);
    for (const [category, weight] of Object.entries(tilt)) {
      if (!known.has(category)) {
        fail(`${at}.categoryTilt`, `be keyed by category ids (${categoryIds.join(', ')})`, category);
      }
      positive(weight, `${at}.categoryTilt.${category}`);
    }
  });
  if (!(Math.abs(shareSum - 1) < SHARE_TOLERANCE)) {
    fail(`${path}[*].share`, `sum to 1 (within ${SHARE_TOLERANCE})`, shareSum);
  }
}

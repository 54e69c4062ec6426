/**
 * The schema of the market's part of a scenario (config.ts, types.ts): catalogue, zones, price
 * process and stock, with every rule the market relies on, checked once when a scenario is
 * resolved so the price process trusts its inputs without checks in the hot loop. Each rule's
 * message completes "PATH: expected ..., got VALUE" (engine/errors.ts formats it).
 */
import { z } from 'zod';
import type { Catalogue, CategorySpec, ProductSpec, SeasonSpec, ZoneSpec } from './types.ts';
import type { MarketConfig, PriceConfig, StockConfig } from './config.ts';

/** Names and units are written unquoted into CSV columns. */
const CSV_UNSAFE = /[",\r\n]/;
/** Largest seasonal half-swing of log price: e^0.8 is already a 5x peak-to-trough ratio. */
export const MAX_AMPLITUDE = 0.8;
/** Quantity grid: quarter units keep quantities exact in binary. */
export const QUANTUM = 0.25;
/** Shares (zones, personas) must sum to 1 within this. */
export const SHARE_TOLERANCE = 1e-9;

/** A finite number in [lo, hi] (zod 4's number rejects NaN and the infinities). */
export function range(lo: number, hi: number): z.ZodNumber {
  const error = `expected a number in [${lo}, ${hi}]`;
  return z.number({ error }).min(lo, { error }).max(hi, { error });
}

/**
 * A positive number, at most `max` where given. The upper bounds are far beyond any market but keep
 * every number the engine writes (prices, quantities, totals in cents) inside what the CSV encoders
 * format exactly, and the visits of a day countable: the command-line fuzz tests found a run that
 * never ended (1e300 visits a week) and one that overflowed a row's bytes (a 1e300 price).
 */
export function positive(max?: number): z.ZodNumber {
  const error = max === undefined ? 'expected a positive number' : `expected a positive number up to ${max}`;
  const n = z.number({ error }).positive({ error });
  return max === undefined ? n : n.max(max, { error });
}

/** An integer in [lo, hi], described by `what` ("an integer hour 0-23"). */
export function integer(lo: number, hi: number, what = `an integer from ${lo} to ${hi}`): z.ZodNumber {
  const error = `expected ${what}`;
  return z.number({ error }).int({ error }).min(lo, { error }).max(hi, { error });
}

export const slug = z
  .string({ error: 'expected a slug of [a-z0-9_]+' })
  .regex(/^[a-z0-9_]+$/, { error: 'expected a slug of [a-z0-9_]+' });

const text = z
  .string({ error: 'expected a non-empty string' })
  .refine((s) => s.trim() !== '', { error: 'expected a non-empty string' })
  .refine((s) => !CSV_UNSAFE.test(s), { error: 'expected no commas, double quotes or line breaks' });

export const boolean = z.boolean({ error: 'expected true or false' });

/** A cross-field issue (errors.ts reports a field's own error first). */
export function crossIssue(ctx: z.RefinementCtx, path: PropertyKey[], message: string, got: unknown): void {
  ctx.addIssue({ code: 'custom', path, message, params: { crossField: true, got } });
}

/** Every element's id is unique: the second of a pair is named, by index (an id names the first). */
export function uniqueIds(list: { id: string }[], ctx: z.RefinementCtx, at: PropertyKey[] = []): void {
  const seen = new Set<string>();
  list.forEach((e, i) => {
    if (seen.has(e.id)) crossIssue(ctx, [...at, i, 'id'], 'expected a unique id', e.id);
    seen.add(e.id);
  });
}

/** Shares summing to 1 within SHARE_TOLERANCE, reported at `*.share` with the sum. */
export function sharesSumToOne(list: { share: number }[], ctx: z.RefinementCtx): void {
  const total = list.reduce((a, e) => a + e.share, 0);
  if (!(Math.abs(total - 1) < SHARE_TOLERANCE))
    crossIssue(ctx, ['*', 'share'], `expected shares summing to 1 (within ${SHARE_TOLERANCE})`, total);
}

const onGrid = (q: number, step: number): boolean => Number.isInteger(q / step);

const season = z.strictObject({
  peakSupplyMonth: integer(1, 12, 'an integer month 1-12'),
  amplitude: range(0, MAX_AMPLITUDE),
}) satisfies z.ZodType<SeasonSpec>;

const product = z
  .strictObject({
    id: slug,
    name: text,
    category: slug,
    unit: text,
    basePrice: positive(10_000),
    step: positive(1000).refine((s) => onGrid(s, QUANTUM), { error: `expected a multiple of ${QUANTUM}` }),
    householdQty: positive(10_000),
    bulkQty: positive(10_000),
    popularity: positive(),
    season,
    source: z.enum(['wfp', 'assumption'], { error: 'expected one of "wfp", "assumption"' }),
    perishable: boolean,
  })
  .superRefine((p, ctx) => {
    // A quantity on the step grid: a positive whole number of steps, at least one.
    for (const k of ['householdQty', 'bulkQty'] as const) {
      if (p[k] < p.step) crossIssue(ctx, [k], `expected at least step ${p.step}`, p[k]);
      else if (!onGrid(p[k], p.step)) crossIssue(ctx, [k], `expected a multiple of step ${p.step}`, p[k]);
    }
  }) satisfies z.ZodType<ProductSpec>;

const category = z.strictObject({ id: slug, name: text, popularity: positive() }) satisfies z.ZodType<CategorySpec>;

export const catalogueSchema = z
  .strictObject({
    categories: z
      .array(category, { error: 'expected an array of categories' })
      .min(1, { error: 'expected a non-empty array of categories' }),
    products: z
      .array(product, { error: 'expected an array of products' })
      .min(1, { error: 'expected a non-empty array of products' })
      .max(32767, { error: 'expected at most 32767 products' }),
  })
  .superRefine((c, ctx) => {
    uniqueIds(c.categories, ctx, ['categories']);
    uniqueIds(c.products, ctx, ['products']);
    const ids = c.categories.map((x) => x.id);
    const used = new Set<string>();
    c.products.forEach((p, i) => {
      if (!ids.includes(p.category))
        crossIssue(
          ctx,
          ['products', i, 'category'],
          `expected one of the category ids (${ids.join(', ')})`,
          p.category,
        );
      used.add(p.category);
    });
    c.categories.forEach((cat, i) => {
      if (!used.has(cat.id))
        crossIssue(ctx, ['categories', i], 'expected a category with at least one product', cat.id);
    });
  }) satisfies z.ZodType<Catalogue>;

const zone = z.strictObject({
  id: slug,
  name: text,
  kind: text,
  share: positive(),
  activity: positive(10),
  budget: positive(10),
  priceLevel: positive(10),
  categoryTilt: z.record(z.string(), positive(100), { error: 'expected an object of category multipliers' }),
}) satisfies z.ZodType<ZoneSpec>;

export const zonesSchema = z
  .array(zone, { error: 'expected an array of zones' })
  .min(1, { error: 'expected a non-empty array of zones' })
  .max(255, { error: 'expected at most 255 zones' })
  .superRefine((zones, ctx) => {
    uniqueIds(zones, ctx);
    sharesSumToOne(zones, ctx);
  });

export const priceSchema = z.strictObject({
  seasonality: range(0, 3),
  noiseSigma: range(0, 1),
  reversion: range(0, 1),
  demandResponse: range(0, 2),
  paceResponse: range(0, 2),
  markdownMax: range(0, 2),
  // At most the trading hours: checked against the calendar by the scenario's schema.
  markdownHours: integer(1, 24, 'an integer from 1 to the trading hours'),
  maxDeviation: range(0, 3),
}) satisfies z.ZodType<PriceConfig>;

export const stockSchema = z.strictObject({
  enabled: boolean,
  spoilage: boolean,
  margin: range(0, 10),
  safety: range(0, 10),
  perishableSafety: range(0, 10),
  reserveDays: range(0, 60),
  minHouseholds: range(0, 1000),
  deliveryNoise: range(0, 2),
  seasonalSupply: range(0, 5),
  learningRate: range(0.001, 1),
  monthRate: range(0, 1),
}) satisfies z.ZodType<StockConfig>;

export const marketSchema = z
  .strictObject({ catalogue: catalogueSchema, zones: zonesSchema, price: priceSchema, stock: stockSchema })
  .superRefine((m, ctx) => {
    const ids = m.catalogue.categories.map((c) => c.id);
    m.zones.forEach((zn, i) => {
      for (const key of Object.keys(zn.categoryTilt)) {
        if (!ids.includes(key))
          crossIssue(
            ctx,
            ['zones', i, 'categoryTilt'],
            `expected keys among the category ids (${ids.join(', ')})`,
            key,
          );
      }
    });
  }) satisfies z.ZodType<MarketConfig>;

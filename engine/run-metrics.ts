/**
 * The run's outcome measures (metrics.json), computed day by day from the market's hourly book and
 * the shards' sales totals as the run streams, with no second read of any file. Sales arrive as
 * integer counts and cents per (hour, zone, product, persona), summed in shard order. The measures
 * themselves are in run-measures.ts; this runs them, saves and restores their accumulators for a
 * checkpoint, and names their values.
 */
import { dailyLogPrice, dayTotals } from './run-day-totals.ts';
import { type DerivedDay, MEASURES, type Measure, type MetricsDay, type MetricsSetup } from './run-measures.ts';
import type { Scenario } from './scenario.ts';

/** The run's facts the measures need, from the scenario and the persona counts. */
export function metricsSetup(s: Scenario, hours: number, personaTraders: number[]): MetricsSetup {
  const { products, categories } = s.market.catalogue;
  const catIndex = new Map(categories.map((c, i) => [c.id, i]));
  const category = Int32Array.from(products, (p) => catIndex.get(p.category) ?? 0);
  const cheap = new Uint8Array(products.length);
  categories.forEach((_, c) => {
    const members = products.map((p, i) => ({ i, price: p.basePrice })).filter(({ i }) => category[i] === c);
    members.sort((a, b) => a.price - b.price || a.i - b.i);
    const take = Math.max(1, Math.ceil(members.length / 10));
    for (const m of members.slice(0, take)) cheap[m.i] = 1;
  });
  return {
    zones: s.market.zones.length,
    products: products.length,
    hours,
    personaIds: s.population.personas.map((p) => p.id),
    personaTraders,
    categoryIds: categories.map((c) => c.id),
    category,
    perishable: Uint8Array.from(products, (p) => (p.perishable ? 1 : 0)),
    cheap,
  };
}

export class RunMetrics {
  private readonly measures: Measure[];
  private readonly dailyLog: Float64Array;
  private readonly stockedHours: Float64Array;
  private readonly logPrice: Float64Array;
  private readonly items: Float64Array;
  private readonly cents: Float64Array;

  constructor(private readonly setup: MetricsSetup) {
    this.measures = MEASURES.map((m) => m(setup));
    this.dailyLog = new Float64Array(setup.zones * setup.products);
    this.stockedHours = new Float64Array(setup.zones * setup.products);
    const cells = setup.hours * setup.zones * setup.products;
    this.logPrice = new Float64Array(cells);
    this.items = new Float64Array(cells);
    this.cents = new Float64Array(cells);
  }

  day(d: MetricsDay): void {
    // Derived once a day for every measure that reads it.
    dayTotals(this.setup, d, this.logPrice, this.items, this.cents);
    dailyLogPrice(this.setup, d, this.logPrice, this.dailyLog, this.stockedHours);
    const derived: DerivedDay = {
      ...d,
      dailyLog: this.dailyLog,
      items: this.items,
      cents: this.cents,
      logPrice: this.logPrice,
    };
    for (const m of this.measures) m.day(derived);
  }

  /** Every measure's accumulators, back to back (for a checkpoint). */
  save(): Float64Array {
    const all = new Float64Array(this.measures.reduce((n, m) => n + m.acc.length, 0));
    let at = 0;
    for (const m of this.measures) {
      all.set(m.acc, at);
      at += m.acc.length;
    }
    return all;
  }

  /** Restores what save() gave. */
  load(all: Float64Array): void {
    let at = 0;
    for (const m of this.measures) {
      m.acc.set(all.subarray(at, at + m.acc.length));
      at += m.acc.length;
    }
    if (at !== all.length) throw new Error(`checkpoint: ${all.length} metric accumulators, expected ${at}`);
  }

  /** Every measure by name, names sorted; a measure with nothing to measure is null in JSON (NaN here). */
  values(): Record<string, number> {
    const all: Record<string, number> = {};
    for (const m of this.measures) Object.assign(all, m.values());
    return Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

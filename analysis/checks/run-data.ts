/**
 * Everything the validation checks need from a run directory, gathered in one streaming pass over
 * transactions.csv (after traders.csv, the ground truth, and prices.csv): fixed-size accumulators
 * per trader and per day, so memory grows with traders and days, not with transactions.
 *
 * Only the data contract is read (README, "Run directory"); the manifest supplies the configured
 * persona table, calendar, payday and catalogue.
 */
import { openSync, readSync, closeSync } from 'node:fs';
import { join } from 'node:path';
import { calendarDays } from '../calendar.ts';
import { RunDirError, readManifest, streamCsv, type RunManifest } from '../run-dir.ts';
import { LeakTable } from './leak-table.ts';

export interface InvalidValues {
  /** Rows with the problem. */
  count: number;
  /** The first one, for the report: "transactions.csv row 17: quantity = -1". */
  example: string;
}

export interface RunData {
  manifest: RunManifest;
  days: number;
  weeks: number;
  /** Persona ids: the manifest's table in order, then any unknown persona met in traders.csv. */
  personas: string[];
  /** Configured share and repeat probability per persona (0 / NaN for unknown ones). */
  configuredShare: number[];
  configuredRepeat: number[];

  // The ground truth, per trader id (traders.csv).
  traders: number;
  persona: Int32Array;
  joinWeek: Int32Array;
  budget: Float64Array;
  dormant: Uint8Array;
  declines: Uint8Array;

  // Per trader, from transactions.csv.
  items: Float64Array;
  spend: Float64Array;
  /** Distinct purchase hours (ticks). */
  visits: Float64Array;
  repeats: Float64Array;
  /** Items the trader chose itself (not bought as a substitute for a sold-out one): the repeat rate's denominator. */
  chosen: Float64Array;
  /** Items in the trader's most bought category. */
  topCategoryItems: Float64Array;
  /** Sum over purchases of unit_price / the category's mean price in that zone that day. */
  relativePriceSum: Float64Array;
  relativePriceCount: Float64Array;
  /** Items in weeks 1-4 and 13-16 after the join week (week 0, partly before joining, is left out). */
  rampEarly: Float64Array;
  rampLate: Float64Array;

  // Per day of the run.
  itemsPerDay: Float64Array;
  weekday: Uint8Array;
  dayOfMonth: Uint8Array;

  transactions: number;
  invalid: { quantity: InvalidValues; unitPrice: InvalidValues; price: InvalidValues; hours: InvalidValues };

  // Leakage: persona against id deciles, and per-column prediction tables.
  traderDecile: Float64Array;
  txnDecile: Float64Array;
  columnLeaks: LeakTable[];
}

/** Weeks after the join week that count as "first four weeks" and as "weeks 12-16" (see lifecycle.ts). */
export const RAMP_EARLY_WEEKS = [1, 4] as const;
export const RAMP_LATE_WEEKS = [13, 16] as const;

/** Columns examined for leakage besides the ids (and besides the derived hour of day). */
const ID_COLUMNS = ['txn_id', 'trader_id'];
export const HOUR_OF_DAY = 'hour_of_day (from tick)';

function firstLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString('utf8');
    const end = text.indexOf('\n');
    return (end < 0 ? text : text.slice(0, end)).replace(/\r$/, '');
  } finally {
    closeSync(fd);
  }
}

function invalid(): InvalidValues {
  return { count: 0, example: '' };
}

function flag(v: InvalidValues, what: string): void {
  if (v.count++ === 0) v.example = what;
}

/** Reads the run directory once. `leakBins` is the most bins a column is cut into. */
export async function readRunData(dir: string, leakBins: number): Promise<RunData> {
  // readManifest checks the fields read here against its schema.
  const m = readManifest(dir);
  const D = m.days;
  const weeks = Math.floor(D / 7);
  const N = m.counts.traders;
  const { categories, products } = m.scenario.market.catalogue;
  const zones = m.scenario.market.zones;
  const C = categories.length;
  const Z = zones.length;
  const P = products.length;
  const open = m.scenario.calendar.openHour;
  const close = m.scenario.calendar.closeHour;

  // ------------------------------------------------------------------ traders.csv (the truth)
  const personas = m.scenario.population.personas.map((p) => p.id);
  const persona = new Int32Array(N).fill(-1);
  const joinWeek = new Int32Array(N);
  const budget = new Float64Array(N);
  const dormant = new Uint8Array(N);
  const declines = new Uint8Array(N);
  const tradersPath = join(dir, 'traders.csv');
  await streamCsv(tradersPath, ['trader_id', 'persona', 'join_week', 'budget', 'edge_case', 'declines'], (r, ix) => {
    const t = Number(r[ix.trader_id]);
    if (!Number.isInteger(t) || t < 0 || t >= N) throw new RunDirError(`${tradersPath}: trader_id ${JSON.stringify(r[ix.trader_id])} is not an id 0..${N - 1} (manifest counts.traders = ${N})`);
    if (persona[t] >= 0) throw new RunDirError(`${tradersPath}: trader_id ${t} appears twice`);
    let p = personas.indexOf(r[ix.persona]);
    if (p < 0) p = personas.push(r[ix.persona]) - 1;
    persona[t] = p;
    joinWeek[t] = Number(r[ix.join_week]);
    budget[t] = Number(r[ix.budget]);
    dormant[t] = r[ix.edge_case] === 'dormant' ? 1 : 0;
    declines[t] = r[ix.declines] === '1' ? 1 : 0;
  });
  const missing = persona.indexOf(-1);
  if (missing >= 0) throw new RunDirError(`${tradersPath}: trader_id ${missing} is missing (manifest counts.traders = ${N})`);
  const K = personas.length;
  const configured = m.scenario.population.personas;
  const configuredShare = personas.map((_, k) => (k < configured.length ? configured[k].share : 0));
  const configuredRepeat = personas.map((_, k) => (k < configured.length ? configured[k].repeat : NaN));

  // --------------------------------------------------------------------------- calendar
  const { weekday, dayOfMonth } = calendarDays(m.scenario.calendar.startDate, D);

  // -------------------------------------------------- prices.csv: category mean price per day and zone
  const zoneIndex = new Map(zones.map((z, i) => [z.id, i]));
  const catIndex = new Map(categories.map((c, i) => [c.id, i]));
  const catOfProduct = Int32Array.from(products, (p) => catIndex.get(p.category) ?? -1);
  const priceSum = new Float64Array(D * Z * C);
  const priceCount = new Float64Array(D * Z * C);
  const invalidPrice = invalid();
  let priceRow = 0;
  const pricesPath = join(dir, 'prices.csv');
  await streamCsv(pricesPath, ['day', 'zone', 'product_id', 'price'], (r, ix) => {
    priceRow++;
    const price = Number(r[ix.price]);
    if (!(price > 0) || !Number.isFinite(price)) {
      flag(invalidPrice, `prices.csv row ${priceRow}: price = ${JSON.stringify(r[ix.price])}`);
      return;
    }
    const d = Number(r[ix.day]);
    const z = zoneIndex.get(r[ix.zone]);
    const p = Number(r[ix.product_id]);
    if (z === undefined || !(d >= 0 && d < D) || !(p >= 0 && p < P) || catOfProduct[p] < 0) return;
    const k = (d * Z + z) * C + catOfProduct[p];
    priceSum[k] += price;
    priceCount[k]++;
  });

  // ---------------------------------------------------------- transactions.csv, one pass
  const items = new Float64Array(N);
  const spend = new Float64Array(N);
  const visits = new Float64Array(N);
  const repeats = new Float64Array(N);
  const chosen = new Float64Array(N);
  const relativePriceSum = new Float64Array(N);
  const relativePriceCount = new Float64Array(N);
  const rampEarly = new Float64Array(N);
  const rampLate = new Float64Array(N);
  const lastTick = new Float64Array(N).fill(-1);
  const catCount = new Float64Array(N * (C + 1));
  const itemsPerDay = new Float64Array(D);
  const txnDecile = new Float64Array(10 * K);
  const inv = { quantity: invalid(), unitPrice: invalid(), price: invalidPrice, hours: invalid() };
  const nTx = Math.max(1, m.counts.transactions);

  const txPath = join(dir, 'transactions.csv');
  const header = firstLine(txPath).split(',');
  const leakColumns = header.filter((c) => !ID_COLUMNS.includes(c));
  const columnLeaks = [...leakColumns, HOUR_OF_DAY].map((c) => new LeakTable(c, K, leakBins));
  const hourLeak = columnLeaks[columnLeaks.length - 1];
  const needed = ['txn_id', 'trader_id', 'tick', 'category', 'zone', 'quantity', 'unit_price', 'total', 'is_repeat', 'is_substitute'];
  let row = 0;
  await streamCsv(txPath, [...new Set([...needed, ...leakColumns])], (r, ix) => {
    row++;
    const t = Number(r[ix.trader_id]);
    if (!Number.isInteger(t) || t < 0 || t >= N) throw new RunDirError(`${txPath} row ${row}: trader_id ${JSON.stringify(r[ix.trader_id])} is not in traders.csv`);
    const p = persona[t];
    const tick = Number(r[ix.tick]);
    const day = Math.floor(tick / 24);
    const hour = tick - day * 24;
    if (!Number.isInteger(tick) || tick < 0 || day >= D || hour < open || hour >= close) {
      flag(inv.hours, `transactions.csv row ${row}: tick ${JSON.stringify(r[ix.tick])} (hour ${Number.isFinite(hour) ? hour : '?'}, trading hours ${open}:00-${close}:00 over ${D} days)`);
    }
    const q = Number(r[ix.quantity]);
    if (!(q > 0) || !Number.isFinite(q)) flag(inv.quantity, `transactions.csv row ${row}: quantity = ${JSON.stringify(r[ix.quantity])}`);
    const price = Number(r[ix.unit_price]);
    const priceOk = price > 0 && Number.isFinite(price);
    if (!priceOk) flag(inv.unitPrice, `transactions.csv row ${row}: unit_price = ${JSON.stringify(r[ix.unit_price])}`);
    const total = Number(r[ix.total]);

    items[t]++;
    if (Number.isFinite(total)) spend[t] += total;
    if (tick !== lastTick[t]) {
      visits[t]++;
      lastTick[t] = tick;
    }
    if (r[ix.is_repeat] === '1') repeats[t]++;
    if (r[ix.is_substitute] !== '1') chosen[t]++;
    const c = catIndex.get(r[ix.category]) ?? C;
    catCount[t * (C + 1) + c]++;
    const inRun = day >= 0 && day < D;
    if (inRun) {
      itemsPerDay[day]++;
      const z = zoneIndex.get(r[ix.zone]);
      if (priceOk && z !== undefined && c < C) {
        const k = (day * Z + z) * C + c;
        if (priceCount[k] > 0) {
          relativePriceSum[t] += price / (priceSum[k] / priceCount[k]);
          relativePriceCount[t]++;
        }
      }
      const sinceJoin = Math.floor(day / 7) - joinWeek[t];
      if (sinceJoin >= RAMP_EARLY_WEEKS[0] && sinceJoin <= RAMP_EARLY_WEEKS[1]) rampEarly[t]++;
      else if (sinceJoin >= RAMP_LATE_WEEKS[0] && sinceJoin <= RAMP_LATE_WEEKS[1]) rampLate[t]++;
    }

    const id = Number(r[ix.txn_id]);
    const decile = Number.isFinite(id) ? Math.min(9, Math.max(0, Math.floor((10 * (id - 1)) / nTx))) : Math.min(9, Math.floor((10 * (row - 1)) / nTx));
    txnDecile[decile * K + p]++;
    for (let k = 0; k < leakColumns.length; k++) columnLeaks[k].add(r[ix[leakColumns[k]]], p);
    hourLeak.add(Number.isFinite(hour) ? String(hour) : '', p);
  });

  const topCategoryItems = new Float64Array(N);
  for (let t = 0; t < N; t++) {
    let top = 0;
    for (let c = 0; c <= C; c++) top = Math.max(top, catCount[t * (C + 1) + c]);
    topCategoryItems[t] = top;
  }
  const traderDecile = new Float64Array(10 * K);
  for (let t = 0; t < N; t++) traderDecile[Math.floor((10 * t) / N) * K + persona[t]]++;

  return {
    manifest: m,
    days: D,
    weeks,
    personas,
    configuredShare,
    configuredRepeat,
    traders: N,
    persona,
    joinWeek,
    budget,
    dormant,
    declines,
    items,
    spend,
    visits,
    repeats,
    chosen,
    topCategoryItems,
    relativePriceSum,
    relativePriceCount,
    rampEarly,
    rampLate,
    itemsPerDay,
    weekday,
    dayOfMonth,
    transactions: row,
    invalid: inv,
    traderDecile,
    txnDecile,
    columnLeaks,
  };
}

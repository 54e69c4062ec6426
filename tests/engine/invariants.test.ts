/**
 * Invariants of a run directory that must hold row by row, whatever the seed: the data contract
 * (columns, counts, formats, order), the clock, the money and the purchase memory.
 *
 * The files are read with csv-parse, not with the engine's code. Where a check needs a trader's
 * exact join day or unrounded budget (traders.csv has the join week and the budget to the cent),
 * it re-spawns the population with spawnPopulation(scenario, rootKey(seed)), the same call the
 * engine makes; a separate test checks that this table agrees with traders.csv.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnPopulation } from '../../engine/simulate.ts';
import { rootKey } from '../../engine/random.ts';
import type { TraderTable } from '../../agents/index.ts';
import {
  CONTRACT,
  addDays,
  cents,
  readCsv,
  readMarket,
  readPrices,
  readTraders,
  readTransactions,
  runOnce,
  type MarketRow,
  type PriceRow,
  type Run,
  type RunSpec,
  type TraderRow,
  type TxnRow,
} from '../helpers/run.ts';

const RUNS: Record<'personas' | 'uniform' | 'distinct', RunSpec> = {
  // Ten weeks from Monday 6 January: a prorated January, then two paydays (1 February, 1 March).
  personas: { preset: 'personas', traders: 1000, weeks: 10, seed: 'invariants' },
  uniform: { preset: 'uniform', traders: 400, weeks: 6, seed: 'invariants' },
  distinct: { preset: 'distinct', traders: 300, weeks: 5, seed: 'invariants' },
};

interface Loaded {
  run: Run;
  traders: TraderRow[];
  txns: TxnRow[];
  prices: PriceRow[];
  market: MarketRow[];
  table: TraderTable;
}

const loaded = new Map<string, Promise<Loaded>>();

function load(name: keyof typeof RUNS): Promise<Loaded> {
  let p = loaded.get(name);
  if (!p) {
    p = runOnce(RUNS[name]).then((run) => ({
      run,
      traders: readTraders(run.dir),
      txns: readTransactions(run.dir),
      prices: readPrices(run.dir),
      market: readMarket(run.dir),
      table: spawnPopulation(run.scenario, rootKey(run.scenario.seed)),
    }));
    loaded.set(name, p);
  }
  return p;
}

function daysInMonth(isoDate: string): number {
  const [y, m] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function dayOfMonth(isoDate: string): number {
  return Number(isoDate.slice(8, 10));
}

/** Fails with the first offending row only, so a broken invariant does not print 100,000 lines. */
function everyRow<T>(rows: T[], check: (row: T, k: number) => string | undefined): void {
  for (let k = 0; k < rows.length; k++) {
    const problem = check(rows[k], k);
    if (problem !== undefined) assert.fail(`row ${k}: ${problem}\n${JSON.stringify(rows[k])}`);
  }
}

for (const name of Object.keys(RUNS) as (keyof typeof RUNS)[]) {
  test(`${name}: files follow the contract: columns, row counts, sizes`, async () => {
    const { run, txns } = await load(name);
    const s = run.scenario;
    const days = s.weeks * 7;
    const hours = s.calendar.closeHour - s.calendar.openHour;
    const expectedRows = {
      'traders.csv': s.traders,
      'transactions.csv': run.manifest.counts.transactions,
      'prices.csv': days * s.market.zones.length * s.market.catalogue.products.length,
      'market.csv': days * hours * s.market.zones.length * s.market.catalogue.products.length,
    };
    const headers = {
      'traders.csv': CONTRACT.traders,
      'transactions.csv': CONTRACT.transactions,
      'prices.csv': CONTRACT.prices,
      'market.csv': CONTRACT.market,
    };
    for (const [file, rows] of Object.entries(expectedRows) as [keyof typeof headers, number][]) {
      const csv = readCsv(join(run.dir, file));
      assert.deepEqual(csv.header, [...headers[file]], `${file} header is the contract's`);
      assert.equal(csv.rows.length, rows, `${file} row count`);
      assert.equal(run.manifest.files[file].rows, rows, `${file} manifest row count`);
      assert.equal(run.manifest.files[file].bytes, statSync(join(run.dir, file)).size, `${file} manifest bytes`);
      // Round trip: re-serialising what csv-parse read gives back the file byte for byte, so the
      // file is plain RFC 4180 CSV with no stray quotes, spaces or line endings.
      const quote = (f: string) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
      const again = [csv.header, ...csv.rows].map((r) => `${r.map(quote).join(',')}\n`).join('');
      assert.ok(again === readFileSync(join(run.dir, file), 'utf8'), `${file} round-trips through csv-parse`);
    }
    assert.deepEqual(run.manifest.counts, {
      traders: s.traders,
      transactions: txns.length,
      priceRows: expectedRows['prices.csv'],
      marketRows: expectedRows['market.csv'],
    });
    const metrics = JSON.parse(readFileSync(join(run.dir, 'metrics.json'), 'utf8')) as Record<string, number>;
    assert.deepEqual(metrics, run.summary.metrics, 'metrics.json is what simulate returned');
    assert.equal(
      run.manifest.files['metrics.json'].bytes,
      statSync(join(run.dir, 'metrics.json')).size,
      'metrics.json is in the manifest',
    );
    assert.ok(
      Object.keys(metrics).length >= 20 && 'stockout_rate' in metrics && 'cheap_decile_price_index' in metrics,
      'metrics are named',
    );
    assert.ok(txns.length > 500, `enough transactions to make the checks meaningful (${txns.length})`);
  });

  test(`${name}: traders.csv is well formed and agrees with the spawned population`, async () => {
    const { run, traders, table } = await load(name);
    const s = run.scenario;
    const personas = new Set(s.population.personas.map((p) => p.id));
    const zones = s.market.zones.map((z) => z.id);
    const categories = new Set(s.market.catalogue.categories.map((c) => c.id));
    everyRow(traders, (t, i) => {
      if (t.trader_id !== i) return `trader_id ${t.trader_id} is not ${i}`;
      if (!personas.has(t.persona)) return `unknown persona ${t.persona}`;
      if (s.population.personas[table.persona[i]].id !== t.persona) return 'persona differs from the spawn table';
      if (zones[table.zone[i]] !== t.zone) return 'zone differs from the spawn table';
      if (t.join_week !== Math.floor(table.joinDay[i] / 7))
        return `join_week ${t.join_week} but join day ${table.joinDay[i]}`;
      if (Math.abs(t.budget - table.budget[i]) > 0.005 + 1e-9)
        return `budget ${t.budget} but spawned ${table.budget[i]}`;
      if (!(t.budget > 0 && t.activity > 0 && t.quantity_scale > 0))
        return 'budget, activity and quantity_scale are positive';
      if (!(t.repeat_prob >= 0 && t.repeat_prob <= 1)) return `repeat_prob ${t.repeat_prob}`;
      if (!(t.price_sensitivity >= 0)) return `price_sensitivity ${t.price_sensitivity}`;
      if (t.preferred_categories.length === 0 || t.preferred_categories.some((c) => !categories.has(c)))
        return 'preferred_categories';
      if (new Set(t.preferred_categories).size !== t.preferred_categories.length) return 'preferred_categories repeat';
      if (!['', 'power_user', 'dormant'].includes(t.edge_case)) return `edge_case ${t.edge_case}`;
      if (t.declines !== 0 && t.declines !== 1) return `declines ${t.declines}`;
      return undefined;
    });
  });

  test(`${name}: prices.csv covers every day, zone and product in order, in 3 decimals`, async () => {
    const { run, prices } = await load(name);
    const s = run.scenario;
    const Z = s.market.zones.length;
    const P = s.market.catalogue.products.length;
    everyRow(prices, (r, k) => {
      const day = Math.floor(k / (Z * P));
      if (r.day !== day) return `day ${r.day}, expected ${day}`;
      if (r.date !== addDays(s.calendar.startDate, day)) return `date ${r.date} for day ${day}`;
      if (r.zone !== s.market.zones[Math.floor(k / P) % Z].id) return `zone ${r.zone}`;
      if (r.product_id !== k % P) return `product_id ${r.product_id}`;
      if (!/^\d+\.\d{3}$/.test(r.rawPrice) || !(r.price > 0)) return `price ${r.rawPrice}`;
      // Day 0 is the vendors' day of discovery: unlimited stock, nothing delivered or wasted to report.
      if (day === 0 ? !Number.isNaN(r.delivered) || !Number.isNaN(r.wasted) : !(r.delivered >= 0 && r.wasted >= 0)) {
        return `delivered ${r.delivered}, wasted ${r.wasted} on day ${day}`;
      }
      if (r.wasted > 0 && !s.market.catalogue.products[r.product_id].perishable) return 'a storable product was wasted';
      return undefined;
    });
  });

  test(`${name}: market.csv books every trading hour: stock covers what sold, and sold is transactions' quantity`, async () => {
    const { run, market, txns, prices } = await load(name);
    const s = run.scenario;
    const Z = s.market.zones.length;
    const P = s.market.catalogue.products.length;
    const H = s.calendar.closeHour - s.calendar.openHour;
    const zoneIndex = new Map(s.market.zones.map((z, i) => [z.id, i]));
    const bought = new Float64Array(market.length);
    for (const r of txns) {
      const day = Math.floor(r.tick / 24);
      const h = (r.tick % 24) - s.calendar.openHour;
      bought[((day * H + h) * Z + zoneIndex.get(r.zone)!) * P + r.product_id] += r.quantity;
    }
    everyRow(market, (r, k) => {
      const day = Math.floor(k / (H * Z * P));
      const h = Math.floor(k / (Z * P)) % H;
      if (r.day !== day || r.hour !== s.calendar.openHour + h)
        return `day ${r.day} hour ${r.hour}, expected ${day} ${s.calendar.openHour + h}`;
      if (r.zone !== s.market.zones[Math.floor(k / P) % Z].id || r.product_id !== k % P)
        return 'zone or product out of order';
      if (Math.abs(r.sold - bought[k]) > 1e-9) return `sold ${r.sold} but transactions bought ${bought[k]}`;
      if (!(r.unmet >= 0)) return `unmet ${r.unmet}`;
      if (
        r.markdown === 1 &&
        !(s.market.catalogue.products[r.product_id].perishable && H - h <= s.market.price.markdownHours)
      )
        return 'a markdown outside the window or on a storable product';
      if (day === 0 ? !Number.isNaN(r.stock) : !(r.stock >= r.sold - 1e-9))
        return `stock ${r.stock} against sold ${r.sold} on day ${day}`;
      if (h === 0 && r.rawPrice !== prices[day * Z * P + (k % (Z * P))].rawPrice)
        return "the first hour's price is not prices.csv's price of the day";
      // Stock only falls within a day: the next hour opens with this one's stock less what sold.
      if (h + 1 < H && day > 0 && Math.abs(market[k + Z * P].stock - (r.stock - r.sold)) > 1e-9)
        return `next hour's stock ${market[k + Z * P].stock} != ${r.stock} - ${r.sold}`;
      return undefined;
    });
  });

  test(`${name}: transactions are numbered, ordered, timed in trading hours and consistent with the catalogue`, async () => {
    const { run, traders, txns, market, table } = await load(name);
    const s = run.scenario;
    const { products } = s.market.catalogue;
    const { openHour, closeHour, startDate } = s.calendar;
    const Z = s.market.zones.length;
    const P = products.length;
    const H = closeHour - openHour;
    const zoneIndex = new Map(s.market.zones.map((z, i) => [z.id, i]));
    const priceText = (day: number, hour: number, zone: string, product: number) =>
      market[((day * H + hour - openHour) * Z + zoneIndex.get(zone)!) * P + product].rawPrice;
    const hours = new Set<number>();
    everyRow(txns, (r, k) => {
      if (r.txn_id !== k + 1) return `txn_id ${r.txn_id}, expected ${k + 1}`;
      if (k > 0) {
        const q = txns[k - 1];
        if (r.tick < q.tick || (r.tick === q.tick && r.trader_id < q.trader_id))
          return 'rows not sorted by (tick, trader_id)';
      }
      const day = Math.floor(r.tick / 24);
      const hour = r.tick - day * 24;
      hours.add(hour);
      if (hour < openHour || hour >= closeHour)
        return `hour ${hour} outside trading hours ${openHour}-${closeHour - 1}`;
      if (day >= s.weeks * 7) return `day ${day} beyond the horizon`;
      const ts = `${addDays(startDate, day)}T${String(hour).padStart(2, '0')}:00:00+02:00`;
      if (r.timestamp !== ts) return `timestamp ${r.timestamp}, expected ${ts} from tick ${r.tick}`;
      if (Date.parse(r.timestamp) !== Date.parse(`${startDate}T00:00:00+02:00`) + r.tick * 3_600_000)
        return 'timestamp is not start + tick hours';
      if (!(r.trader_id >= 0 && r.trader_id < s.traders)) return `trader_id ${r.trader_id}`;
      const p = products[r.product_id];
      if (!p) return `product_id ${r.product_id}`;
      if (r.product !== p.name || r.category !== p.category || r.unit !== p.unit)
        return `product columns disagree with catalogue entry ${p.id}`;
      if (r.zone !== traders[r.trader_id].zone)
        return `zone ${r.zone} is not the trader's (${traders[r.trader_id].zone})`;
      if (
        !/^\d+\.\d{2}$/.test(r.raw.quantity) ||
        !/^\d+\.\d{3}$/.test(r.raw.unit_price) ||
        !/^\d+\.\d{2}$/.test(r.raw.total)
      )
        return 'number format';
      if (!(r.quantity > 0)) return `quantity ${r.quantity}`;
      const steps = r.quantity / p.step;
      if (Math.abs(steps - Math.round(steps)) > 1e-9)
        return `quantity ${r.quantity} is not a multiple of step ${p.step}`;
      if (Math.abs(r.total - r.quantity * r.unit_price) > 0.005 + 1e-9)
        return `total ${r.total} != round2(${r.quantity} x ${r.unit_price})`;
      if (!(r.total > 0)) return `total ${r.total}`;
      if (r.is_repeat !== 0 && r.is_repeat !== 1) return `is_repeat ${r.is_repeat}`;
      if (r.is_substitute !== 0 && r.is_substitute !== 1) return `is_substitute ${r.is_substitute}`;
      if (r.is_substitute === 1 && r.is_repeat === 1) return 'a substitute is never a repeat purchase';
      const posted = priceText(day, hour, r.zone, r.product_id);
      if (r.raw.unit_price !== posted)
        return `unit_price ${r.raw.unit_price} is not the zone's price in that hour (${posted})`;
      if (day < table.joinDay[r.trader_id])
        return `bought on day ${day} before joining on day ${table.joinDay[r.trader_id]}`;
      if (day >= table.dormantDay[r.trader_id])
        return `bought on day ${day} after going dormant on day ${table.dormantDay[r.trader_id]}`;
      return undefined;
    });
    assert.ok(hours.size > 3, `visits spread over the day (${[...hours].sort((a, b) => a - b).join(',')})`);
  });

  test(`${name}: a repeat purchase is always a product in the trader's purchase memory`, async () => {
    // Replays each trader's memory: its last memorySize distinct products, as a ring. A trader
    // asks for the whole hour's baskets before the hour is cleared, so a repeat in an hour is
    // checked against the memory as it stood at the end of the trader's previous hours.
    const { run, txns } = await load(name);
    const size = run.scenario.population.memorySize;
    const ring = new Map<number, { items: number[]; head: number; tick: number; pending: number[] }>();
    let repeats = 0;
    everyRow(txns, (r) => {
      let m = ring.get(r.trader_id);
      if (!m) {
        m = { items: [], head: 0, tick: r.tick, pending: [] };
        ring.set(r.trader_id, m);
      }
      if (r.tick !== m.tick) {
        for (const product of m.pending) {
          if (m.items.includes(product)) continue;
          if (m.items.length < size) m.items.push(product);
          else m.items[m.head] = product;
          m.head = (m.head + 1) % size;
        }
        m.pending = [];
        m.tick = r.tick;
      }
      if (r.is_repeat === 1) {
        repeats++;
        if (!m.items.includes(r.product_id))
          return `repeat of product ${r.product_id} not in memory [${m.items.join(',')}]`;
      }
      m.pending.push(r.product_id);
      return undefined;
    });
    assert.ok(repeats > 0, 'some purchases are repeats');
  });
}

/**
 * Money lands on payday (day 1 of the month): the whole budget, except in the trader's first
 * month in the run, which is prorated: budget x daysLeft / daysInMonth, rounded to the cent,
 * where daysLeft counts from the first day it trades (the start date for traders already there,
 * the join day for newcomers) to the month's end. A trader's remaining money only goes down
 * between paydays, so "never negative" is: spend in each month <= what arrived that month.
 * Asserts that and returns how many (trader, month) pairs were checked.
 */
function checkMonthlyBudget({ run, txns, table }: Loaded): {
  periods: number;
  firstMonths: number;
  nearlySpent: number;
} {
  const s = run.scenario;
  assert.equal(s.population.budget.cycle, 'monthly');
  assert.equal(s.population.budget.payday, 1, 'the check assumes payday on the 1st');
  const start = s.calendar.startDate;
  const spend = new Map<string, number>();
  for (const r of txns) {
    const month = addDays(start, Math.floor(r.tick / 24)).slice(0, 7);
    const key = `${r.trader_id}|${month}`;
    spend.set(key, (spend.get(key) ?? 0) + cents(r.total));
  }
  let periods = 0;
  let firstMonths = 0;
  let nearlySpent = 0;
  for (const [key, spent] of spend) {
    const [id, month] = key.split('|');
    const i = Number(id);
    const firstDate = addDays(start, Math.max(0, table.joinDay[i]));
    const budget = table.budget[i];
    let allowance: number;
    if (firstDate.slice(0, 7) === month) {
      const dim = daysInMonth(firstDate);
      const daysLeft = dim - dayOfMonth(firstDate) + 1;
      allowance = Math.round(budget * (daysLeft / dim) * 100);
      firstMonths++;
    } else {
      allowance = Math.round(budget * 100);
    }
    periods++;
    if (spent >= 0.95 * allowance) nearlySpent++;
    if (spent > allowance) {
      assert.fail(
        `trader ${i} spent ${spent / 100} in ${month} with ${allowance / 100} available (budget ${budget}, first day ${firstDate})`,
      );
    }
  }
  return { periods, firstMonths, nearlySpent };
}

test('personas (monthly budget): spend per pay month never exceeds the money that arrived', async () => {
  const { periods, firstMonths, nearlySpent } = checkMonthlyBudget(await load('personas'));
  assert.ok(
    firstMonths > 100 && periods > firstMonths + 100,
    `both prorated and full months checked (${firstMonths} of ${periods})`,
  );
  // The bound is not vacuous: budgets bind, so some months are spent to within 5%.
  assert.ok(nearlySpent / periods > 0.05, `months spent to within 5% of the allowance: ${nearlySpent} of ${periods}`);
});

test('distinct (monthly budget): spend per pay month never exceeds the money that arrived', async () => {
  const { periods } = checkMonthlyBudget(await load('distinct'));
  assert.ok(periods > 100, `${periods} trader-months checked`);
});

test('personas: a newcomer who joins mid-month gets its prorated money and can buy before the next payday', async () => {
  const { run, txns, table } = await load('personas');
  const s = run.scenario;
  const start = s.calendar.startDate;
  const days = s.weeks * 7;
  const firstDay = new Map<number, number>();
  for (const r of txns) if (!firstDay.has(r.trader_id)) firstDay.set(r.trader_id, Math.floor(r.tick / 24));
  let eligible = 0;
  let boughtEarly = 0;
  for (let i = 0; i < s.traders; i++) {
    const j = table.joinDay[i];
    if (j < 1 || table.dormantDay[i] < days) continue;
    const date = addDays(start, j);
    if (dayOfMonth(date) === s.population.budget.payday) continue;
    const nextPayday = j + daysInMonth(date) - dayOfMonth(date) + 1;
    if (nextPayday >= days) continue;
    eligible++;
    const f = firstDay.get(i);
    if (f !== undefined && f < nextPayday) boughtEarly++;
  }
  assert.ok(eligible >= 100, `enough mid-month newcomers (${eligible})`);
  // Each has on average about two weeks before payday at >= half its ~2-4 visits a week (the ramp
  // starts at 0.5), so most should have visited and bought; with no money until payday none could.
  assert.ok(
    boughtEarly / eligible > 0.5,
    `${boughtEarly} of ${eligible} mid-month newcomers bought before their first payday`,
  );
});

test('uniform (daily budget): replaying the daily accrual, remaining money never goes negative', async () => {
  // Daily cycle: each day a trader's money grows by budget x 12 / 365, capped at a week's worth,
  // rounded to the cent; purchases then take it down. Replayed exactly, per trader, from the spawn
  // table's unrounded budget, in the file's (chronological) order.
  const { run, txns, table } = await load('uniform');
  const s = run.scenario;
  assert.equal(s.population.budget.cycle, 'daily');
  const byTrader = new Map<number, TxnRow[]>();
  for (const r of txns) {
    const list = byTrader.get(r.trader_id);
    if (list) list.push(r);
    else byTrader.set(r.trader_id, [r]);
  }
  const round2 = (x: number) => Math.round(x * 100) / 100;
  let tight = 0;
  for (const [i, rows] of byTrader) {
    const daily = table.budget[i] * (12 / 365);
    let remaining = 0;
    let day = -1;
    let minLeft = Number.POSITIVE_INFINITY;
    for (const r of rows) {
      const d = Math.floor(r.tick / 24);
      while (day < d) {
        day++;
        if (day >= Math.max(0, table.joinDay[i])) remaining = round2(Math.min(remaining + daily, 7 * daily));
      }
      assert.ok(r.total <= remaining + 1e-9, `trader ${i} day ${d}: spent ${r.total} with ${remaining} left`);
      remaining = round2(remaining - r.total);
      minLeft = Math.min(minLeft, remaining);
    }
    if (minLeft < 0.05 * 7 * daily) tight++;
  }
  assert.ok(tight > 0, 'the budget binds for some traders, so the check is not vacuous');
});

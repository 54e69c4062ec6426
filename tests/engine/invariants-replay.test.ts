/**
 * Replays of each trader's state from its transactions, which must agree with what the engine
 * did whatever the seed: the purchase memory (a repeat purchase is always a product in it) and the
 * money (spend per pay month never exceeds what arrived; a daily budget never goes negative; a
 * mid-month newcomer can buy before its first payday) (invariants-fixture.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, cents, type TxnRow } from '../helpers/run.ts';
import { type Loaded, RUN_NAMES, dayOfMonth, daysInMonth, everyRow, load } from './invariants-fixture.ts';

for (const name of RUN_NAMES) {
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

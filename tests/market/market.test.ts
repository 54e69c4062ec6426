/**
 * The market's trading day driven without traders: requests are made up per hour, cleared and
 * settled as the engine does, so the book can be checked against the rules that made it.
 */
import { test } from 'node:test';
import { mean as d3mean } from 'd3-array';
import assert from 'node:assert/strict';
import { filledQuantity } from '../../market/clearing.ts';
import { Market } from '../../market/market.ts';
import { resolveScenario } from '../../engine/scenario-load.ts';
import { KeyedStream, rootKey } from '../../engine/random.ts';

const HOURS = 14;

/** Runs `days` days with requests from `ask(day, h, zp)` (whole units), each request one buyer's. */
function drive(
  days: number,
  ask: (day: number, h: number, zp: number) => number,
  tweak?: (s: ReturnType<typeof resolveScenario>) => void,
) {
  const s = resolveScenario({ preset: 'personas', traders: 10, weeks: 1, seed: 'market-test' });
  tweak?.(s);
  const m = new Market(s.market, HOURS, s.calendar.weekly);
  const P = m.products;
  const size = m.size;
  const rng = new KeyedStream(rootKey('market-test'));
  const out = new Float64Array(size);
  const requested = new Float64Array(size);
  const ratio = new Float64Array(size);
  const spare = new Float64Array(size);
  const filled = new Float64Array(size);
  const subs = new Float64Array(size);
  const subRatio = new Float64Array(size);
  const book: {
    day: number;
    h: number;
    zp: number;
    stock: number;
    asked: number;
    sold: number;
    unmet: number;
    adjust: number;
    cover: number;
    price: number;
  }[] = [];
  for (let day = 0; day < days; day++) {
    m.open(day % 7, 1 + (day % 28), 1.5, rng.key(4, 0, day), rng.key(5, 0, day));
    for (let h = 0; h < HOURS; h++) {
      const covers = Float64Array.from({ length: size }, (_, zp) => m.vendors.cover(zp, h));
      m.post(h, out);
      for (let zp = 0; zp < size; zp++) requested[zp] = ask(day, h, zp);
      const stock = Float64Array.from(m.vendors.stock);
      m.clear(h, requested, ratio, spare);
      for (let zp = 0; zp < size; zp++) filled[zp] = filledQuantity(requested[zp], ratio[zp], 1);
      subs.fill(0);
      m.settle(h, filled, subs, subRatio);
      for (let zp = 0; zp < size; zp++) {
        const k = h * size + zp;
        book.push({
          day,
          h,
          zp,
          stock: stock[zp],
          asked: requested[zp],
          sold: m.hourSold[k],
          unmet: m.hourUnmet[k],
          adjust: m.hourAdjust[k],
          cover: covers[zp],
          price: m.hourPrice[k],
        });
      }
    }
    m.close();
  }
  return { s, book, P, m };
}

test('markdowns only for perishables with slack stock late in the day; premiums only on short stock', () => {
  // Steady requests, but every third product is asked for twice as much on Fridays: vendors learn
  // the weekday, yet the noise and the learning leave some stalls short and some with slack.
  const { s, book, P } = drive(42, (day, h, zp) => (h % 2 === 0 ? 2 : 1) * (day % 7 === 4 && zp % 3 === 0 ? 2 : 1));
  const products = s.market.catalogue.products;
  const window = s.market.price.markdownHours;
  let markdowns = 0;
  let premiums = 0;
  for (const r of book) {
    if (r.day === 0) {
      assert.equal(r.adjust, 0, 'the day of discovery has no stock-driven prices');
      continue;
    }
    if (r.adjust < 0) {
      markdowns++;
      assert.ok(products[r.zp % P].perishable, `markdown on storable ${products[r.zp % P].id}`);
      assert.ok(HOURS - r.h <= window, `markdown at hour ${r.h}`);
      assert.ok(r.cover > 1, `markdown with cover ${r.cover}`);
    }
    if (r.adjust > 0) {
      premiums++;
      assert.ok(r.cover < 1, `premium with cover ${r.cover}`);
    }
  }
  assert.ok(markdowns > 100 && premiums > 10, `both happen (${markdowns} markdowns, ${premiums} premiums)`);
});

test('stockouts only where the hour asked for more than the stall held; stock only falls within a day', () => {
  const { book, m } = drive(21, (day, h, zp) => ((day * 7 + h * 3 + zp) % 11 === 0 ? 40 : 1));
  let stockouts = 0;
  for (const r of book) {
    if (r.day === 0) continue;
    if (r.unmet > 0) {
      stockouts++;
      assert.ok(r.asked > r.stock, `unmet ${r.unmet} with ${r.asked} asked of ${r.stock}`);
      assert.equal(r.sold + r.unmet, r.asked);
    } else {
      assert.equal(r.sold, r.asked);
    }
    assert.ok(r.sold <= r.stock + 1e-9);
  }
  assert.ok(stockouts > 20, `bursts run stalls out (${stockouts} stockouts)`);
  assert.ok(
    m.vendors.wasted.some((w) => w > 0),
    'some perishables are left at close',
  );
});

test('market.stock.enabled false: unlimited stock, no stock-driven prices, nothing unmet or wasted', () => {
  const { book, m } = drive(
    14,
    (_day, _h, zp) => (zp % 5 === 0 ? 30 : 1),
    (s) => (s.market.stock.enabled = false),
  );
  for (const r of book) {
    assert.equal(r.adjust, 0);
    assert.equal(r.unmet, 0);
    assert.equal(r.stock, Number.POSITIVE_INFINITY);
  }
  assert.ok(m.vendors.unlimited);
});

test('settle: substitutes are sold only where spare stock covers them all; unmet counts own requests only', () => {
  const s = resolveScenario({ preset: 'personas', traders: 10, weeks: 1, seed: 'market-test' });
  const m = new Market(s.market, HOURS, s.calendar.weekly);
  const size = m.size;
  const rng = new KeyedStream(rootKey('settle'));
  const asked = (zp: number): number => (zp < 3 ? 10 : 0);
  // Day 0 teaches the vendors to expect 10 units an hour of products 0-2 in the first zone.
  m.open(0, 1, 1.5, rng.key(4, 0, 0), rng.key(5, 0, 0));
  const zeros = new Float64Array(size);
  const ratio = new Float64Array(size);
  const spare = new Float64Array(size);
  const subRatio = new Float64Array(size);
  const req = Float64Array.from({ length: size }, (_, zp) => asked(zp));
  for (let h = 0; h < HOURS; h++) {
    m.post(h, new Float64Array(size));
    m.clear(h, req, ratio, spare);
    m.settle(h, req, zeros, subRatio);
  }
  m.close();
  m.open(1, 2, 1.5, rng.key(4, 0, 1), rng.key(5, 0, 1));
  m.post(0, new Float64Array(size));
  const stock = Float64Array.from(m.vendors.stock);
  // Product 0 oversubscribed (all its stock asked twice over), product 1 asked for nothing.
  const request = new Float64Array(size);
  request[0] = 2 * stock[0];
  m.clear(0, request, ratio, spare);
  assert.equal(ratio[0], 0.5);
  assert.equal(spare[0], 0, 'a rationed stall has nothing to spare');
  assert.equal(spare[1], stock[1], 'an untouched stall spares all its stock');
  const filled = new Float64Array(size);
  filled[0] = stock[0];
  const subs = new Float64Array(size);
  subs[1] = stock[1]; // exactly its spare stock: filled
  subs[2] = stock[2] + 1; // one unit more than its spare stock: refused
  m.settle(0, filled, subs, subRatio);
  assert.equal(subRatio[1], 1);
  assert.equal(subRatio[2], 0);
  assert.equal(m.hourSold[0], stock[0]);
  assert.equal(m.hourUnmet[0], stock[0], "half of product 0's request went unmet");
  assert.equal(m.hourSold[1], stock[1], 'product 1 sold its whole stock as a substitute');
  assert.equal(m.hourUnmet[1], 0);
  assert.equal(m.hourUnmet[2], 0, "a refused substitute is not unmet again: its buyer's need is unmet at product 0");
  assert.equal(m.hourAsked[0], 2 * stock[0]);
  assert.equal(m.vendors.stock[0], 0);
  assert.equal(m.vendors.stock[1], 0);
  assert.equal(m.vendors.stock[2], stock[2], 'refused substitutes take nothing');
});

test('reserveDays: storable stalls hold days of stock and rarely run out; perishables are untouched', () => {
  // A bulk order three times a stall's usual day lands on about one day in five, at random hours.
  const lumpy = (day: number, h: number, zp: number) => {
    const u = Math.sin(day * 12.9898 + zp * 78.233) * 43758.5453;
    const spike = u - Math.floor(u) < 0.2 && h === (day + zp) % HOURS;
    return spike ? 40 : 1;
  };
  const none = drive(42, lumpy, (s) => (s.market.stock.reserveDays = 0));
  const two = drive(42, lumpy, (s) => (s.market.stock.reserveDays = 2));
  const P = none.P;
  const perishable = (zp: number) => none.s.market.catalogue.products[zp % P].perishable;
  const unmet = (book: typeof none.book, per: boolean) =>
    book.filter((r) => r.day > 0 && perishable(r.zp) === per).reduce((a, r) => a + r.unmet, 0);
  const asked = (book: typeof none.book) =>
    book.filter((r) => r.day > 0 && !perishable(r.zp)).reduce((a, r) => a + r.asked, 0);
  // Perishables keep no reserve, and every stall's stock depends on its own requests only.
  assert.deepEqual(
    two.book.filter((r) => perishable(r.zp)),
    none.book.filter((r) => perishable(r.zp)),
  );
  const before = unmet(none.book, false) / asked(none.book);
  const after = unmet(two.book, false) / asked(two.book);
  assert.ok(before > 0.02, `without a reserve the bursts run storables out (${before})`);
  assert.ok(after < before / 4, `with two days in reserve: storables' stockout ${after} against ${before}`);
  // Opening stock of a storable stall, the morning after a quiet day, holds about two more days.
  const open = (book: typeof none.book, zp: number) =>
    book.filter((r) => r.zp === zp && r.h === 0 && r.day > 7).map((r) => r.stock);
  const zp = Array.from({ length: none.m.size }, (_, k) => k).find((k) => !perishable(k))!;
  const ratio = d3mean(open(two.book, zp))! / d3mean(open(none.book, zp))!;
  assert.ok(ratio > 1.8, `a storable stall opens with ${ratio.toFixed(2)}x the stock`);
});

test('paceResponse: the pace of trade moves prices the stock rule leaves still; 0 leaves no trace', () => {
  // Requests that do not follow the price, with bursts: the same stock, sales and stock rule in both runs.
  const ask = (day: number, h: number, zp: number) => 1 + ((day * 7 + h * 3 + zp) % 5 === 0 ? 4 : 0);
  const paced = drive(22, ask);
  const still = drive(22, ask, (s) => (s.market.price.paceResponse = 0));
  const withoutPrice = (book: typeof paced.book) => book.map(({ price, ...rest }) => rest);
  assert.deepEqual(withoutPrice(paced.book), withoutPrice(still.book));
  const P = paced.P;
  const storable = (zp: number) => !paced.s.market.catalogue.products[zp % P].perishable;
  /** Storable stall-days (stocked at the opening) whose price moves, and those whose stock rule's adjustment moves. */
  const moves = (book: typeof paced.book) => {
    const opening = new Map<number, (typeof book)[number]>();
    const price = new Set<number>();
    const adjust = new Set<number>();
    let stalls = 0;
    for (const r of book) {
      if (r.day === 0 || !storable(r.zp)) continue;
      const key = r.day * paced.m.size + r.zp;
      if (r.h === 0) {
        opening.set(key, r);
        if (r.stock > 0) stalls++;
        continue;
      }
      const o = opening.get(key)!;
      if (o.stock === 0 || r.stock === 0) continue;
      if (r.price !== o.price) price.add(key);
      if (r.adjust !== o.adjust) adjust.add(key);
    }
    return { stalls, price, adjust };
  };
  const off = moves(still.book);
  for (const key of off.price) assert.ok(off.adjust.has(key), `stall-day ${key} moved with no change in cover`);
  const on = moves(paced.book);
  const onlyPace = [...on.price].filter((k) => !on.adjust.has(k)).length;
  assert.ok(onlyPace > on.stalls / 2, `the pace alone moves ${onlyPace} of ${on.stalls} storable stall-days`);
});

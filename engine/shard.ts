/**
 * A shard: a contiguous range of traders stepped through a trading day hour by hour.
 *
 * The same code runs the whole population on one thread or a slice of it in a worker. At the day's
 * start the shard plans its traders' day (lifecycle, money, the hours of their visits); in each
 * trading hour its visitors request baskets at the hour's posted prices, and once the market has
 * cleared the hour they take what they were given and ask for substitutes of what they missed
 * (worker-protocol.ts has the phases). Every draw comes from a stream keyed by (trader, day) or
 * (trader, day, visit, item), and the market's clearing depends only on totals, so a trader's day
 * does not depend on which shard steps it.
 */
import {
  buildBehaviours,
  type BehaviourTable,
  ChoiceTables,
  DayState,
  LifeState,
  advanceLifecycle,
  drawFromCdf,
  type TraderTable,
  cents,
  pay,
  requestVisit,
  substitute,
  type VisitContext,
} from '../agents/index.ts';
import { filledQuantity } from '../market/index.ts';
import type { DayInfo } from './clock.ts';
import { Domain, KeyedStream } from './random.ts';
import { RequestList } from './request-list.ts';
import type { Scenario } from './scenario.ts';
import { TxnBatch } from './txn-batch.ts';
import type { SharedState } from './worker-protocol.ts';

export interface ShardSpec {
  from: number;
  to: number;
}

/**
 * The shared arrays a shard reads and writes, as worker-protocol.ts's SharedState names them;
 * `requested`, `filled`, `substitutes` and `sales` are this shard's slices of them.
 */
export type ShardViews = Pick<
  SharedState,
  'hourPrice' | 'normal' | 'ratio' | 'spare' | 'subRatio' | 'requested' | 'filled' | 'substitutes' | 'sales'
>;

export class Shard {
  /**
   * The day's rows, one batch per trading hour: the hour's purchases in trader order, then from
   * `substituteStart[h]` its substitutes in trader order (the encoder merges the two).
   */
  readonly byHour: TxnBatch[];
  readonly substituteStart: Int32Array;
  private readonly rng: KeyedStream;
  private readonly behaviours: BehaviourTable;
  private readonly choice: ChoiceTables;
  private readonly ctx: VisitContext;
  private readonly hours: number;
  private readonly size: number;
  private readonly personas: number;
  private readonly priceByHour: Float64Array[];
  private readonly requests = new RequestList(4096);
  private readonly subs = new RequestList(256);
  /** The product a substitute() call picked. */
  private readonly picked = new Int32Array(1);
  /** The hour's requests that were not filled in full, in request order. */
  private missed = new Int32Array(4096);
  /** The day's visits in plan order (trader-major), then sorted by hour (stable: trader order kept). */
  private visitTrader = new Int32Array(4096);
  private visitOrdinal = new Uint8Array(4096);
  private visitHour = new Uint8Array(4096);
  private sortedTrader = new Int32Array(4096);
  private sortedOrdinal = new Uint8Array(4096);
  private readonly hourStart: Int32Array;
  private visits = 0;

  constructor(
    private readonly scenario: Scenario,
    private readonly table: TraderTable,
    readonly spec: ShardSpec,
    root: Int32Array,
    private readonly views: ShardViews,
  ) {
    const { population, calendar, market } = scenario;
    this.rng = new KeyedStream(root);
    this.behaviours = buildBehaviours(population, calendar.openHour, calendar.closeHour);
    this.choice = new ChoiceTables(market.catalogue, market.zones, population.dealWeight);
    this.hours = this.behaviours.hours;
    this.size = market.zones.length * market.catalogue.products.length;
    this.personas = population.personas.length;
    this.byHour = Array.from({ length: this.hours }, () => new TxnBatch(4096));
    this.substituteStart = new Int32Array(this.hours);
    this.hourStart = new Int32Array(this.hours + 1);
    this.priceByHour = Array.from({ length: this.hours }, (_, h) =>
      views.hourPrice.subarray(h * this.size, (h + 1) * this.size),
    );
    const products = market.catalogue.products;
    this.ctx = {
      choice: this.choice,
      price: this.priceByHour[0],
      step: Float64Array.from(products, (p) => p.step),
      householdQty: Float64Array.from(products, (p) => p.householdQty),
      bulkQty: Float64Array.from(products, (p) => p.bulkQty),
      behaviours: this.behaviours,
      quantitySigma: population.variation.quantitySigma,
      quantityElasticity: population.quantityElasticity,
    };
  }

  /**
   * HOUR(h): at h = 0 plans the day; at h > 0 takes hour h - 1's substitutes first. Then, for
   * h < hours, the hour's visitors request their baskets.
   */
  startHour(info: DayInfo, h: number): void {
    if (h === 0) this.planDay(info);
    else this.takeSubstitutes(h - 1);
    if (h < this.hours) this.requestHour(info.day, h);
  }

  /** Plans every trader's day: lifecycle, money, and the hours of its visits. */
  private planDay(info: DayInfo): void {
    const t = this.table;
    const pop = this.scenario.population;
    const { from, to } = this.spec;
    const day = info.day;
    const rng = this.rng;
    const hours = this.hours;
    const monthly = pop.budget.cycle === 'monthly';
    const payday = info.dayOfMonth === pop.budget.payday;
    const weekend = info.weekday >= 5;
    // What a trader is left with for the rest of the month when it starts mid-month.
    const monthLeft = monthly
      ? (info.daysInMonth - ((info.dayOfMonth - pop.budget.payday + info.daysInMonth) % info.daysInMonth)) /
        info.daysInMonth
      : 0;
    const dailyShare = 12 / 365;

    this.choice.setNormals(this.views.normal);
    for (const b of this.byHour) b.clear();
    this.views.sales.fill(0);
    this.subs.clear();
    let n = 0;
    for (let i = from; i < to; i++) {
      const before = t.lifeState[i];
      const factor = advanceLifecycle(t, i, day, pop.lifecycle);
      if (factor === 0) continue;
      // Money: a monthly budget lands on payday (prorated for the first month); or accrues daily.
      if (monthly) {
        if (before === LifeState.notJoined) {
          // First trading day: the rest of this month's money.
          t.remaining[i] = Math.round(t.budget[i] * monthLeft * 100) / 100;
          t.dayState[i] = DayState.atHome;
        } else if (payday) {
          t.remaining[i] = t.budget[i];
          t.dayState[i] = DayState.atHome;
        }
      } else {
        const daily = t.budget[i] * dailyShare;
        t.remaining[i] = Math.round(Math.min(t.remaining[i] + daily, 7 * daily) * 100) / 100;
        t.dayState[i] = DayState.atHome;
      }
      if (t.dayState[i] === DayState.budgetSpent) continue;
      const b = t.behaviour[i];
      const rate = (t.activity[i] / 7) * factor * info.cycleFactor * (weekend ? this.behaviours.weekend[b] : 1);
      // The day uses up `rate` of the intensity due; each time it runs out, a visit, and a fresh
      // Exp(1) until the next. Over a day this gives Poisson(rate) visits, as a per-day draw would.
      let due = t.visitDue[i] - rate;
      if (due > 0) {
        t.visitDue[i] = due;
        continue;
      }
      rng.key(Domain.visits, i, day);
      let ordinal = 0;
      while (due <= 0) {
        if (n === this.visitTrader.length) this.growVisits();
        this.visitTrader[n] = i;
        this.visitOrdinal[n] = ordinal++;
        this.visitHour[n] = drawFromCdf(rng, this.behaviours.hourCdf, b * hours, hours);
        n++;
        due -= Math.log(1 - rng.next());
      }
      t.visitDue[i] = due;
    }
    // Counting sort by hour, stable: each hour's visits stay in (trader, draw) order.
    this.visits = n;
    const start = this.hourStart;
    start.fill(0);
    for (let v = 0; v < n; v++) start[this.visitHour[v] + 1]++;
    for (let h = 0; h < hours; h++) start[h + 1] += start[h];
    if (this.sortedTrader.length < n) {
      this.sortedTrader = new Int32Array(this.visitTrader.length);
      this.sortedOrdinal = new Uint8Array(this.visitTrader.length);
    }
    const next = Int32Array.from(start.subarray(0, hours));
    for (let v = 0; v < n; v++) {
      const k = next[this.visitHour[v]]++;
      this.sortedTrader[k] = this.visitTrader[v];
      this.sortedOrdinal[k] = this.visitOrdinal[v];
    }
  }

  /** The hour's visitors request their baskets at its posted prices. */
  private requestHour(day: number, h: number): void {
    const t = this.table;
    const ctx = this.ctx;
    const rng = this.rng;
    const reqs = this.requests;
    ctx.price = this.priceByHour[h];
    this.choice.update(ctx.price);
    reqs.clear();
    // The hour's units asked per stall are summed as the requests arrive.
    this.views.requested.fill(0);
    reqs.totals = this.views.requested;
    let last = -1;
    let committed = 0;
    for (let v = this.hourStart[h]; v < this.hourStart[h + 1]; v++) {
      const i = this.sortedTrader[v];
      if (t.dayState[i] === DayState.budgetSpent) continue;
      if (i !== last) {
        last = i;
        committed = 0;
      }
      const ordinal = this.sortedOrdinal[v];
      rng.key(Domain.basket, i, day, ordinal);
      committed = requestVisit(t, i, ctx, rng, reqs, committed, ordinal);
    }
  }

  /**
   * SETTLE(h): every request takes its pro-rata fill and pays for it; then, for what was missed,
   * the trader asks for a substitute (agents/visit.ts) or goes without.
   */
  settleHour(day: number, h: number): void {
    const t = this.table;
    const ctx = this.ctx;
    const reqs = this.requests;
    const { ratio, spare, filled, substitutes } = this.views;
    const P = this.choice.products;
    const price = ctx.price;
    const batch = this.byHour[h];
    filled.fill(0);
    substitutes.fill(0);
    if (this.missed.length < reqs.length) this.missed = new Int32Array(reqs.trader.length);
    const missedAt = this.missed;
    let missed = 0;
    for (let r = 0; r < reqs.length; r++) {
      const i = reqs.trader[r];
      const p = reqs.product[r];
      const zp = reqs.zp[r];
      const q = reqs.quantity[r];
      const got = filledQuantity(q, ratio[zp], ctx.step[p]);
      if (got > 0) {
        const total = pay(t, i, p, got === q ? reqs.cost[r] : cents(got * price[zp]));
        batch.add(i, p, got, total, reqs.repeat[r], 0);
        filled[zp] += got;
        this.recordSale(h, zp, i, total);
      }
      // What was missed: kept in the request, and where, for the substitution pass below.
      reqs.quantity[r] = q - got;
      if (got < q) {
        missedAt[missed++] = r;
        // Money promised to the missed part comes back: a trader turned home as broke may shop again.
        if (t.dayState[i] === DayState.budgetSpent) t.dayState[i] = DayState.atHome;
      }
    }
    this.substituteStart[h] = batch.length;
    this.subs.clear();
    if (missed === 0) return;
    const rng = this.rng;
    const subs = this.subs;
    let last = -1;
    let committed = 0;
    for (let m = 0; m < missed; m++) {
      const r = missedAt[m];
      const missing = reqs.quantity[r];
      const i = reqs.trader[r];
      if (i !== last) {
        last = i;
        committed = 0;
      }
      rng.key(Domain.substitute, i, day, reqs.key[r]);
      const q = substitute(
        t,
        i,
        reqs.product[r],
        missing,
        ctx,
        spare,
        rng.next(),
        cents(t.remaining[i] - committed),
        this.picked,
      );
      if (q === 0) continue;
      const s = this.picked[0];
      const zs = t.zone[i] * P + s;
      const cost = cents(q * price[zs]);
      committed = cents(committed + cost);
      subs.request(i, s, zs, q, 0, 0, cost);
      substitutes[zs] += q;
    }
  }

  /** Hour h's substitutes whose product had enough spare stock for all who asked (subRatio 1). */
  private takeSubstitutes(h: number): void {
    const t = this.table;
    const subs = this.subs;
    const batch = this.byHour[h];
    const subRatio = this.views.subRatio;
    for (let r = 0; r < subs.length; r++) {
      const i = subs.trader[r];
      const s = subs.product[r];
      const zs = subs.zp[r];
      if (subRatio[zs] !== 1) continue;
      const total = pay(t, i, s, subs.cost[r]);
      batch.add(i, s, subs.quantity[r], total, 0, 1);
      this.recordSale(h, zs, i, total);
    }
    subs.clear();
  }

  /** Counts an item and its cents for the run's metrics (integers: exact in any order). */
  private recordSale(h: number, zp: number, trader: number, total: number): void {
    const k = ((h * this.size + zp) * this.personas + this.table.persona[trader]) * 2;
    this.views.sales[k]++;
    this.views.sales[k + 1] += Math.round(total * 100);
  }

  /** Visits planned today (for tests and timing). */
  get plannedVisits(): number {
    return this.visits;
  }

  private growVisits(): void {
    const n = this.visitTrader.length * 2;
    const t = new Int32Array(n);
    t.set(this.visitTrader);
    this.visitTrader = t;
    const o = new Uint8Array(n);
    o.set(this.visitOrdinal);
    this.visitOrdinal = o;
    const h = new Uint8Array(n);
    h.set(this.visitHour);
    this.visitHour = h;
  }
}

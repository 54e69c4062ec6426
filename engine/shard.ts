/**
 * A shard: a contiguous range of traders stepped one trading day at a time.
 *
 * The same code runs the whole population on one thread or a slice of it in a worker: the only
 * inputs are the shared trader table, the day's prices and the day's calendar; the outputs are the
 * shard's transactions (in tick, then trader order), its demand per (zone, product) and its row
 * count per trading hour. Every draw comes from a stream keyed by (trader, day) or
 * (trader, day, visit), so a trader's day does not depend on which shard steps it.
 */
import { buildBehaviours, type BehaviourTable } from '../agents/behaviour.ts';
import { ChoiceTables } from '../agents/choice.ts';
import { DayState, LifeState, advanceLifecycle } from '../agents/lifecycle.ts';
import { drawFromCdf } from '../agents/random-source.ts';
import type { TraderTable } from '../agents/trader-table.ts';
import { shopVisit, type VisitContext } from '../agents/visit.ts';
import type { DayInfo } from './clock.ts';
import { Domain, KeyedStream } from './random.ts';
import type { Scenario } from './scenario.ts';
import { TxnBatch } from './txn-batch.ts';

export interface ShardSpec {
  from: number;
  to: number;
}

export class Shard {
  readonly batch = new TxnBatch(4096);
  /** Rows of the day's batch per trading hour: rows of hour h are [hourStart[h], hourStart[h + 1]). */
  readonly hourStart: Int32Array;
  private readonly rng: KeyedStream;
  private readonly behaviours: BehaviourTable;
  private readonly choice: ChoiceTables;
  private readonly ctx: VisitContext;
  private readonly horizonDays: number;
  private readonly declineStart: number;
  private visitTrader = new Int32Array(1024);
  private visitHour = new Uint8Array(1024);
  /** The visit's number among the trader's visits of the day: part of its random key. */
  private visitOrdinal = new Uint8Array(1024);
  private sortedOrdinal = new Uint8Array(1024);
  private sortedTrader = new Int32Array(1024);
  private readonly hourCount: Int32Array;

  constructor(
    private readonly scenario: Scenario,
    private readonly table: TraderTable,
    readonly spec: ShardSpec,
    root: Int32Array,
    /** Today's prices and normals [zone * products + product], written by the market before each day. */
    price: Float64Array,
    normal: Float64Array,
    /** This shard's demand per (zone, product), in product units; zeroed and filled each day. */
    readonly demand: Float64Array,
  ) {
    const { population, calendar, market } = scenario;
    this.rng = new KeyedStream(root);
    this.behaviours = buildBehaviours(population, calendar.openHour, calendar.closeHour);
    this.choice = new ChoiceTables(market.catalogue, market.zones, population.dealWeight);
    this.hourStart = new Int32Array(this.behaviours.hours + 1);
    this.hourCount = new Int32Array(this.behaviours.hours);
    this.horizonDays = scenario.weeks * 7;
    this.declineStart = Math.floor(this.horizonDays * population.lifecycle.declineFrom);
    const products = market.catalogue.products;
    this.ctx = {
      choice: this.choice,
      price,
      normal,
      step: Float64Array.from(products, (p) => p.step),
      householdQty: Float64Array.from(products, (p) => p.householdQty),
      bulkQty: Float64Array.from(products, (p) => p.bulkQty),
      behaviours: this.behaviours,
      quantitySigma: population.variation.quantitySigma,
      quantityElasticity: population.quantityElasticity,
    };
  }

  /** Steps every trader of the shard through one trading day. */
  stepDay(info: DayInfo): void {
    const t = this.table;
    const pop = this.scenario.population;
    const { from, to } = this.spec;
    const day = info.day;
    const rng = this.rng;
    const hours = this.behaviours.hours;
    const monthly = pop.budget.cycle === 'monthly';
    const payday = info.dayOfMonth === pop.budget.payday;
    const weekend = info.weekday >= 5;
    // What a trader is left with for the rest of the month when it starts mid-month.
    const monthLeft = monthly ? (info.daysInMonth - ((info.dayOfMonth - pop.budget.payday + info.daysInMonth) % info.daysInMonth)) / info.daysInMonth : 0;
    const dailyShare = 12 / 365;

    this.choice.update(this.ctx.price, this.ctx.normal);
    this.batch.clear();
    this.demand.fill(0);
    this.hourCount.fill(0);
    let visits = 0;

    for (let i = from; i < to; i++) {
      const before = t.lifeState[i];
      const factor = advanceLifecycle(t, i, day, pop.lifecycle, this.horizonDays, this.declineStart);
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
      let k = 0;
      while (due <= 0) {
        if (visits === this.visitTrader.length) this.growVisits();
        const h = drawFromCdf(rng, this.behaviours.hourCdf, b * hours, hours);
        this.visitTrader[visits] = i;
        this.visitHour[visits] = h;
        this.visitOrdinal[visits] = k;
        this.hourCount[h]++;
        visits++;
        k++;
        due -= Math.log(1 - rng.next());
      }
      t.visitDue[i] = due;
    }

    // Counting sort by hour; stable, so within an hour traders stay in ascending order.
    const start = this.hourStart;
    start[0] = 0;
    for (let h = 0; h < hours; h++) start[h + 1] = start[h] + this.hourCount[h];
    const cursor = this.hourCount;
    for (let h = 0; h < hours; h++) cursor[h] = start[h];
    for (let v = 0; v < visits; v++) {
      const slot = cursor[this.visitHour[v]]++;
      this.sortedTrader[slot] = this.visitTrader[v];
      this.sortedOrdinal[slot] = this.visitOrdinal[v];
    }

    const batch = this.batch;
    const P = this.choice.products;
    for (let h = 0; h < hours; h++) {
      const tick = day * 24 + this.behaviours.openHour + h;
      const rowStart = batch.length;
      for (let v = start[h]; v < start[h + 1]; v++) {
        const i = this.sortedTrader[v];
        if (t.dayState[i] === DayState.budgetSpent) continue;
        rng.key(Domain.basket, i, day, this.sortedOrdinal[v]);
        shopVisit(t, i, tick, this.ctx, rng, batch);
      }
      for (let r = rowStart; r < batch.length; r++) {
        this.demand[t.zone[batch.trader[r]] * P + batch.product[r]] += batch.quantity[r];
      }
      this.hourStart[h] = rowStart;
    }
    this.hourStart[hours] = batch.length;
  }

  private growVisits(): void {
    const cap = this.visitTrader.length * 2;
    const t = new Int32Array(cap);
    t.set(this.visitTrader);
    this.visitTrader = t;
    const h = new Uint8Array(cap);
    h.set(this.visitHour);
    this.visitHour = h;
    const o = new Uint8Array(cap);
    o.set(this.visitOrdinal);
    this.visitOrdinal = o;
    this.sortedTrader = new Int32Array(cap);
    this.sortedOrdinal = new Uint8Array(cap);
  }
}

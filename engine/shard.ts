/**
 * A shard: a contiguous range of traders stepped one trading day at a time.
 *
 * The same code runs the whole population on one thread or a slice of it in a worker: the only
 * inputs are the shared trader table, the day's prices and the day's calendar; the outputs are the
 * shard's transactions, one batch per trading hour in trader order, and its demand per
 * (zone, product). Every draw comes from a stream keyed by (trader, day) or
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
  /**
   * The day's rows, one batch per trading hour. Traders are served in order, each visit's rows go
   * to its hour's batch, so every batch is in (trader, visit) order: (tick, trader) order with no sort.
   */
  readonly byHour: TxnBatch[];
  private readonly rng: KeyedStream;
  private readonly behaviours: BehaviourTable;
  private readonly choice: ChoiceTables;
  private readonly ctx: VisitContext;
  private readonly horizonDays: number;
  private readonly declineStart: number;
  /** One trader's visits of the day: hour and the visit's number (part of its random key). */
  private dayHour = new Uint8Array(16);
  private dayOrdinal = new Uint8Array(16);

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
    this.byHour = Array.from({ length: this.behaviours.hours }, () => new TxnBatch(4096));
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
    const byHour = this.byHour;
    for (const b of byHour) b.clear();
    this.demand.fill(0);

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
      let n = 0;
      while (due <= 0) {
        if (n === this.dayHour.length) this.growDay();
        this.dayHour[n] = drawFromCdf(rng, this.behaviours.hourCdf, b * hours, hours);
        this.dayOrdinal[n] = n;
        n++;
        due -= Math.log(1 - rng.next());
      }
      t.visitDue[i] = due;
      // The trader's visits in hour order (insertion sort: almost always one or two, and stable,
      // so visits in the same hour keep their draw order).
      for (let a = 1; a < n; a++) {
        const h = this.dayHour[a];
        const o = this.dayOrdinal[a];
        let c = a - 1;
        while (c >= 0 && this.dayHour[c] > h) {
          this.dayHour[c + 1] = this.dayHour[c];
          this.dayOrdinal[c + 1] = this.dayOrdinal[c];
          c--;
        }
        this.dayHour[c + 1] = h;
        this.dayOrdinal[c + 1] = o;
      }
      // Served trader by trader, so each trader's arrays are touched once a day.
      for (let v = 0; v < n; v++) {
        if (t.dayState[i] === DayState.budgetSpent) break;
        const hour = this.dayHour[v];
        rng.key(Domain.basket, i, day, this.dayOrdinal[v]);
        shopVisit(t, i, this.ctx, rng, byHour[hour]);
      }
    }

    const P = this.choice.products;
    for (const batch of byHour) {
      for (let r = 0; r < batch.length; r++) {
        this.demand[t.zone[batch.trader[r]] * P + batch.product[r]] += batch.quantity[r];
      }
    }
  }

  private growDay(): void {
    const h = new Uint8Array(this.dayHour.length * 2);
    h.set(this.dayHour);
    this.dayHour = h;
    const o = new Uint8Array(this.dayOrdinal.length * 2);
    o.set(this.dayOrdinal);
    this.dayOrdinal = o;
  }
}

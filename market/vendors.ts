/**
 * Vendors' stock of every (zone, product): the morning delivery, what is left hour by hour, what
 * spoils at close, and what vendors expect to sell.
 *
 * Expected sales and their spread are learnt per weekday from what buyers asked for (sold plus
 * unmet), and the day's shape per hour from the same requests, so a vendor short yesterday brings
 * more today. The delivery aims at the expectation plus a margin plus a safety stock of some
 * standard deviations of the day's requests (the newsvendor's rule: the lumpier the demand, the
 * more it takes to run out rarely), times the product's seasonal availability and lognormal noise,
 * less what carried over. Perishables are brought fresh and what is unsold at
 * close is waste; storable goods carry over, and their vendors keep a reserve of some days' sales
 * on top, as dry-goods stalls restocked from wholesalers do.
 *
 * The first trading day is the vendors' day of discovery: they meet every request (no stock
 * limit, no stock-driven prices) and set their expectations from it, scaled to each weekday by the
 * calendar's market-day pattern. So a run starts at the vendors' steady state instead of climbing
 * out of empty expectations, and its first weeks look like the later ones.
 */
import type { StockConfig } from './config.ts';
import { normalDraw } from './prices.ts';
import type { ProductSpec, UniformSource } from './types.ts';

export class Vendors {
  readonly size: number;
  /** Stock on the stalls now, per (zone * products + product); Infinity when unlimited. */
  readonly stock: Float64Array;
  readonly delivered: Float64Array;
  readonly wasted: Float64Array;
  /** Units asked for today per (hour * size + zp): sold plus unmet. */
  readonly requestedByHour: Float64Array;
  /** Stock on the stall at the day's opening, per zp: what the pace of trade is measured against. */
  private readonly openingStock: Float64Array;
  /** Whether today's stock is unlimited (stock switched off, or the day of discovery). */
  unlimited = true;
  private readonly expected: Float64Array;
  /** Exponentially weighted variance of the day's requests, per weekday and zp. */
  private readonly variance: Float64Array;
  private readonly profile: Float64Array;
  /**
   * Per (zone * 31 + day of month - 1): how busy that day of the month is against the weekday
   * expectation (1 = as expected). Vendors learn the payday rush and the month-end lull.
   */
  private readonly month: Float64Array;
  private dayOfMonth = 1;
  /** Sales expected today per zp (expectedToday), fixed from the morning: cover and ahead read it every hour. */
  private readonly today: Float64Array;
  private readonly monthUsed: Float64Array;
  private readonly products: number;
  /** Share of the day's expected sales still to come from each hour on, per (zp * (hours + 1) + hour). */
  private readonly tail: Float64Array;
  private readonly perishable: Uint8Array;
  private readonly step: Float64Array;
  private readonly floor: Float64Array;
  /** Days of expected sales held in reserve: reserveDays for storable goods, 0 for perishables. */
  private readonly reserve: Float64Array;
  private learnt = false;
  private weekday = 0;

  constructor(
    private readonly config: StockConfig,
    products: ProductSpec[],
    zones: number,
    private readonly hours: number,
    /** The calendar's visit multipliers Monday..Sunday: vendors know which days are market days. */
    private readonly weekly: number[],
  ) {
    const P = products.length;
    this.size = zones * P;
    this.stock = new Float64Array(this.size);
    this.delivered = new Float64Array(this.size);
    this.wasted = new Float64Array(this.size);
    this.requestedByHour = new Float64Array(hours * this.size);
    this.openingStock = new Float64Array(this.size);
    this.expected = new Float64Array(7 * this.size);
    this.variance = new Float64Array(7 * this.size);
    this.month = new Float64Array(zones * 31).fill(1);
    this.monthUsed = new Float64Array(zones);
    this.today = new Float64Array(this.size);
    this.products = P;
    this.profile = new Float64Array(hours * this.size);
    this.tail = new Float64Array(this.size * (hours + 1));
    this.perishable = new Uint8Array(this.size);
    this.step = new Float64Array(this.size);
    this.floor = new Float64Array(this.size);
    this.reserve = new Float64Array(this.size);
    for (let zp = 0; zp < this.size; zp++) {
      const p = products[zp % P];
      // Without spoilage every product keeps overnight, as storable goods do.
      this.perishable[zp] = p.perishable && config.spoilage ? 1 : 0;
      this.step[zp] = p.step;
      this.floor[zp] = config.minHouseholds * p.householdQty;
      this.reserve[zp] = this.perishable[zp] === 1 ? 0 : config.reserveDays;
    }
  }

  /** Spoils at close (and so is marked down late when left over). */
  isPerishable(zp: number): boolean {
    return this.perishable[zp] === 1;
  }

  /**
   * The morning delivery. `season` is each product's seasonal log-price offset today (positive
   * out of season); `rng` is the day's supply stream.
   */
  open(weekday: number, dayOfMonth: number, season: Float64Array, rng: UniformSource): void {
    this.weekday = weekday;
    this.dayOfMonth = dayOfMonth;
    this.requestedByHour.fill(0);
    this.wasted.fill(0);
    for (let zp = 0; zp < this.size; zp++) this.today[zp] = this.expectedToday(zp);
    const c = this.config;
    this.unlimited = !c.enabled || !this.learnt;
    if (this.unlimited) {
      this.stock.fill(Number.POSITIVE_INFINITY);
      this.delivered.fill(0);
      return;
    }
    const P = season.length;
    const H = this.hours;
    const base = weekday * this.size;
    // Lognormal noise with mean 1, so the margin alone sets the average surplus.
    const noiseMean = -0.5 * c.deliveryNoise * c.deliveryNoise;
    for (let zp = 0; zp < this.size; zp++) {
      const expect = this.today[zp];
      const safety = this.perishable[zp] === 1 ? c.perishableSafety : c.safety;
      const want =
        Math.max(this.floor[zp], expect * (1 + c.margin) + safety * Math.sqrt(this.variance[base + zp])) +
        this.reserve[zp] * expect;
      const supply =
        want * Math.exp(-c.seasonalSupply * season[zp % P] + noiseMean + c.deliveryNoise * normalDraw(rng));
      const carry = this.perishable[zp] === 1 ? 0 : this.stock[zp];
      const step = this.step[zp];
      const delivery = Math.max(0, Math.round((supply - carry) / step) * step);
      this.delivered[zp] = delivery;
      this.stock[zp] = carry + delivery;
      this.openingStock[zp] = carry + delivery;
      // The share of the day's sales still to come from each hour on.
      let total = 0;
      for (let h = 0; h < H; h++) total += this.profile[h * this.size + zp];
      let acc = total;
      const row = zp * (H + 1);
      for (let h = 0; h < H; h++) {
        this.tail[row + h] = total > 0 ? acc / total : (H - h) / H;
        acc -= this.profile[h * this.size + zp];
      }
      this.tail[row + H] = 0;
    }
  }

  /** Sales the vendor expects today at stall zp: its weekday's expectation times the day-of-month pattern. */
  private expectedToday(zp: number): number {
    return (
      this.expected[this.weekday * this.size + zp] *
      this.month[Math.floor(zp / this.products) * 31 + this.dayOfMonth - 1]
    );
  }

  /**
   * Stock on the stall against what the vendor wants on it from hour `h` on: the sales expected
   * to close, plus the reserve a storable good's vendor keeps (so the price rises only as the
   * reserve runs down, and a vendor with days of stock behind it barely moves).
   */
  cover(zp: number, h: number): number {
    const expect = this.today[zp] * (this.tail[zp * (this.hours + 1) + h] + this.reserve[zp]);
    return expect > 0 ? this.stock[zp] / expect : Number.POSITIVE_INFINITY;
  }

  /**
   * How far the day's trade runs ahead of the vendor's plan at the start of hour `h`, for every
   * stall into `out` (per zp): units asked for in the hours before it (sold plus unmet) less the
   * sales expected by then, over the morning's stock. 0 in the first hour, and on an empty morning
   * stall (nothing to pace). The hours are summed row by row, each stall's in hour order.
   */
  ahead(h: number, out: Float64Array): void {
    out.fill(0);
    // An unlimited day (stock off, the day of discovery) has no stock to pace against.
    if (this.unlimited || h === 0) return;
    const size = this.size;
    const asked = this.requestedByHour;
    for (let k = 0; k < h; k++) for (let zp = 0, at = k * size; zp < size; zp++, at++) out[zp] += asked[at];
    const H1 = this.hours + 1;
    for (let zp = 0; zp < size; zp++) {
      const open = this.openingStock[zp];
      out[zp] = open > 0 ? (out[zp] - this.today[zp] * (1 - this.tail[zp * H1 + h])) / open : 0;
    }
  }

  /** What carries from one day to the next, by name: stock, expectations, the learnt patterns (for checkpoints). */
  state(): Record<string, Float64Array> {
    return {
      stock: this.stock,
      expected: this.expected,
      variance: this.variance,
      profile: this.profile,
      month: this.month,
      learnt: Float64Array.of(this.learnt ? 1 : 0),
    };
  }

  /** Restores what state() gave (copies). */
  restore(state: Record<string, Float64Array>): void {
    const own = this.state();
    for (const [name, a] of Object.entries(own)) {
      const from = state[name];
      if (!from || from.length !== a.length)
        throw new Error(`checkpoint: vendors' ${name} has ${from?.length} entries, expected ${a.length}`);
      if (name !== 'learnt') a.set(from);
    }
    this.learnt = state.learnt[0] === 1;
  }

  /** Close of trading: perishables left over are waste; expectations learn from today's requests. */
  close(): void {
    const H = this.hours;
    const size = this.size;
    const discovery = !this.learnt;
    const lr = this.config.learningRate;
    const today = this.weekday;
    const P = this.products;
    /** The day-of-month factor each zone's expectations used today: requests are divided by it to learn the weekday. */
    const used = this.monthUsed;
    for (let z = 0; z < used.length; z++) {
      const k = z * 31 + this.dayOfMonth - 1;
      used[z] = this.month[k];
      if (discovery) continue;
      // The zone's day against its weekday expectation, before that learns from it.
      let asked = 0;
      let expected = 0;
      for (let zp = z * P; zp < (z + 1) * P; zp++) {
        for (let h = 0; h < H; h++) asked += this.requestedByHour[h * size + zp];
        expected += this.expected[today * size + zp];
      }
      if (expected > 0) this.month[k] += this.config.monthRate * (asked / expected - this.month[k]);
    }
    for (let zp = 0; zp < size; zp++) {
      let asked = 0;
      for (let h = 0; h < H; h++) asked += this.requestedByHour[h * size + zp];
      asked /= used[Math.floor(zp / P)];
      if (discovery) {
        // Every weekday's expectation from this one day, scaled by the market-day pattern.
        for (let wd = 0; wd < 7; wd++) {
          const scale = this.weekly[today] > 0 ? this.weekly[wd] / this.weekly[today] : 1;
          this.expected[wd * size + zp] = asked * scale;
          // One day shows no spread: start from a coefficient of variation of one half.
          this.variance[wd * size + zp] = (0.5 * asked * scale) ** 2;
        }
        for (let h = 0; h < H; h++) this.profile[h * size + zp] = this.requestedByHour[h * size + zp];
      } else {
        const e = today * size + zp;
        // Exponentially weighted mean and variance (West 1979's incremental form).
        const diff = asked - this.expected[e];
        this.expected[e] += lr * diff;
        this.variance[e] = (1 - lr) * (this.variance[e] + lr * diff * diff);
        for (let h = 0; h < H; h++) {
          const k = h * size + zp;
          this.profile[k] += lr * (this.requestedByHour[k] - this.profile[k]);
        }
      }
      if (!this.unlimited && this.perishable[zp] === 1) {
        this.wasted[zp] = this.stock[zp];
        this.stock[zp] = 0;
      }
    }
    if (this.config.enabled && discovery) {
      // Storables start the next day from an empty stall, like everyone else after discovery.
      this.stock.fill(0);
    }
    this.learnt = true;
  }
}

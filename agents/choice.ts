/**
 * Price-sensitive product choice within a category.
 *
 * A trader exploring a category picks product p with weight
 *   popularity x seasonal availability x (price / category reference)^-s x (price / normal price)^-(s x dealWeight)
 * where s is the trader's price sensitivity: s = 0 ignores price, a bargain hunter's high s all but
 * always takes the cheapest item and jumps on the hour's discounts. The weights depend only on the
 * posted prices, so they are tabulated per (zone, sensitivity level) and the hot loop does a table
 * walk, not an exp per product.
 *
 * A (zone, category)'s tables are rebuilt only when read after one of its prices or the day's
 * normals changed: a small population shops in one or two zones an hour, and many prices hold from
 * hour to hour. The rebuild does the same arithmetic on the same inputs, so the tables are the
 * same bits as an eager rebuild every hour.
 */
import type { Catalogue, ZoneSpec } from '../market/index.ts';

/** Sensitivity is quantised to this many levels over [0, MAX_SENSITIVITY] for the tables. */
export const SENSITIVITY_LEVELS = 32;
export const MAX_SENSITIVITY = 4;

export function sensitivityLevel(s: number): number {
  const level = Math.round((s / MAX_SENSITIVITY) * (SENSITIVITY_LEVELS - 1));
  return level < 0 ? 0 : level > SENSITIVITY_LEVELS - 1 ? SENSITIVITY_LEVELS - 1 : level;
}

export class ChoiceTables {
  readonly zones: number;
  readonly products: number;
  /** Products grouped by category: catProducts[catStart[c] .. catStart[c + 1]). */
  readonly catStart: Int32Array;
  readonly catProducts: Int16Array;
  /** Category of each product. */
  readonly productCategory: Uint8Array;
  /** Cumulative weights, laid out [(zone * LEVELS + level) * products + catStart[c] + k]; a (zone, category)'s are current once `fresh`. */
  private readonly cdf: Float64Array;
  /** log(price / seasonal normal) per (zone, product): the hour's premium or discount, always current. */
  readonly logPremium: Float64Array;
  private readonly logPopularity: Float64Array;
  private readonly logBase: Float64Array;
  private readonly logRef: Float64Array;
  /** The log seasonal normals per (zone, product): those in use, and the day's from setNormals until update() takes them. */
  private readonly logNormal: Float64Array;
  private readonly nextLogNormal: Float64Array;
  /** Per (zone, product): the weight at s = 0 (fixed for the day), and the last price seen with its log. */
  private readonly weight0: Float64Array;
  private readonly price: Float64Array;
  private readonly logPrice: Float64Array;
  /** Per (zone, product): the weight's factor per level, and 1 where it awaits recomputing from logPrice. */
  private readonly factor: Float64Array;
  private readonly factorStale: Uint8Array;
  /** Per (zone * categories + category): 1 once its cdf matches the current prices and normals. */
  private readonly fresh: Uint8Array;
  /** Set by setNormals: the next update takes up the day's normals and recomputes every (zone, product). */
  private newDay = true;
  /** Scratch per catalogue slot while a (zone, category) is rebuilt: a product's weight at the current level, and its factor. */
  private readonly weight: Float64Array;
  private readonly slotFactor: Float64Array;

  constructor(
    catalogue: Catalogue,
    zones: ZoneSpec[],
    private readonly dealWeight: number,
  ) {
    const P = catalogue.products.length;
    const C = catalogue.categories.length;
    this.zones = zones.length;
    this.products = P;
    this.catStart = new Int32Array(C + 1);
    this.catProducts = new Int16Array(P);
    this.productCategory = new Uint8Array(P);
    const catIndex = new Map(catalogue.categories.map((c, i) => [c.id, i]));
    let k = 0;
    for (let c = 0; c < C; c++) {
      this.catStart[c] = k;
      catalogue.products.forEach((p, pi) => {
        if (catIndex.get(p.category) === c) {
          this.catProducts[k++] = pi;
          this.productCategory[pi] = c;
        }
      });
    }
    this.catStart[C] = k;
    this.cdf = new Float64Array(this.zones * SENSITIVITY_LEVELS * P);
    this.logPremium = new Float64Array(this.zones * P);
    this.logPopularity = Float64Array.from(catalogue.products, (p) => Math.log(p.popularity));
    this.logBase = new Float64Array(this.zones * P);
    this.logRef = new Float64Array(this.zones * C);
    this.logNormal = new Float64Array(this.zones * P);
    this.nextLogNormal = new Float64Array(this.zones * P);
    this.weight0 = new Float64Array(this.zones * P);
    this.price = new Float64Array(this.zones * P).fill(Number.NaN);
    this.logPrice = new Float64Array(this.zones * P);
    this.factor = new Float64Array(this.zones * P);
    this.factorStale = new Uint8Array(this.zones * P).fill(1);
    this.fresh = new Uint8Array(this.zones * C);
    this.weight = new Float64Array(P);
    this.slotFactor = new Float64Array(P);
    for (let z = 0; z < this.zones; z++) {
      for (let p = 0; p < P; p++)
        this.logBase[z * P + p] = Math.log(catalogue.products[p].basePrice * zones[z].priceLevel);
      for (let c = 0; c < C; c++) {
        // The category's reference price is the geometric mean of its products' base prices.
        let sum = 0;
        for (let j = this.catStart[c]; j < this.catStart[c + 1]; j++) sum += this.logBase[z * P + this.catProducts[j]];
        this.logRef[z * C + c] = sum / (this.catStart[c + 1] - this.catStart[c]);
      }
    }
  }

  /** Sets the day's seasonal normals, laid out [zone * products + product]; the next update() takes them up. */
  setNormals(normal: Float64Array): void {
    for (let zp = 0; zp < this.nextLogNormal.length; zp++) this.nextLogNormal[zp] = Math.log(normal[zp]);
    this.newDay = true;
  }

  /**
   * Takes the hour's posted prices, laid out [zone * products + product]: the premiums now, and a
   * (zone, category)'s tables at its next read (ensureCategory) if any of its prices moved.
   */
  update(price: Float64Array): void {
    const P = this.products;
    const all = this.newDay;
    if (all) {
      for (let zp = 0; zp < this.logNormal.length; zp++) {
        const logNormal = this.nextLogNormal[zp];
        this.logNormal[zp] = logNormal;
        // In season a product is plentiful: availability is the inverse of its seasonal price offset.
        const logAvail = this.logBase[zp] - logNormal;
        this.weight0[zp] = Math.exp(this.logPopularity[zp % P] + logAvail);
      }
    }
    const C = this.catStart.length - 1;
    for (let z = 0; z < this.zones; z++) {
      for (let p = 0, zp = z * P; p < P; p++, zp++) {
        const x = price[zp];
        if (x === this.price[zp] && !all) continue;
        if (x !== this.price[zp]) {
          this.price[zp] = x;
          this.logPrice[zp] = Math.log(x);
        }
        this.logPremium[zp] = this.logPrice[zp] - this.logNormal[zp];
        this.factorStale[zp] = 1;
        this.fresh[z * C + this.productCategory[p]] = 0;
      }
    }
    this.newDay = false;
  }

  /**
   * Rebuilds the tables of category c in zone z. A product's weight at level l is A x B^l, with A
   * its weight at s = 0 and B = exp(-ds x X) for the level spacing ds and X its log price terms;
   * the levels are walked by multiplication, so a rebuild costs one exp per product whose price moved.
   */
  private ensureCategory(z: number, c: number): void {
    const P = this.products;
    const C = this.catStart.length - 1;
    const ds = MAX_SENSITIVITY / (SENSITIVITY_LEVELS - 1);
    const weight = this.weight;
    const factor = this.slotFactor;
    const start = this.catStart[c];
    const end = this.catStart[c + 1];
    for (let j = start; j < end; j++) {
      const zp = z * P + this.catProducts[j];
      if (this.factorStale[zp] === 1) {
        const logPrice = this.logPrice[zp];
        const logNormal = this.logNormal[zp];
        this.factor[zp] = Math.exp(
          -ds * (logPrice - this.logRef[z * C + c] + this.dealWeight * (logPrice - logNormal)),
        );
        this.factorStale[zp] = 0;
      }
      weight[j] = this.weight0[zp];
      factor[j] = this.factor[zp];
    }
    const cdf = this.cdf;
    for (let level = 0; level < SENSITIVITY_LEVELS; level++) {
      const row = (z * SENSITIVITY_LEVELS + level) * P;
      let acc = 0;
      for (let j = start; j < end; j++) {
        acc += weight[j];
        weight[j] *= factor[j];
        cdf[row + j] = acc;
      }
    }
    this.fresh[z * C + c] = 1;
  }

  /** Draws a product of category c for a trader of zone z at a sensitivity level, given u in [0, 1). */
  pick(z: number, level: number, c: number, u: number): number {
    if (this.fresh[z * (this.catStart.length - 1) + c] === 0) this.ensureCategory(z, c);
    const row = (z * SENSITIVITY_LEVELS + level) * this.products;
    const start = this.catStart[c];
    const end = this.catStart[c + 1];
    const target = u * this.cdf[row + end - 1];
    let j = start;
    while (j < end - 1 && this.cdf[row + j] <= target) j++;
    return this.catProducts[j];
  }

  /**
   * Draws a product of p's category other than p, among those with spare stock (spare[zp] > 0),
   * for a trader of zone z at a sensitivity level, given u in [0, 1); -1 if there is none.
   */
  pickOther(z: number, level: number, p: number, spare: Float64Array, u: number): number {
    const c = this.productCategory[p];
    if (this.fresh[z * (this.catStart.length - 1) + c] === 0) this.ensureCategory(z, c);
    const P = this.products;
    const row = (z * SENSITIVITY_LEVELS + level) * P;
    const start = this.catStart[c];
    const end = this.catStart[c + 1];
    let total = 0;
    let prev = 0;
    for (let j = start; j < end; j++) {
      const q = this.catProducts[j];
      if (q !== p && spare[z * P + q] > 0) total += this.cdf[row + j] - prev;
      prev = this.cdf[row + j];
    }
    if (!(total > 0)) return -1;
    let target = u * total;
    prev = 0;
    let last = -1;
    for (let j = start; j < end; j++) {
      const q = this.catProducts[j];
      const w = this.cdf[row + j] - prev;
      prev = this.cdf[row + j];
      if (q === p || !(spare[z * P + q] > 0)) continue;
      last = q;
      if (target < w) return q;
      target -= w;
    }
    return last;
  }
}

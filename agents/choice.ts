/**
 * Price-sensitive product choice within a category.
 *
 * A trader exploring a category picks product p with weight
 *   popularity x seasonal availability x (price / category reference)^-s x (price / normal price)^-(s x dealWeight)
 * where s is the trader's price sensitivity: s = 0 ignores price, a bargain hunter's high s all but
 * always takes the cheapest item and jumps on the hour's discounts. The weights depend only on the
 * posted prices, so they are tabulated once per trading hour for every (zone, sensitivity level) and
 * the hot loop does a table walk, not an exp per product.
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
  /** Cumulative weights, laid out [(zone * LEVELS + level) * products + catStart[c] + k]. */
  readonly cdf: Float64Array;
  /** log(price / seasonal normal) per (zone, product): today's premium or discount. */
  readonly logPremium: Float64Array;
  private readonly logPopularity: Float64Array;
  private readonly logBase: Float64Array;
  private readonly logRef: Float64Array;
  /** The day's log seasonal normals, per (zone, product). */
  private readonly logNormal: Float64Array;
  /** Scratch per catalogue slot: a product's weight at the current level, and its factor per level. */
  private readonly weight: Float64Array;
  private readonly factor: Float64Array;

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
    this.weight = new Float64Array(P);
    this.factor = new Float64Array(P);
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

  /** Sets the day's seasonal normals, laid out [zone * products + product]; update() then reads them. */
  setNormals(normal: Float64Array): void {
    for (let zp = 0; zp < this.logNormal.length; zp++) this.logNormal[zp] = Math.log(normal[zp]);
  }

  /**
   * Rebuilds the tables from the hour's posted prices, laid out [zone * products + product].
   * A product's weight at level l is A x B^l, with A its weight at s = 0 and B = exp(-ds x X) for
   * the level spacing ds and X its log price terms; the levels are walked by multiplication, so an
   * update costs one exp per (zone, product), cheap enough to run every trading hour.
   */
  update(price: Float64Array): void {
    const P = this.products;
    const C = this.catStart.length - 1;
    const ds = MAX_SENSITIVITY / (SENSITIVITY_LEVELS - 1);
    const weight = this.weight;
    const factor = this.factor;
    for (let z = 0; z < this.zones; z++) {
      for (let c = 0; c < C; c++) {
        for (let j = this.catStart[c]; j < this.catStart[c + 1]; j++) {
          const p = this.catProducts[j];
          const zp = z * P + p;
          const logPrice = Math.log(price[zp]);
          const logNormal = this.logNormal[zp];
          this.logPremium[zp] = logPrice - logNormal;
          // In season a product is plentiful: availability is the inverse of its seasonal price offset.
          const logAvail = this.logBase[zp] - logNormal;
          weight[j] = Math.exp(this.logPopularity[p] + logAvail);
          factor[j] = Math.exp(-ds * (logPrice - this.logRef[z * C + c] + this.dealWeight * (logPrice - logNormal)));
        }
      }
      for (let level = 0; level < SENSITIVITY_LEVELS; level++) {
        const row = (z * SENSITIVITY_LEVELS + level) * P;
        for (let c = 0; c < C; c++) {
          let acc = 0;
          for (let j = this.catStart[c]; j < this.catStart[c + 1]; j++) {
            acc += weight[j];
            weight[j] *= factor[j];
            this.cdf[row + j] = acc;
          }
        }
      }
    }
  }

  /** Draws a product of category c for a trader of zone z at a sensitivity level, given u in [0, 1). */
  pick(z: number, level: number, c: number, u: number): number {
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
    const P = this.products;
    const row = (z * SENSITIVITY_LEVELS + level) * P;
    const c = this.productCategory[p];
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

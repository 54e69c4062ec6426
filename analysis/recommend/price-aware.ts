/**
 * Price-aware recommendations for price-sensitive segments: cheaper items in the trader's own
 * categories, at the prices of the last training day.
 *
 * Fit. Each segment's price sensitivity s is estimated from its members' exploratory training
 * purchases (is_repeat = 0) by maximum likelihood in a conditional logit of the product chosen
 * within its category, given that day's prices in the buyer's zone:
 *   P(j | category c, day, zone) = p_j^-s / sum over products i of c of p_i^-s,
 * s = 0 ignoring price, larger s leaning to the cheap items. The log-likelihood is concave in s,
 * so a few Newton steps from s = 0 find it. The same model fitted on every trader's exploratory
 * purchases gives the market's s; a segment is price-sensitive when its s exceeds the market's
 * (its members lean to cheap items more than the market as a whole does).
 *
 * Recommend. A trader outside the price-sensitive segments gets its personal history (as
 * history.ts). A trader inside one gets its history mixed with cheap items of its categories,
 * weighted by how it shopped in the training weeks:
 *   score(j) = r h(j) + (1 - r) q(c_j) P(j | c_j, last training day, the trader's zone)
 * where r is the trader's share of repeat items, h(j) its share of items that were j, q(c) its
 * share of items in category c, and P the segment's fitted choice model at the last training
 * day's prices. Only products someone bought in the training weeks are candidates; ties and the
 * rest by global popularity.
 */
import { buyersPerProduct, rankProducts, type Recommender, type TrainingData } from './interface.ts';

/** Newton steps at most, and the step size at which they stop. */
const NEWTON_STEPS = 50;
const NEWTON_TOL = 1e-9;

/** One exploratory purchase: the day, zone and category it was chosen in, and the log price paid. */
interface ChoiceSet {
  /** Offset of the (day, zone) price row in dayPrice. */
  base: number;
  category: number;
  logPrice: number;
}

/**
 * Maximum-likelihood s of the conditional logit P(j) ∝ p_j^-s within each purchase's category.
 * Returns 0 when there is no purchase or no price variation to learn from.
 */
export function fitSensitivity(
  choices: readonly ChoiceSet[],
  logPrice: Float64Array,
  members: readonly number[][],
): number {
  let s = 0;
  for (let step = 0; step < NEWTON_STEPS; step++) {
    let grad = 0;
    let curvature = 0;
    for (const ch of choices) {
      let sw = 0;
      let swx = 0;
      let swx2 = 0;
      for (const i of members[ch.category]) {
        const x = logPrice[ch.base + i];
        if (!Number.isFinite(x)) continue;
        const w = Math.exp(-s * x);
        sw += w;
        swx += w * x;
        swx2 += w * x * x;
      }
      if (sw === 0) continue;
      const ex = swx / sw;
      // d/ds log P(chosen) = E[x] - x_chosen; d2/ds2 = -Var[x]
      grad += ex - ch.logPrice;
      curvature += swx2 / sw - ex * ex;
    }
    if (!(curvature > 0)) return 0;
    const delta = grad / curvature;
    s += delta;
    if (Math.abs(delta) < NEWTON_TOL) break;
  }
  return s;
}

export function priceAwareRecommender(): Recommender {
  let train: TrainingData | undefined;
  let buyers: Float64Array = new Float64Array(0);
  let repeatShare = new Float64Array(0);
  let items = new Float64Array(0);
  let segmentS: number[] = [];
  let marketS = 0;
  let sensitive: boolean[] = [];
  return {
    name: 'price-aware',
    description:
      "in price-sensitive segments (fitted price sensitivity above the market's), the trader's history mixed with cheap items of its categories at the last training day's prices; elsewhere its history",
    fit(t: TrainingData): void {
      train = t;
      buyers = buyersPerProduct(t);
      const P = t.products;
      const Z = t.zones.length;
      const C = t.categories.length;
      const members: number[][] = Array.from({ length: C }, () => []);
      for (let p = 0; p < P; p++) members[t.productCategory[p]].push(p);
      const logPrice = Float64Array.from(t.dayPrice, (x) => (x > 0 ? Math.log(x) : NaN));

      repeatShare = new Float64Array(t.traders);
      items = new Float64Array(t.traders);
      const bySegment: ChoiceSet[][] = Array.from({ length: t.segments.k }, () => []);
      const all: ChoiceSet[] = [];
      const pu = t.purchases;
      for (let i = 0; i < pu.length; i++) {
        const tr = pu.trader[i];
        items[tr]++;
        repeatShare[tr] += pu.isRepeat[i];
        if (pu.isRepeat[i] === 1 || pu.zone[i] < 0) continue;
        const base = (Math.floor(pu.tick[i] / 24) * Z + pu.zone[i]) * P;
        const x = logPrice[base + pu.product[i]];
        if (!Number.isFinite(x)) continue;
        const ch = { base, category: t.productCategory[pu.product[i]], logPrice: x };
        all.push(ch);
        const s = t.segments.label[tr];
        if (s >= 0) bySegment[s].push(ch);
      }
      for (let tr = 0; tr < t.traders; tr++) repeatShare[tr] = items[tr] > 0 ? repeatShare[tr] / items[tr] : 0;
      marketS = fitSensitivity(all, logPrice, members);
      segmentS = bySegment.map((choices) => fitSensitivity(choices, logPrice, members));
      sensitive = segmentS.map((s) => s > marketS);
    },
    recommend(trader: number, k: number): number[] {
      const T = train!;
      const P = T.products;
      const own = T.counts.subarray(trader * P, (trader + 1) * P);
      const seg = T.segments.label[trader];
      const z = T.traderZone[trader];
      if (seg < 0 || !sensitive[seg] || z < 0) return rankProducts(own, buyers, k);
      const s = segmentS[seg];
      const C = T.categories.length;
      const n = items[trader];
      const catShare = new Float64Array(C);
      for (let p = 0; p < P; p++) catShare[T.productCategory[p]] += own[p] / n;
      // The choice model at the last training day's prices in the trader's zone, over candidates.
      const w = new Float64Array(P);
      const wSum = new Float64Array(C);
      for (let p = 0; p < P; p++) {
        const price = T.lastDayPrice[z * P + p];
        if (buyers[p] > 0 && price > 0) {
          w[p] = Math.exp(-s * Math.log(price));
          wSum[T.productCategory[p]] += w[p];
        }
      }
      const r = repeatShare[trader];
      const score = new Float64Array(P);
      for (let p = 0; p < P; p++) {
        const c = T.productCategory[p];
        score[p] = r * (own[p] / n) + (1 - r) * catShare[c] * (wSum[c] > 0 ? w[p] / wSum[c] : 0);
      }
      return rankProducts(score, buyers, k);
    },
    details(): Record<string, unknown> {
      return {
        marketSensitivity: marketS,
        segmentSensitivity: segmentS,
        priceSensitiveSegments: sensitive.flatMap((x, i) => (x ? [i] : [])),
      };
    },
  };
}

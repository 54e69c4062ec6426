/**
 * Item-to-item co-occurrence: products bought by the same traders.
 *
 * From the training weeks' trader x product "bought at least once" matrix B, the similarity of
 * products i and j is the cosine of their buyer sets,
 *   sim(i, j) = |buyers(i) ∩ buyers(j)| / sqrt(|buyers(i)| |buyers(j)|),  sim(i, i) = 1,
 * and a trader's score for product j is the sum of sim(i, j) over the products i it bought. A
 * product the trader bought scores at least 1 (itself), so its own staples rank high, and the rest
 * of the list goes to what buyers of the same things buy. Ties and the rest by global popularity.
 */
import { buyersPerProduct, rankProducts, type Recommender, type TrainingData } from './interface.ts';

export function cooccurrenceRecommender(): Recommender {
  let train: TrainingData | undefined;
  let buyers: Float64Array = new Float64Array(0);
  let sim = new Float64Array(0);
  return {
    name: 'cooccurrence',
    description:
      'item-to-item: sum over the products the trader bought of their cosine similarity (shared buyers) with each product',
    fit(t: TrainingData): void {
      train = t;
      buyers = buyersPerProduct(t);
      const P = t.products;
      const co = new Float64Array(P * P);
      const bought: number[] = [];
      for (let tr = 0; tr < t.traders; tr++) {
        bought.length = 0;
        for (let p = 0; p < P; p++) if (t.counts[tr * P + p] > 0) bought.push(p);
        for (const i of bought) for (const j of bought) co[i * P + j]++;
      }
      sim = new Float64Array(P * P);
      for (let i = 0; i < P; i++) {
        for (let j = 0; j < P; j++) {
          const d = Math.sqrt(buyers[i] * buyers[j]);
          sim[i * P + j] = d > 0 ? co[i * P + j] / d : 0;
        }
      }
    },
    recommend(trader: number, k: number): number[] {
      const P = train!.products;
      const score = new Float64Array(P);
      for (let i = 0; i < P; i++) {
        if (train!.counts[trader * P + i] === 0) continue;
        for (let j = 0; j < P; j++) score[j] += sim[i * P + j];
      }
      return rankProducts(score, buyers, k);
    },
  };
}

/** Personal history: the trader's own most bought products (items in the training weeks), filled up with popularity. */
import { buyersPerProduct, rankProducts, type Recommender, type TrainingData } from './interface.ts';

export function historyRecommender(): Recommender {
  let train: TrainingData | undefined;
  let buyers: Float64Array = new Float64Array(0);
  return {
    name: 'history',
    description:
      "personal history: the trader's own products by items bought in the training weeks, filled up with global popularity",
    fit(t: TrainingData): void {
      train = t;
      buyers = buyersPerProduct(t);
    },
    recommend(trader: number, k: number): number[] {
      const P = train!.products;
      return rankProducts(train!.counts.subarray(trader * P, (trader + 1) * P), buyers, k);
    },
  };
}

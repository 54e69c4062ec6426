/**
 * Scoring recommenders on a temporal split: each is fitted on the training data, asked for a top-k
 * list for every evaluated trader, and scored against what that trader bought in the test weeks
 * (metrics.ts). Evaluated traders are those with at least one training purchase (something to
 * personalise from) and at least one test purchase (something to be right about). Personas are
 * read only to break the results down, never by a recommender.
 */
import { catalogueCoverage, scoreList } from './metrics.ts';
import type { Recommender, TrainingData } from './interface.ts';
import type { TestSets } from './split.ts';

export interface GroupScores {
  traders: number;
  hitRate: number;
  recall: number;
  ndcg: number;
}

export interface PersonaScores extends GroupScores {
  persona: string;
}

export interface RecommenderScores {
  name: string;
  description: string;
  hitRate: number;
  recall: number;
  ndcg: number;
  /** ndcg / the popularity baseline's ndcg - 1 (0 for the baseline itself; null without one). */
  ndcgGainVsPopularity: number | null;
  coverage: number;
  byPersona: PersonaScores[];
  details?: Record<string, unknown>;
}

/** Trader ids with at least one training purchase and at least one test purchase, ascending. */
export function evaluatedTraders(train: TrainingData, test: TestSets): number[] {
  const P = train.products;
  const out: number[] = [];
  for (let t = 0; t < train.traders; t++) {
    if (test.products[t].size === 0) continue;
    let bought = false;
    for (let p = 0; p < P && !bought; p++) bought = train.counts[t * P + p] > 0;
    if (bought) out.push(t);
  }
  return out;
}

/**
 * Fits and scores each recommender.
 *
 * @param train - the training data (nothing from the test weeks)
 * @param test - the test sets
 * @param recommenders - fitted here, in order
 * @param k - list length
 * @param persona - persona name per trader id, for the breakdown (personaOrder fixes its order)
 */
export function evaluate(
  train: TrainingData,
  test: TestSets,
  recommenders: readonly Recommender[],
  k: number,
  persona: readonly string[],
  personaOrder: readonly string[] = [],
): RecommenderScores[] {
  const traders = evaluatedTraders(train, test);
  const order = [...personaOrder];
  for (const t of traders) if (!order.includes(persona[t])) order.push(persona[t]);
  const results: RecommenderScores[] = [];
  for (const r of recommenders) {
    r.fit(train);
    const total = { traders: 0, hitRate: 0, recall: 0, ndcg: 0 };
    const groups = new Map<string, GroupScores>(order.map((p) => [p, { traders: 0, hitRate: 0, recall: 0, ndcg: 0 }]));
    const lists: number[][] = [];
    for (const t of traders) {
      const list = r.recommend(t, k);
      lists.push(list);
      const s = scoreList(list, test.products[t], k);
      for (const g of [total, groups.get(persona[t])!]) {
        g.traders++;
        g.hitRate += s.hit;
        g.recall += s.recall;
        g.ndcg += s.ndcg;
      }
    }
    const mean = (g: GroupScores): GroupScores => ({
      traders: g.traders,
      hitRate: g.traders > 0 ? g.hitRate / g.traders : NaN,
      recall: g.traders > 0 ? g.recall / g.traders : NaN,
      ndcg: g.traders > 0 ? g.ndcg / g.traders : NaN,
    });
    const m = mean(total);
    results.push({
      name: r.name,
      description: r.description,
      hitRate: m.hitRate,
      recall: m.recall,
      ndcg: m.ndcg,
      ndcgGainVsPopularity: null,
      coverage: catalogueCoverage(lists, train.products, k),
      byPersona: [...groups].filter(([, g]) => g.traders > 0).map(([p, g]) => ({ persona: p, ...mean(g) })),
      ...(r.details ? { details: r.details() } : {}),
    });
  }
  const base = results.find((r) => r.name === 'popularity');
  if (base) for (const r of results) r.ndcgGainVsPopularity = r.ndcg / base.ndcg - 1;
  return results;
}

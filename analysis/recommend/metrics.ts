/**
 * Top-k accuracy of one recommendation list against one trader's relevant set, and catalogue
 * coverage over all lists.
 *
 * Relevance is binary: a product is relevant to a trader when the trader bought it at least once
 * in the test weeks. Products the trader already bought in the training weeks count as hits when
 * bought again: in this market repeat buying is the norm, and recommending this week's staples is
 * what a trader needs from a list.
 *
 * For a list L (best first, at most k long) and a non-empty relevant set R:
 *   HitRate@k = 1 if any of L is in R, else 0
 *   Recall@k  = |L ∩ R| / |R|  (divided by |R| itself, not min(|R|, k): a trader with more than k
 *               relevant products cannot reach 1; reported as the usual definition)
 *   NDCG@k    = DCG / IDCG, DCG = sum over ranks i = 1..|L| of [L_i in R] / log2(i + 1),
 *               IDCG = sum over i = 1..min(|R|, k) of 1 / log2(i + 1) (the DCG of a perfect list)
 * Each is averaged over the evaluated traders (evaluate.ts).
 */

/** The relevance definition, as written to recommend.json. */
export const RELEVANCE =
  'binary: the distinct products the trader bought in the test weeks; products it also bought in the training weeks count as hits (repeat buying is the norm in this market); Recall@k divides by the number of relevant products; NDCG@k normalises by the DCG of a perfect list of min(relevant, k) hits';

export interface ListScores {
  hit: number;
  recall: number;
  ndcg: number;
}

/** 1 / log2(i + 1) for rank i from 1. */
function discount(rank: number): number {
  return 1 / Math.log2(rank + 1);
}

/** The DCG of a perfect list of length min(relevant, k). */
export function idealDcg(relevant: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= Math.min(relevant, k); i++) s += discount(i);
  return s;
}

/**
 * HitRate, Recall and NDCG of one list, cut at k.
 *
 * @throws RangeError when the relevant set is empty (the trader cannot be evaluated)
 */
export function scoreList(list: readonly number[], relevant: ReadonlySet<number>, k: number): ListScores {
  if (relevant.size === 0) throw new RangeError('scoreList: the relevant set is empty');
  let hits = 0;
  let dcg = 0;
  const n = Math.min(k, list.length);
  for (let i = 0; i < n; i++) {
    if (relevant.has(list[i])) {
      hits++;
      dcg += discount(i + 1);
    }
  }
  return { hit: hits > 0 ? 1 : 0, recall: hits / relevant.size, ndcg: dcg / idealDcg(relevant.size, k) };
}

/** Distinct products in any of the lists (cut at k) / catalogue size. */
export function catalogueCoverage(lists: Iterable<readonly number[]>, catalogueSize: number, k: number): number {
  const seen = new Set<number>();
  for (const l of lists) for (let i = 0; i < Math.min(k, l.length); i++) seen.add(l[i]);
  return catalogueSize > 0 ? seen.size / catalogueSize : 0;
}

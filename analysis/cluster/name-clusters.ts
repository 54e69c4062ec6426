/**
 * Short names for clusters made only from their features, e.g. "dawn bulk buyers, loyal" or
 * "late-afternoon bargain seekers". The names never look at the truth labels: a reader who sets
 * them beside the dominant persona of each cluster (the report does) sees whether the features
 * alone tell the personas apart.
 *
 * A name is [when] [who], [up to two traits], each part from the feature with the largest
 * |mean z-score| among those of its role, and only when |mean z| >= {@link NAME_MIN_Z} (half a
 * standard deviation: a difference a reader would notice). Features of one idea (a focus on few
 * categories is high top_category_share, low entropy and few categories alike) share a group, so a
 * name never says the same thing twice.
 */

/** |mean z| from which a feature counts as distinguishing the cluster. */
export const NAME_MIN_Z = 0.5;

type Role = 'when' | 'who' | 'trait';

/** Words per feature: its role, its group, and what a high and a low value say. */
const WORDS: Record<string, { role: Role; group: string; high: string; low: string }> = {
  // Few purchases at dawn or in the evening says little on its own: those lows give no word.
  early_share: { role: 'when', group: 'hour', high: 'dawn', low: '' },
  evening_share: { role: 'when', group: 'hour', high: 'late-afternoon', low: '' },
  mean_hour: { role: 'when', group: 'hour', high: 'late-day', low: 'early' },
  log_quantity_index: { role: 'who', group: 'quantity', high: 'bulk buyers', low: 'small-quantity buyers' },
  relative_price: { role: 'who', group: 'price', high: 'premium payers', low: 'bargain seekers' },
  log_spend_per_week: { role: 'who', group: 'spend', high: 'big spenders', low: 'small spenders' },
  log_basket_value: { role: 'who', group: 'spend', high: 'big-basket buyers', low: 'small-basket buyers' },
  items_per_week: { role: 'who', group: 'volume', high: 'heavy buyers', low: 'light buyers' },
  visits_per_week: { role: 'who', group: 'visits', high: 'regulars', low: 'occasional visitors' },
  items_per_visit: { role: 'trait', group: 'basket', high: 'many items a visit', low: 'few items a visit' },
  repeat_rate: { role: 'trait', group: 'loyalty', high: 'loyal', low: 'exploring' },
  product_diversity: { role: 'trait', group: 'loyalty', high: 'trying new products', low: 'same products' },
  top_category_share: { role: 'trait', group: 'focus', high: 'one-category', low: 'spread across categories' },
  category_entropy: { role: 'trait', group: 'focus', high: 'wide-ranging', low: 'focused' },
  distinct_categories: { role: 'trait', group: 'focus', high: 'wide-ranging', low: 'few categories' },
  basket_value_cv: { role: 'trait', group: 'steadiness', high: 'erratic spend', low: 'steady spend' },
  weekend_share: { role: 'trait', group: 'weekend', high: 'weekend', low: 'weekday' },
  month_end_share: { role: 'trait', group: 'month', high: 'month-end', low: 'early-month' },
  activity_trend: { role: 'trait', group: 'trend', high: 'growing', low: 'declining' },
  zone_price_level: { role: 'trait', group: 'zone', high: 'in dear zones', low: 'in cheap zones' },
};

/**
 * The name of one cluster from its mean z-score per feature.
 *
 * @param means - feature name and the cluster's mean z-score, any order
 * @returns e.g. "dawn bulk buyers, loyal"; "average buyers" when nothing stands out
 */
export function clusterName(means: readonly { feature: string; meanZ: number }[]): string {
  const ranked = means
    .filter(
      (m) =>
        WORDS[m.feature] &&
        Math.abs(m.meanZ) >= NAME_MIN_Z &&
        (m.meanZ >= 0 ? WORDS[m.feature].high : WORDS[m.feature].low) !== '',
    )
    .sort((a, b) => Math.abs(b.meanZ) - Math.abs(a.meanZ));
  const word = (m: { feature: string; meanZ: number }): string =>
    m.meanZ >= 0 ? WORDS[m.feature].high : WORDS[m.feature].low;
  const used = new Set<string>();
  const take = (role: Role, max: number): string[] => {
    const out: string[] = [];
    for (const m of ranked) {
      const w = WORDS[m.feature];
      if (out.length >= max || w.role !== role || used.has(w.group)) continue;
      used.add(w.group);
      out.push(word(m));
    }
    return out;
  };
  const when = take('when', 1);
  const who = take('who', 1);
  // A second "who" feature reads as a trait ("dawn bulk buyers, big spenders" would say less).
  const traits = take('trait', 2);
  const head = [...when, who[0] ?? 'buyers'].join(' ');
  return traits.length ? `${head}, ${traits.join(', ')}` : when.length || who.length ? head : 'average buyers';
}

/**
 * Names for all clusters; two clusters given the same name are told apart by the next feature
 * that differs between them ("..., loyal" and "..., exploring"), else by their number.
 *
 * @param clusters - each cluster's mean z-score per feature
 * @returns one name per cluster, in order
 */
export function clusterNames(clusters: readonly (readonly { feature: string; meanZ: number }[])[]): string[] {
  const names = clusters.map(clusterName);
  for (let c = 0; c < names.length; c++) {
    const twins = names.map((nm, i) => (nm === names[c] ? i : -1)).filter((i) => i >= 0);
    if (twins.length < 2) continue;
    for (const t of twins) {
      // The feature where this twin is furthest from the twins' average, said as high or low.
      const means = clusters[t];
      let best: { feature: string; meanZ: number } | undefined;
      let gap = 0;
      for (const m of means) {
        if (!WORDS[m.feature] || !WORDS[m.feature].low) continue;
        const avg =
          twins.reduce((s, i) => s + (clusters[i].find((x) => x.feature === m.feature)?.meanZ ?? 0), 0) / twins.length;
        if (Math.abs(m.meanZ - avg) > gap) {
          gap = Math.abs(m.meanZ - avg);
          best = { feature: m.feature, meanZ: m.meanZ - avg };
        }
      }
      const w = best ? WORDS[best.feature] : undefined;
      names[t] = `${names[t]}, ${w && best ? `more ${best.meanZ >= 0 ? w.high : w.low}` : `#${t}`}`;
    }
  }
  return names;
}

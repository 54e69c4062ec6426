/**
 * Check 5: price sensitivity. Relative price of a purchase = log(unit_price / the geometric mean of
 * its category's posted prices in that zone that day) (run/price-book.ts, the definition every
 * analysis uses), so a buyer of the category's cheaper products scores below 0 whatever the
 * category. Averaged per trader (traders with minPurchases+ priced purchases), then per persona
 * with the trader as the unit. Against every other persona, bargain hunters must be below it
 * - on average, by minZ standard errors (Welch): the difference is real; and
 * - trader by trader: a bargain hunter pays less than a trader of the persona with probability at
 *   least minProbBelow (Mann-Whitney U / (n1 n2), a rank measure): the difference is large.
 */
import type { ValidationThresholds } from '../thresholds.ts';
import { fixed, rounded } from '../../common/index.ts';
import type { CheckResult } from '../check-result.ts';
import type { RunData } from '../run-data.ts';
import { mean, probBelow, welchZ } from '../stats.ts';

export const BARGAIN_HUNTER = 'bargain_hunter';
/** A persona needs this many counted traders for its standard error to mean anything. */
const MIN_GROUP = 10;

export function checkPriceSensitivity(d: RunData, th: ValidationThresholds['priceSensitivity']): CheckResult {
  const groups = d.personas.map(() => [] as number[]);
  for (let t = 0; t < d.traders; t++) {
    const n = d.relativePriceCount[t];
    if (n >= th.minPurchases) groups[d.persona[t]].push(d.relativePriceSum[t] / n);
  }
  const b = d.personas.indexOf(BARGAIN_HUNTER);
  const threshold = { minZ: th.minZ, minProbBelow: th.minProbBelow, minPurchases: th.minPurchases };
  const means = d.personas.map((p, k) => `${p} ${fixed(mean(groups[k]))} (n ${groups[k].length})`).join(', ');
  if (b < 0 || groups[b].length < MIN_GROUP) {
    return {
      id: 'price-sensitivity',
      name: 'Price sensitivity',
      value: { bargainRelativePrice: b < 0 ? null : rounded(mean(groups[b])), minZ: null, minProbBelow: null },
      threshold,
      pass: false,
      detail:
        b < 0
          ? `no ${BARGAIN_HUNTER} persona in the run.`
          : `no data: ${groups[b].length} ${BARGAIN_HUNTER} traders with ${th.minPurchases}+ purchases, fewer than ${MIN_GROUP}.`,
    };
  }
  const bargain = mean(groups[b]);
  let minZ = Infinity;
  let nearest = '';
  let minProb = Infinity;
  let nearestByRank = '';
  const skipped: string[] = [];
  d.personas.forEach((p, k) => {
    if (k === b) return;
    if (groups[k].length < MIN_GROUP) {
      if (groups[k].length > 0 || d.configuredShare[k] > 0) skipped.push(p);
      return;
    }
    const z = welchZ(groups[k], groups[b]);
    if (z < minZ) [minZ, nearest] = [z, p];
    const prob = probBelow(groups[b], groups[k]);
    if (prob < minProb) [minProb, nearestByRank] = [prob, p];
  });
  const zOk = minZ >= th.minZ;
  const probOk = minProb >= th.minProbBelow;
  return {
    id: 'price-sensitivity',
    name: 'Price sensitivity',
    value: { bargainRelativePrice: rounded(bargain), minZ: rounded(minZ), minProbBelow: rounded(minProb) },
    threshold,
    pass: zOk && probOk && Number.isFinite(minZ),
    detail:
      `bargain hunters' mean relative price ${fixed(bargain)}; ` +
      `smallest z of another persona's mean above theirs = ${fixed(minZ, 1)} (${nearest || 'none'}) ${zOk ? '>=' : '<'} ${th.minZ}; ` +
      `smallest probability that a bargain hunter pays less than a trader of another persona = ${fixed(minProb)} (${nearestByRank || 'none'}) ${probOk ? '>=' : '<'} ${th.minProbBelow}; ` +
      `per persona: ${means}${skipped.length ? `; too few traders to compare: ${skipped.join(', ')}` : ''}.`,
  };
}

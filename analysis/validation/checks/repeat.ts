/**
 * Check 6: repeat purchases. Per trader, the share of its own choices (items not bought as a
 * substitute for one that sold out) flagged is_repeat (traders with minPurchases+ items); per
 * persona the mean of those. The persona means must be ordered as the
 * configured repeat probabilities (Spearman across personas), and each loyal persona (configured
 * repeat >= loyalRepeatProb) must re-buy at least minLoyalRate of its items.
 *
 * Six persona means that do not really differ still fall in some order, and one close to the
 * configured one by chance (Spearman >= 0.9 one time in 120), so the order must also be real where
 * it is meant to be clear. Every pair of personas whose configured probabilities differ by pairGap or more must
 * differ in the same direction by minPairZ standard errors (Welch, the trader as the unit).
 */
import type { ValidationThresholds } from '../thresholds.ts';
import { fixed, rounded } from '../../common/index.ts';
import type { CheckResult } from '../check-result.ts';
import type { RunData } from '../run-data.ts';
import { mean, spearman, welchZ } from '../stats.ts';

const MIN_GROUP = 10;

export function checkRepeat(d: RunData, th: ValidationThresholds['repeat']): CheckResult {
  const groups = d.personas.map(() => [] as number[]);
  for (let t = 0; t < d.traders; t++) {
    if (d.items[t] >= th.minPurchases && d.chosen[t] > 0) groups[d.persona[t]].push(d.repeats[t] / d.chosen[t]);
  }
  const used = d.personas
    .map((_, k) => k)
    .filter((k) => groups[k].length >= MIN_GROUP && Number.isFinite(d.configuredRepeat[k]));
  const configured = used.map((k) => d.configuredRepeat[k]);
  const observed = used.map((k) => mean(groups[k]));
  const rho = used.length >= 3 ? spearman(configured, observed) : NaN;
  const rhoOk = rho >= th.minSpearman;
  let minPairZ = Infinity;
  let pairText = '';
  for (const a of used) {
    for (const b of used) {
      // The tolerance keeps 0.7 - 0.6 (0.0999...) a gap of 0.1.
      if (d.configuredRepeat[a] - d.configuredRepeat[b] < th.pairGap - 1e-9) continue;
      const z = welchZ(groups[a], groups[b]);
      if (z < minPairZ) [minPairZ, pairText] = [z, `${d.personas[a]} over ${d.personas[b]}`];
    }
  }
  if (minPairZ === Infinity) minPairZ = NaN;
  const pairOk = minPairZ >= th.minPairZ;
  const loyal = used.filter((k) => d.configuredRepeat[k] >= th.loyalRepeatProb);
  const loyalRates = loyal.map((k) => mean(groups[k]));
  const minLoyal = loyalRates.length ? Math.min(...loyalRates) : NaN;
  const loyalOk = loyal.length > 0 && minLoyal >= th.minLoyalRate;
  const table = used.map((k, i) => `${d.personas[k]} ${configured[i]} -> ${fixed(observed[i])}`).join(', ');
  const rhoText =
    used.length < 3
      ? `no data: ${used.length} personas with ${MIN_GROUP}+ traders of ${th.minPurchases}+ items, fewer than 3`
      : Number.isNaN(rho)
        ? 'the configured repeat probabilities are all equal: there is no order to reproduce'
        : `Spearman(configured, observed) = ${fixed(rho)} ${rhoOk ? '>=' : '<'} ${th.minSpearman}`;
  const pairLine = Number.isNaN(minPairZ)
    ? `no pair of personas whose configured repeat probabilities differ by ${th.pairGap} or more`
    : `smallest z of a pair meant to be ordered (configured gap >= ${th.pairGap}) = ${fixed(minPairZ, 1)} (${pairText}) ${pairOk ? '>=' : '<'} ${th.minPairZ}`;
  const loyalText =
    loyal.length === 0
      ? `no loyal persona (configured repeat >= ${th.loyalRepeatProb}) with enough traders`
      : `loyal personas' lowest repeat rate ${fixed(minLoyal)} ${loyalOk ? '>=' : '<'} ${th.minLoyalRate} (${loyal.map((k) => d.personas[k]).join(', ')})`;
  return {
    id: 'repeat-purchases',
    name: 'Repeat purchases',
    value: {
      spearman: rounded(rho),
      minPairZ: rounded(minPairZ),
      minLoyalRate: rounded(minLoyal),
      personas: used.length,
    },
    threshold: {
      minSpearman: th.minSpearman,
      pairGap: th.pairGap,
      minPairZ: th.minPairZ,
      loyalRepeatProb: th.loyalRepeatProb,
      minLoyalRate: th.minLoyalRate,
      minPurchases: th.minPurchases,
    },
    pass: rhoOk && pairOk && loyalOk,
    detail: `${rhoText}; ${pairLine}; ${loyalText}; configured -> observed: ${table || 'n/a'}.`,
  };
}

/**
 * Check 8: realistic distributions. Spend per trader is heavy-tailed (skewness), no price or
 * quantity is zero, negative or unreadable, and no purchase falls outside trading hours
 * (manifest calendar openHour..closeHour).
 */
import type { ValidationThresholds } from '../thresholds.ts';
import { fixed, rounded } from '../../common/index.ts';
import type { CheckResult } from '../check-result.ts';
import type { RunData } from '../run-data.ts';
import { skewness } from '../stats.ts';

export function checkDistributions(d: RunData, th: ValidationThresholds['distributions']): CheckResult {
  const skew = skewness(d.spend);
  const skewOk = skew >= th.minSpendSkewness;
  const inv = d.invalid;
  const bad = inv.quantity.count + inv.unitPrice.count + inv.price.count;
  const { openHour, closeHour } = d.manifest.scenario.calendar;
  const problems = [inv.quantity, inv.unitPrice, inv.price, inv.hours]
    .filter((v) => v.count > 0)
    .map((v) => `${v.count} like ${v.example}`);
  return {
    id: 'realistic-distributions',
    name: 'Realistic distributions',
    value: { spendSkewness: rounded(skew), nonPositiveValues: bad, outsideHours: inv.hours.count },
    threshold: { minSpendSkewness: th.minSpendSkewness, maxNonPositiveValues: 0, maxOutsideHours: 0 },
    pass: skewOk && bad === 0 && inv.hours.count === 0,
    detail:
      `skewness of spend per trader (all ${d.traders} traders) = ${fixed(skew, 2)} ${skewOk ? '>=' : '<'} ${th.minSpendSkewness}; ` +
      `zero, negative or unreadable quantities / unit prices / prices.csv prices: ${inv.quantity.count} / ${inv.unitPrice.count} / ${inv.price.count}; ` +
      `purchases outside ${openHour}:00-${closeHour}:00: ${inv.hours.count}` +
      `${problems.length ? ` (${problems.join('; ')})` : ''}.`,
  };
}

/**
 * Check 4: category specialisation. A share of traders buy mostly from one category, and the
 * category_specialist persona (the brief's "only buys fruits") nearly only from one.
 */
import type { ValidationThresholds } from '../thresholds.ts';
import { fixed, rounded } from '../../common/index.ts';
import type { CheckResult } from '../check-result.ts';
import type { RunData } from '../run-data.ts';
import { median } from '../stats.ts';

export const SPECIALIST = 'category_specialist';

export function checkSpecialisation(d: RunData, th: ValidationThresholds['specialisation']): CheckResult {
  const sp = d.personas.indexOf(SPECIALIST);
  let eligible = 0;
  let specialised = 0;
  const specialistShares: number[] = [];
  for (let t = 0; t < d.traders; t++) {
    if (d.items[t] < th.minPurchases) continue;
    const share = d.topCategoryItems[t] / d.items[t];
    eligible++;
    if (share > th.topShareCutoff) specialised++;
    if (d.persona[t] === sp) specialistShares.push(share);
  }
  const share = eligible > 0 ? specialised / eligible : NaN;
  const med = median(specialistShares);
  const shareOk = share >= th.minSpecialisedShare;
  const medOk = med >= th.minSpecialistMedian;
  const medText =
    sp < 0
      ? `no ${SPECIALIST} persona in the run`
      : specialistShares.length === 0
        ? `no data: no ${SPECIALIST} trader with ${th.minPurchases}+ items`
        : `median top-category share of ${specialistShares.length} ${SPECIALIST} traders = ${fixed(med)} ${medOk ? '>=' : '<'} ${th.minSpecialistMedian}`;
  return {
    id: 'category-specialisation',
    name: 'Category specialisation',
    value: { specialisedShare: rounded(share), specialistMedianTopShare: rounded(med), traders: eligible },
    threshold: {
      topShareCutoff: th.topShareCutoff,
      minSpecialisedShare: th.minSpecialisedShare,
      minSpecialistMedian: th.minSpecialistMedian,
      minPurchases: th.minPurchases,
    },
    pass: shareOk && medOk,
    detail:
      `${specialised} of ${eligible} traders with ${th.minPurchases}+ items (${fixed(share)}) have more than ${th.topShareCutoff} of their items in one category, ` +
      `${shareOk ? '>=' : '<'} ${th.minSpecialisedShare}; ${medText}.`,
  };
}

/**
 * Check 7: lifecycle. Newcomers (join_week >= 1 in traders.csv) seen for 16 full weeks after their
 * join week, not dormant and not among the traders whose activity declines late in the run (other
 * lifecycle phases that would blur the ramp): their items in weeks 1-4 after the join week, summed,
 * over their items in weeks 13-16. The join week itself is left out because the trader joined
 * somewhere inside it; weeks 13-16 are 12+ weeks after joining, when the ramp is over.
 */
import type { ValidationThresholds } from '../thresholds.ts';
import { fixed, rounded } from '../../common/index.ts';
import type { CheckResult } from '../check-result.ts';
import { RAMP_EARLY_WEEKS, RAMP_LATE_WEEKS, type RunData } from '../run-data.ts';

export function checkLifecycle(d: RunData, th: ValidationThresholds['lifecycle']): CheckResult {
  const who: number[] = [];
  let early = 0;
  let late = 0;
  for (let t = 0; t < d.traders; t++) {
    const w = d.joinWeek[t];
    if (w < 1 || w + RAMP_LATE_WEEKS[1] >= d.weeks || d.dormant[t] === 1 || d.declines[t] === 1) continue;
    who.push(t);
    early += d.rampEarly[t];
    late += d.rampLate[t];
  }
  const traders = who.length;
  const enough = traders >= th.minTraders && late > 0;
  const ratio = enough ? early / late : NaN;
  // Standard error of a ratio of sums over traders (delta method): the trader is the unit.
  let ss = 0;
  for (const t of who) ss += (d.rampEarly[t] - ratio * d.rampLate[t]) ** 2;
  const se = enough && traders > 1 ? Math.sqrt(ss / (traders * (traders - 1))) / (late / traders) : NaN;
  const pass = enough && ratio <= th.maxRampRatio;
  const lastJoin = d.weeks - RAMP_LATE_WEEKS[1] - 1;
  const whoText = `newcomers with join_week 1..${lastJoin} (16 full weeks observed after the join week), not dormant, not declining`;
  return {
    id: 'lifecycle',
    name: 'Lifecycle ramp-up',
    value: { rampRatio: rounded(ratio), rampRatioSe: rounded(se), traders },
    threshold: { maxRampRatio: th.maxRampRatio, minTraders: th.minTraders },
    pass,
    detail: enough
      ? `${whoText}: ${traders} traders bought ${early} items in weeks ${RAMP_EARLY_WEEKS.join('-')} after joining and ${late} in weeks ${RAMP_LATE_WEEKS.join('-')}: ratio ${fixed(ratio)} (standard error ${fixed(se)}) ${pass ? '<=' : '>'} ${th.maxRampRatio}.`
      : `no data: ${traders} ${whoText} (at least ${th.minTraders} needed)${lastJoin < 1 ? `; a ${d.weeks}-week run cannot observe any` : ''}.`,
  };
}

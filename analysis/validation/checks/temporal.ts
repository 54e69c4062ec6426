/**
 * Check 3: temporal patterns. A weekly cycle (items per day differ by day of the week) and a
 * monthly one (fewer items per day at the end of a pay cycle than after payday), both present.
 */
import type { ValidationThresholds } from '../thresholds.ts';
import { fixed, rounded } from '../../common/index.ts';
import type { CheckResult } from '../check-result.ts';
import type { RunData } from '../run-data.ts';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Mean items per day for each weekday, and (max - min) / mean of those means. */
export function weeklyProfile(d: RunData): { means: number[]; amplitude: number } {
  const sum = new Array<number>(7).fill(0);
  const n = new Array<number>(7).fill(0);
  for (let day = 0; day < d.days; day++) {
    sum[d.weekday[day]] += d.itemsPerDay[day];
    n[d.weekday[day]]++;
  }
  if (n.some((k) => k === 0)) return { means: [], amplitude: NaN };
  const means = sum.map((s, k) => s / n[k]);
  const mean = means.reduce((a, b) => a + b, 0) / 7;
  return { means, amplitude: mean > 0 ? (Math.max(...means) - Math.min(...means)) / mean : NaN };
}

/**
 * Items per day in the last `window` days of each complete pay cycle over the first `window` days.
 * A pay cycle runs from a payday to the day before the next; only cycles wholly inside the run count.
 */
export function paydayRatio(d: RunData, payday: number, window: number): { ratio: number; cycles: number } {
  const starts: number[] = [];
  for (let day = 0; day < d.days; day++) if (d.dayOfMonth[day] === payday) starts.push(day);
  let first = 0;
  let last = 0;
  let cycles = 0;
  for (let k = 0; k + 1 < starts.length; k++) {
    const from = starts[k];
    const to = starts[k + 1];
    if (to - from < 2 * window) continue;
    cycles++;
    for (let day = from; day < from + window; day++) first += d.itemsPerDay[day];
    for (let day = to - window; day < to; day++) last += d.itemsPerDay[day];
  }
  return { ratio: cycles > 0 && first > 0 ? last / first : NaN, cycles };
}

export function checkTemporal(d: RunData, th: ValidationThresholds['temporal']): CheckResult {
  const weekly = weeklyProfile(d);
  const payday = d.manifest.scenario.population.budget.payday;
  const monthly = paydayRatio(d, payday, th.windowDays);
  const weeklyOk = weekly.amplitude >= th.minWeeklyAmplitude;
  const monthlyOk = monthly.ratio <= th.maxPaydayRatio;
  const profile = weekly.means.length ? weekly.means.map((m, k) => `${WEEKDAYS[k]} ${m.toFixed(0)}`).join(', ') : 'n/a';
  const monthText =
    monthly.cycles === 0
      ? `no data for the monthly cycle: no complete pay cycle (payday ${payday} to the next) inside the ${d.days}-day run`
      : `items per day in the last ${th.windowDays} days of a pay cycle / the first ${th.windowDays} (payday ${payday}, ${monthly.cycles} complete cycles) = ${fixed(monthly.ratio)} ${monthlyOk ? '<=' : '>'} ${th.maxPaydayRatio}`;
  return {
    id: 'temporal-patterns',
    name: 'Temporal patterns',
    value: {
      weeklyAmplitude: rounded(weekly.amplitude),
      paydayRatio: rounded(monthly.ratio),
      payCycles: monthly.cycles,
    },
    threshold: {
      minWeeklyAmplitude: th.minWeeklyAmplitude,
      maxPaydayRatio: th.maxPaydayRatio,
      windowDays: th.windowDays,
    },
    pass: weeklyOk && monthlyOk,
    detail:
      `weekly: (max - min) / mean of mean items per day by weekday = ${fixed(weekly.amplitude)} ${weeklyOk ? '>=' : '<'} ${th.minWeeklyAmplitude} (${profile}); ` +
      `monthly: ${monthText}.`,
  };
}

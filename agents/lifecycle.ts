/**
 * The trader's state machines.
 *
 * Lifecycle (day to day): not joined -> ramping up (first rampWeeks) -> active -> declining
 * (some traders, later in their tenure) ; dormant edge cases drop out for good. Every transition
 * is a day in the trader's own life, drawn at spawn: nothing depends on how long the run is.
 * Day: at home, or budget spent when the money runs out, which lasts until the next payday (or
 * until the market gives back money promised to an item it could not supply).
 */
import type { LifecycleConfig } from './config.ts';
import type { TraderTable } from './trader-table.ts';

export const LifeState = { notJoined: 0, rampingUp: 1, active: 2, declining: 3, dormant: 4 } as const;
export const LIFE_STATE_NAMES = ['not_joined', 'ramping_up', 'active', 'declining', 'dormant'] as const;

export const DayState = { atHome: 0, budgetSpent: 2 } as const;

/**
 * Moves trader i's lifecycle to `day` and returns its activity factor for that day (0 when it
 * cannot trade).
 */
export function advanceLifecycle(t: TraderTable, i: number, day: number, life: LifecycleConfig): number {
  if (day < t.joinDay[i]) {
    t.lifeState[i] = LifeState.notJoined;
    return 0;
  }
  if (day >= t.dormantDay[i]) {
    t.lifeState[i] = LifeState.dormant;
    return 0;
  }
  if (!life.enabled) {
    t.lifeState[i] = LifeState.active;
    return 1;
  }
  const weeksIn = (day - t.joinDay[i]) / 7;
  if (weeksIn < life.rampWeeks) {
    t.lifeState[i] = LifeState.rampingUp;
    return life.rampStart + (1 - life.rampStart) * (weeksIn / life.rampWeeks);
  }
  if (day >= t.declineDay[i]) {
    t.lifeState[i] = LifeState.declining;
    const progress = Math.min(1, (day - t.declineDay[i] + 1) / Math.max(1, life.declineWeeks * 7));
    return 1 - life.declineDepth * progress;
  }
  t.lifeState[i] = LifeState.active;
  return 1;
}

/**
 * Check 2: correlated features. Among steady traders (joined before the run started, not dormant
 * edge cases, so each had the whole run to spend), budget (traders.csv) is rank-correlated with
 * spend and with market visits per week (both from transactions.csv).
 */
import type { ValidationThresholds } from '../thresholds.ts';
import { fixed, rounded } from '../../common/index.ts';
import type { CheckResult } from '../check-result.ts';
import type { RunData } from '../run-data.ts';
import { spearman } from '../stats.ts';

export function checkCorrelations(d: RunData, th: ValidationThresholds['correlations']): CheckResult {
  const budget: number[] = [];
  const spend: number[] = [];
  const visits: number[] = [];
  for (let t = 0; t < d.traders; t++) {
    if (d.joinWeek[t] >= 0 || d.dormant[t] === 1) continue;
    budget.push(d.budget[t]);
    spend.push(d.spend[t]);
    visits.push(d.visits[t] / d.weeks);
  }
  const enough = budget.length >= th.minTraders;
  const rhoSpend = enough ? spearman(budget, spend) : NaN;
  const rhoVisits = enough ? spearman(budget, visits) : NaN;
  const spendOk = rhoSpend >= th.minBudgetSpend;
  const visitsOk = rhoVisits >= th.minBudgetActivity;
  const why = !enough
    ? `no data: ${budget.length} steady traders, fewer than ${th.minTraders}`
    : `Spearman(budget, spend) = ${fixed(rhoSpend)} ${spendOk ? '>=' : '<'} ${th.minBudgetSpend}, ` +
      `Spearman(budget, visits per week) = ${fixed(rhoVisits)} ${visitsOk ? '>=' : '<'} ${th.minBudgetActivity}`;
  return {
    id: 'feature-correlations',
    name: 'Feature correlations',
    value: { budgetSpend: rounded(rhoSpend), budgetActivity: rounded(rhoVisits), traders: budget.length },
    threshold: {
      minBudgetSpend: th.minBudgetSpend,
      minBudgetActivity: th.minBudgetActivity,
      minTraders: th.minTraders,
    },
    pass: enough && spendOk && visitsOk,
    detail: `${why} (over ${budget.length} traders who joined before the run and are not dormant; ties get average ranks).`,
  };
}

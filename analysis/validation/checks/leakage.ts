/**
 * Check 9: the ground truth does not leak. Defined as two things an honest dataset satisfies:
 *  - ids carry no persona information: the chance-corrected NMI (stats.ts) between persona and
 *    the trader_id decile (one row per trader) and between persona and the txn_id decile (one row
 *    per transaction, the buyer's persona) stays below maxIdNmi. Ids are assigned independently of
 *    persona, so anything above noise means they encode it (e.g. traders numbered by persona).
 *  - no other transaction column reveals the persona on its own: for every column of
 *    transactions.csv besides the ids, plus the hour of day from tick (which 50 bins of absolute
 *    time would hide), the accuracy of the best majority-persona-per-value rule (leak-table.ts)
 *    stays below maxColumnAccuracy. Behaviour columns are expected to carry some signal, that is
 *    the point of personas; the threshold is about revealing, not about any signal.
 * Nothing measured is a failure, not a pass: a run with no transactions (an empty table, NMI NaN,
 * no column accuracy) shows nothing about leaks, so every value must be a number within bounds.
 */
import type { ValidationThresholds } from '../thresholds.ts';
import { fixed, rounded } from '../../common/index.ts';
import type { CheckResult } from '../check-result.ts';
import type { RunData } from '../run-data.ts';
import { correctedNmi } from '../stats.ts';

export function checkLeakage(d: RunData, th: ValidationThresholds['leakage']): CheckResult {
  const K = d.personas.length;
  const trader = correctedNmi(d.traderDecile, 10, K).nmi;
  const txn = correctedNmi(d.txnDecile, 10, K).nmi;
  const columns = d.columnLeaks.map((c) => c.result()).sort((a, b) => b.accuracy - a.accuracy);
  const worst = columns[0];
  const maxAccuracy = worst ? worst.accuracy : NaN;
  // Comparisons with NaN are false, so an unmeasured value fails its bound.
  const idsOk = trader <= th.maxIdNmi && txn <= th.maxIdNmi;
  const columnsOk = maxAccuracy <= th.maxColumnAccuracy;
  const list = columns.map((c) => `${c.column} ${fixed(c.accuracy)}`).join(', ');
  return {
    id: 'no-truth-leak',
    name: 'Ground truth does not leak',
    value: { traderIdNmi: rounded(trader), txnIdNmi: rounded(txn), maxColumnAccuracy: rounded(maxAccuracy) },
    threshold: { maxIdNmi: th.maxIdNmi, maxColumnAccuracy: th.maxColumnAccuracy, bins: th.bins },
    pass: idsOk && columnsOk && d.transactions > 0,
    detail:
      `${d.transactions > 0 ? '' : 'no transactions: nothing to measure; '}chance-corrected NMI(persona, trader_id decile) = ${fixed(trader, 4)}, NMI(persona, txn_id decile) = ${fixed(txn, 4)} ` +
      `${idsOk ? '<=' : 'not all <='} ${th.maxIdNmi}; ` +
      `most revealing column: ${worst ? `${worst.column} (${worst.kind}, ${worst.bins} bins) predicts the persona of ${fixed(maxAccuracy)} of transactions ${columnsOk ? '<=' : '>'} ${th.maxColumnAccuracy} (always guessing the commonest persona: ${fixed(worst.baseRate)})` : 'none'}; ` +
      `all columns: ${list}.`,
  };
}

/**
 * Cluster names from features: exact names for hand-made mean z-scores, one word per idea, the
 * half-sd floor, and twins told apart.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterName, clusterNames } from '../../analysis/cluster/name-clusters.ts';

const m = (pairs: Record<string, number>): { feature: string; meanZ: number }[] =>
  Object.entries(pairs).map(([feature, meanZ]) => ({ feature, meanZ }));

test('clusterName: when, who and up to two traits, from the largest |mean z| of each role', () => {
  assert.equal(
    clusterName(m({ early_share: 1.6, log_quantity_index: 1.9, repeat_rate: 0.9, mean_hour: -1.5 })),
    'dawn bulk buyers, loyal',
  );
  assert.equal(
    clusterName(
      m({ evening_share: 1.8, relative_price: -1.5, repeat_rate: -0.7, category_entropy: 0.6, weekend_share: 0.55 }),
    ),
    'late-afternoon bargain seekers, exploring, wide-ranging',
  );
  // One word per idea: the focus group speaks once, through its strongest feature.
  assert.equal(
    clusterName(m({ top_category_share: 1.8, category_entropy: -1.7, distinct_categories: -1.5, repeat_rate: 0.6 })),
    'buyers, one-category, loyal',
  );
  // A low early or evening share says nothing by itself; a low mean hour does.
  assert.equal(clusterName(m({ early_share: -1.2, log_spend_per_week: -1.4 })), 'small spenders');
  assert.equal(clusterName(m({ mean_hour: -0.8, items_per_week: 0.7 })), 'early heavy buyers');
});

test('clusterName: below half a standard deviation nothing is said', () => {
  assert.equal(clusterName(m({ early_share: 0.49, log_quantity_index: -0.49, repeat_rate: 0.3 })), 'average buyers');
  assert.equal(clusterName(m({ unknown_feature: 3 })), 'average buyers');
});

test('clusterNames: clusters that would share a name are told apart by where they differ', () => {
  const a = m({ log_quantity_index: 1.5, repeat_rate: 0.2, basket_value_cv: -0.4, relative_price: 0 });
  const b = m({ log_quantity_index: 1.4, repeat_rate: 0.3, basket_value_cv: 0.45, relative_price: 0 });
  const c = m({ log_quantity_index: 0, repeat_rate: 0, basket_value_cv: 0, relative_price: -1 });
  const names = clusterNames([a, b, c]);
  assert.equal(names[2], 'bargain seekers');
  // Against the twins' average (0.025), a's largest gap is basket_value_cv (-0.425), b's too (+0.425).
  assert.deepEqual(names.slice(0, 2), ['bulk buyers, more steady spend', 'bulk buyers, more erratic spend']);
});

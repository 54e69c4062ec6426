/**
 * The report's recommender chart: a score per persona for each recommender.
 * Vega-Lite specs from aggregated data, drawn by render.ts (which says what the specs leave out).
 */
import type * as vl from 'vega-lite';

/** A score per persona for each recommender (grouped bars). */
export function recommendSpec(
  rows: { recommender: string; persona: string; value: number }[],
  personas: string[],
  recommenders: string[],
  metric: string,
): vl.TopLevelSpec {
  return {
    data: { values: rows },
    width: 520,
    height: { step: 9 },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'persona', type: 'nominal', sort: personas, title: null },
      yOffset: { field: 'recommender', type: 'nominal', sort: recommenders },
      x: { field: 'value', type: 'quantitative', title: metric, scale: { domain: [0, 1] } },
      color: {
        field: 'recommender',
        type: 'nominal',
        sort: recommenders,
        scale: { scheme: 'tableau10' },
        title: 'recommender',
      },
    },
  } as vl.TopLevelSpec;
}

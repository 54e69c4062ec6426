/**
 * The report's charts as Vega-Lite specs, built from aggregated numbers (render.ts draws them).
 * Every builder takes small, already-aggregated data, so a chart's size does not grow with the
 * number of transactions.
 *
 * The SVG is static (no script), so the specs carry no tooltips. Without a canvas Vega estimates
 * text widths generously, so axis titles are kept short: a rotated title longer than its axis
 * pushes the panel's title up.
 */
import type * as vl from 'vega-lite';
import { clusterScale, personaScale } from './render.ts';

export interface ShareRow {
  persona: string;
  observed: number;
  configured: number | null;
  traders: number;
}

/** Persona shares (bars) against the configured shares (ticks), and traders per zone by persona. */
export function sharesSpec(
  personas: ShareRow[],
  zones: { zone: string; persona: string; traders: number; order: number }[],
  order: string[],
): vl.TopLevelSpec {
  const colour = personaScale(order);
  return {
    hconcat: [
      {
        title: 'Persona share of traders (tick: configured share)',
        width: 320,
        height: { step: 26 },
        data: { values: personas },
        layer: [
          {
            mark: { type: 'bar' },
            encoding: {
              y: { field: 'persona', type: 'nominal', sort: order, title: null },
              x: { field: 'observed', type: 'quantitative', axis: { format: '.0%' }, title: 'share of traders' },
              color: { field: 'persona', type: 'nominal', scale: colour, legend: null },
            },
          },
          {
            mark: { type: 'tick', color: 'black', thickness: 2, size: 22 },
            encoding: {
              y: { field: 'persona', type: 'nominal', sort: order },
              x: { field: 'configured', type: 'quantitative' },
            },
          },
          {
            mark: { type: 'text', align: 'left', dx: 6, fontSize: 11, color: '#333' },
            encoding: {
              y: { field: 'persona', type: 'nominal', sort: order },
              x: { field: 'observed', type: 'quantitative' },
              text: { field: 'traders', type: 'quantitative' },
            },
          },
        ],
      },
      {
        title: 'Traders per zone, by persona',
        width: 360,
        height: { step: 26 },
        data: { values: zones },
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'zone', type: 'nominal', sort: '-x', title: null },
          x: { field: 'traders', type: 'quantitative', aggregate: 'sum', title: 'traders', stack: 'zero' },
          color: { field: 'persona', type: 'nominal', scale: colour, title: 'persona', sort: order },
          order: { field: 'order', type: 'quantitative' },
        },
      },
    ],
  } as vl.TopLevelSpec;
}

export interface BoxRow {
  persona: string;
  metric: string;
  p5: number;
  q1: number;
  median: number;
  q3: number;
  p95: number;
  mean: number;
  n: number;
}

/**
 * Box plots drawn from precomputed quantiles (box: quartiles, line: median, whiskers: 5th to 95th
 * percentile, dot: mean), one panel per metric, on a log axis. Quantiles are computed in Node,
 * so the spec holds six rows per panel however many traders there are.
 */
export function boxSpec(
  rows: BoxRow[],
  metrics: { id: string; title: string; axis: string }[],
  order: string[],
): vl.TopLevelSpec {
  const colour = personaScale(order);
  return {
    data: { values: rows },
    hconcat: metrics.map((m, i) => {
      // Persona names on the first panel only; the others line up with it.
      const y = {
        field: 'persona',
        type: 'nominal',
        sort: order,
        title: null,
        axis: i === 0 ? { labelLimit: 200 } : null,
      } as const;
      return {
        title: m.title,
        width: 230,
        height: { step: 26 },
        transform: [{ filter: { field: 'metric', equal: m.id } }],
        layer: [
          {
            mark: { type: 'rule', color: '#555' },
            encoding: {
              y,
              x: { field: 'p5', type: 'quantitative', scale: { type: 'log', nice: false }, title: m.axis },
              x2: { field: 'p95' },
            },
          },
          {
            mark: { type: 'bar', size: 16, stroke: '#333', strokeWidth: 0.5 },
            encoding: {
              y,
              x: { field: 'q1', type: 'quantitative' },
              x2: { field: 'q3' },
              color: { field: 'persona', type: 'nominal', scale: colour, legend: null },
            },
          },
          {
            mark: { type: 'tick', color: 'white', thickness: 2, size: 16 },
            encoding: { y, x: { field: 'median', type: 'quantitative' } },
          },
          {
            mark: { type: 'point', shape: 'diamond', filled: true, color: 'black', size: 28 },
            encoding: { y, x: { field: 'mean', type: 'quantitative' } },
          },
        ],
      };
    }),
  } as vl.TopLevelSpec;
}

/** Activity by hour of day (per persona), by weekday (per persona) and by day of month (all). */
export function timeSpec(
  hour: { persona: string; hour: number; share: number }[],
  weekday: { persona: string; weekday: string; day: number; index: number }[],
  dom: { day: number; items: number; spend: number }[],
  order: string[],
): vl.TopLevelSpec {
  const colour = personaScale(order);
  return {
    vconcat: [
      {
        title: 'Hour of day: share of each persona\u2019s items',
        width: 640,
        height: 200,
        data: { values: hour },
        mark: { type: 'line', point: { size: 18 }, strokeWidth: 2 },
        encoding: {
          x: {
            field: 'hour',
            type: 'quantitative',
            scale: { nice: false },
            axis: { tickMinStep: 1, format: 'd' },
            title: 'hour of day',
          },
          y: { field: 'share', type: 'quantitative', axis: { format: '.0%' }, title: 'share of items' },
          color: { field: 'persona', type: 'nominal', scale: colour, title: 'persona', sort: order },
        },
      },
      {
        hconcat: [
          {
            title: 'Day of week (1 = the persona\u2019s mean day)',
            width: 260,
            height: 200,
            data: { values: weekday },
            mark: { type: 'line', point: { size: 18 }, strokeWidth: 2 },
            encoding: {
              x: { field: 'weekday', type: 'ordinal', sort: { field: 'day' }, title: null, axis: { labelAngle: 0 } },
              y: { field: 'index', type: 'quantitative', title: 'items per day, index', scale: { zero: false } },
              color: { field: 'persona', type: 'nominal', scale: colour, sort: order },
            },
          },
          {
            title: 'Day of month: mean spend per day (all traders)',
            width: 300,
            height: 200,
            data: { values: dom },
            mark: { type: 'bar', color: '#6b8fb3' },
            encoding: {
              x: {
                field: 'day',
                type: 'ordinal',
                title: 'day of month',
                axis: { labelAngle: 0, values: [1, 5, 10, 15, 20, 25, 31] },
              },
              y: { field: 'spend', type: 'quantitative', title: 'USD per day' },
            },
          },
        ],
      },
    ],
    resolve: { scale: { color: 'shared' } },
  } as vl.TopLevelSpec;
}

/** Daily (or weekly) category price index per zone, one small multiple per category. */
export function priceSpec(
  rows: { category: string; zone: string; date: string; index: number }[],
  categories: string[],
  zones: string[],
): vl.TopLevelSpec {
  return {
    data: { values: rows },
    facet: {
      field: 'category',
      type: 'nominal',
      sort: categories,
      title: null,
      header: { labelFontSize: 12, labelFontWeight: 'bold', labelAnchor: 'start' },
    },
    columns: 4,
    spec: {
      width: 220,
      height: 140,
      layer: [
        {
          // One reference line per panel (not one per data row).
          transform: [{ aggregate: [{ op: 'count', as: 'rows' }], groupby: ['category'] }],
          mark: { type: 'rule', color: '#999', strokeDash: [3, 3] },
          encoding: { y: { datum: 100, type: 'quantitative' } },
        },
        {
          mark: { type: 'line', strokeWidth: 1.3, clip: true },
          encoding: {
            x: {
              field: 'date',
              type: 'temporal',
              title: null,
              axis: { format: '%d %b', labelAngle: 0, tickCount: 4, labelOverlap: true },
            },
            y: { field: 'index', type: 'quantitative', scale: { zero: false }, title: 'price index' },
            color: { field: 'zone', type: 'nominal', scale: { domain: zones, scheme: 'tableau10' }, title: 'zone' },
          },
        },
      ],
    },
    resolve: { scale: { y: 'independent' } },
  } as vl.TopLevelSpec;
}

/**
 * Price paid per persona against the market's buyers, like for like: all categories (bars) and
 * each category (a diverging heat map, blue = cheaper, red = dearer, text = the percentage).
 */
export function pricePaidSpec(
  overall: { persona: string; pct: number; n: number }[],
  byCategory: { persona: string; category: string; pct: number; n: number }[],
  order: string[],
  categories: string[],
): vl.TopLevelSpec {
  const colour = personaScale(order);
  // Colours saturate at +-50% so one extreme cell does not wash out the rest.
  const extent = Math.min(50, Math.max(5, ...byCategory.map((r) => Math.abs(r.pct))));
  // Room beyond the bars for their labels.
  const lo = Math.min(0, ...overall.map((r) => r.pct));
  const hi = Math.max(0, ...overall.map((r) => r.pct));
  const pad = Math.max(4, (hi - lo) * 0.22);
  return {
    hconcat: [
      {
        title: 'All categories',
        width: 260,
        height: { step: 30 },
        data: { values: overall },
        layer: [
          {
            mark: { type: 'bar', size: 20 },
            encoding: {
              y: { field: 'persona', type: 'nominal', sort: order, title: null },
              x: {
                field: 'pct',
                type: 'quantitative',
                title: '% vs market',
                scale: { domain: [lo < 0 ? lo - pad : 0, hi > 0 ? hi + pad : 0], nice: false },
              },
              color: { field: 'persona', type: 'nominal', scale: colour, legend: null },
            },
          },
          {
            mark: {
              type: 'text',
              fontSize: 11,
              dx: { expr: 'datum.pct < 0 ? -4 : 4' },
              align: { expr: "datum.pct < 0 ? 'right' : 'left'" },
            },
            encoding: {
              y: { field: 'persona', type: 'nominal', sort: order },
              x: { field: 'pct', type: 'quantitative' },
              text: { field: 'label', type: 'nominal' },
            },
          },
          {
            data: { values: [{ x: 0 }] },
            mark: { type: 'rule', color: '#333' },
            encoding: { x: { field: 'x', type: 'quantitative' } },
          },
        ],
      },
      {
        title: 'By category (blank: fewer than 10 items)',
        width: { step: 80 },
        height: { step: 30 },
        data: { values: byCategory },
        encoding: {
          x: {
            field: 'category',
            type: 'nominal',
            sort: categories,
            title: null,
            axis: { orient: 'top', labelAngle: 0, labelLimit: 0 },
          },
          y: { field: 'persona', type: 'nominal', sort: order, title: null, axis: { labels: false, ticks: false } },
        },
        layer: [
          {
            mark: { type: 'rect', stroke: 'white' },
            encoding: {
              color: {
                field: 'pct',
                type: 'quantitative',
                scale: { scheme: 'blueorange', domain: [-extent, extent], clamp: true },
                title: '% vs market',
                legend: { gradientLength: 150 },
              },
            },
          },
          {
            mark: { type: 'text', fontSize: 11 },
            encoding: {
              text: { field: 'label', type: 'nominal' },
              color: {
                condition: { test: `abs(datum.pct) > ${(extent * 0.6).toFixed(2)}`, value: 'white' },
                value: '#222',
              },
            },
          },
        ],
      },
    ],
    resolve: { scale: { color: 'independent', y: 'shared' } },
  } as vl.TopLevelSpec;
}

/** Silhouette and inertia per trader against k, for this run and the baseline; `natural` rings the silhouette k. */
export function kSweepSpec(
  rows: { run: string; k: number; silhouette: number; inertia: number; natural: boolean }[],
  runs: string[],
): vl.TopLevelSpec {
  const colour = { domain: runs, range: ['#1f77b4', '#999999', '#ff7f0e'].slice(0, runs.length) };
  const panel = (field: string, title: string, axisTitle: string): object => ({
    title,
    width: 320,
    height: 220,
    layer: [
      {
        mark: { type: 'line', point: { size: 30, filled: true }, strokeWidth: 2 },
        encoding: {
          x: {
            field: 'k',
            type: 'quantitative',
            axis: { tickMinStep: 1, format: 'd' },
            scale: { nice: false, zero: false },
            title: 'k (clusters)',
          },
          y: { field, type: 'quantitative', title: axisTitle },
          color: { field: 'run', type: 'nominal', scale: colour, title: 'run' },
        },
      },
      {
        transform: [{ filter: 'datum.natural' }],
        mark: { type: 'point', shape: 'circle', size: 220, strokeWidth: 2, filled: false },
        encoding: {
          x: { field: 'k', type: 'quantitative' },
          y: { field, type: 'quantitative' },
          color: { field: 'run', type: 'nominal', scale: colour },
        },
      },
    ],
  });
  return {
    data: { values: rows },
    hconcat: [
      panel('silhouette', 'Mean silhouette (ring: silhouette k)', 'silhouette'),
      panel('inertia', 'Inertia per trader (within-cluster sum of squares)', 'inertia / trader'),
    ],
  } as vl.TopLevelSpec;
}

/**
 * Mean prediction strength against k for this run and the baseline: error bars +-1 sd over the
 * splits, a dashed line at the threshold, a ring at each run's natural k.
 */
export function predictionStrengthSpec(
  rows: { run: string; k: number; mean: number; sd: number; natural: boolean }[],
  runs: string[],
  threshold: number,
): vl.TopLevelSpec {
  const colour = { domain: runs, range: ['#1f77b4', '#999999', '#ff7f0e'].slice(0, runs.length) };
  const x = {
    field: 'k',
    type: 'quantitative',
    axis: { tickMinStep: 1, format: 'd' },
    scale: { nice: false, zero: false },
    title: 'k (clusters)',
  } as const;
  const bars = rows.map((r) => ({ ...r, lo: Math.max(0, r.mean - r.sd), hi: Math.min(1, r.mean + r.sd) }));
  return {
    title: `Prediction strength (mean \u00b1 sd over the splits; dashed: threshold ${threshold}; ring: natural k)`,
    width: 520,
    height: 240,
    data: { values: bars },
    layer: [
      {
        data: { values: [{ threshold }] },
        mark: { type: 'rule', color: '#b42318', strokeDash: [5, 4], strokeWidth: 1.5 },
        encoding: { y: { field: 'threshold', type: 'quantitative' } },
      },
      {
        mark: { type: 'rule', strokeWidth: 1.2, opacity: 0.6 },
        encoding: {
          x,
          y: { field: 'lo', type: 'quantitative' },
          y2: { field: 'hi' },
          color: { field: 'run', type: 'nominal', scale: colour },
        },
      },
      {
        mark: { type: 'line', point: { size: 30, filled: true }, strokeWidth: 2 },
        encoding: {
          x,
          y: { field: 'mean', type: 'quantitative', title: 'prediction strength', scale: { domain: [0, 1] } },
          color: { field: 'run', type: 'nominal', scale: colour, title: 'run' },
        },
      },
      {
        transform: [{ filter: 'datum.natural' }],
        mark: { type: 'point', shape: 'circle', size: 220, strokeWidth: 2, filled: false },
        encoding: {
          x,
          y: { field: 'mean', type: 'quantitative' },
          color: { field: 'run', type: 'nominal', scale: colour },
        },
      },
    ],
  } as vl.TopLevelSpec;
}

/** Persona x cluster heat map: colour = share of the persona in the cluster, text = traders. */
export function heatmapSpec(
  cells: { persona: string; cluster: string; count: number; share: number }[],
  personas: string[],
  clusters: string[],
): vl.TopLevelSpec {
  return {
    data: { values: cells },
    width: { step: Math.max(44, Math.min(72, Math.floor(560 / Math.max(1, clusters.length)))) },
    height: { step: 32 },
    encoding: {
      x: {
        field: 'cluster',
        type: 'ordinal',
        sort: clusters,
        title: 'cluster (traders)',
        axis: { labelAngle: 0, orient: 'top' },
      },
      y: { field: 'persona', type: 'nominal', sort: personas, title: null },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          color: {
            field: 'share',
            type: 'quantitative',
            scale: { scheme: 'blues', domain: [0, 1] },
            title: 'share of persona',
            legend: { format: '.0%', gradientLength: 150 },
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 11 },
        encoding: {
          text: { field: 'count', type: 'quantitative' },
          color: { condition: { test: 'datum.share > 0.5', value: 'white' }, value: '#222' },
        },
      },
    ],
  } as vl.TopLevelSpec;
}

/** Two panels of the same PCA projection: coloured by cluster, and by persona. */
export function projectionSpec(
  points: { x: number; y: number; cluster: string; persona: string }[],
  explained: [number, number],
  personas: string[],
  clusters: string[],
): vl.TopLevelSpec {
  const axisX = `PC1 (${(explained[0] * 100).toFixed(0)}% of variance)`;
  const axisY = `PC2 (${(explained[1] * 100).toFixed(0)}% of variance)`;
  const panel = (
    field: 'cluster' | 'persona',
    title: string,
    scale: { domain: string[]; range: string[] },
  ): object => ({
    title,
    width: 360,
    height: 300,
    mark: { type: 'point', filled: true, size: 18, opacity: 0.75 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: axisX },
      y: { field: 'y', type: 'quantitative', title: axisY },
      color: { field, type: 'nominal', scale, title: field, sort: scale.domain },
    },
  });
  return {
    data: { values: points },
    hconcat: [
      panel('cluster', 'Coloured by k-means cluster', clusterScale(clusters)),
      panel('persona', 'Coloured by true persona', personaScale(personas)),
    ],
    resolve: { scale: { color: 'independent' } },
  } as vl.TopLevelSpec;
}

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

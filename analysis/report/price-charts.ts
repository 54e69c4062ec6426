/**
 * The report's price charts: the category price index per zone, and the price each persona pays
 * against the market's buyers.
 * Vega-Lite specs from aggregated data, drawn by render.ts (which says what the specs leave out).
 */
import type * as vl from 'vega-lite';
import { personaScale } from './render.ts';

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

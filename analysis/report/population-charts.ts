/**
 * The report's charts of who the traders are and when they shop: persona and zone shares, per-
 * trader distributions as box plots, activity by hour, weekday and day of month.
 * Vega-Lite specs from aggregated data, drawn by render.ts (which says what the specs leave out).
 */
import type * as vl from 'vega-lite';
import { personaScale } from './render.ts';

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

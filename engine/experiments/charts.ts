/**
 * The experiments' charts as Vega-Lite specs (drawn to SVG by the report's renderer) and the
 * page they go on: a sweep's metrics against the value, a counterfactual's differences, and
 * Morris's ranking of parameters per metric.
 */
import type { TopLevelSpec } from 'vega-lite';
import { esc, figure, page, renderSvg, table, type Cell, type Section } from '../../analysis/report/index.ts';

export interface SweepPoint {
  metric: string;
  value: number | string;
  kind: 'run' | 'mean';
  y: number;
  low?: number;
  high?: number;
}

/** Every metric against the value: each seed's run (dots), the mean (line) and its 95% interval (band). */
export function sweepSpec(points: SweepPoint[], param: string, numeric: boolean, metrics: number): TopLevelSpec {
  const x = {
    field: 'value',
    type: numeric ? 'quantitative' : 'ordinal',
    title: param.split('.').slice(-2).join('.'),
  } as const;
  return {
    data: { values: points },
    facet: { field: 'metric', type: 'nominal', title: null, header: { labelFontSize: 11, labelLimit: 0 } },
    columns: metrics <= 3 ? metrics : metrics <= 6 || metrics === 9 ? 3 : 4,
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 200,
      height: 130,
      layer: [
        // The band only where there are intervals (two seeds or more): an empty layer makes Vega warn.
        ...(points.some((p) => p.low !== undefined)
          ? [
              {
                transform: [{ filter: "datum.kind === 'mean' && isValid(datum.low)" }],
                mark: { type: 'area', opacity: 0.25, color: '#1f77b4' },
                encoding: {
                  x,
                  y: { field: 'low', type: 'quantitative', title: null, scale: { zero: false } },
                  y2: { field: 'high' },
                },
              },
            ]
          : []),
        {
          transform: [{ filter: "datum.kind === 'mean'" }],
          mark: { type: 'line', color: '#1f77b4', point: true },
          encoding: { x, y: { field: 'y', type: 'quantitative', title: null, scale: { zero: false } } },
        },
        {
          transform: [{ filter: "datum.kind === 'run'" }],
          mark: { type: 'point', size: 14, color: '#555', opacity: 0.6 },
          encoding: { x, y: { field: 'y', type: 'quantitative' } },
        },
      ],
    },
  } as TopLevelSpec;
}

export interface DifferenceRow {
  metric: string;
  difference: number;
  /** The interval, when there are two pairs or more. */
  low?: number;
  high?: number;
  /** The interval excludes 0. */
  clear: boolean;
}

/** Each metric's paired difference (with - without) relative to its mean without, with the 95% interval. */
export function differenceSpec(rows: DifferenceRow[]): TopLevelSpec {
  const y = { field: 'metric', type: 'nominal', sort: null, title: null } as const;
  const color = {
    field: 'clear',
    type: 'nominal',
    scale: { domain: [true, false], range: ['#b42318', '#8a96a3'] },
    title: 'interval excludes 0',
  } as const;
  return {
    width: 420,
    height: { step: 16 },
    data: { values: rows },
    layer: [
      { mark: { type: 'rule', color: '#999' }, encoding: { x: { datum: 0, type: 'quantitative' } } },
      ...(rows.some((r) => r.low !== undefined)
        ? [
            {
              transform: [{ filter: 'isValid(datum.low)' }],
              mark: { type: 'rule', strokeWidth: 2 },
              encoding: { y, x: { field: 'low', type: 'quantitative' }, x2: { field: 'high' }, color },
            },
          ]
        : []),
      {
        mark: { type: 'point', filled: true, size: 40 },
        encoding: {
          y,
          x: { field: 'difference', type: 'quantitative', title: 'difference (with - without) / |without|' },
          color,
        },
      },
    ],
  } as TopLevelSpec;
}

export interface RankRow {
  metric: string;
  param: string;
  mu_star: number;
  sigma: number;
  /** 1 for the largest mu* of the metric. */
  rank: number;
}

/** Morris: for each metric, the parameters ranked by mu* (bars), with sigma beside (ticks). */
export function rankingSpec(rows: RankRow[]): TopLevelSpec {
  // The order comes with the data: a sort by one layer's field is dropped when layers share the axis.
  const y = { field: 'param', type: 'nominal', sort: { field: 'rank', op: 'min' }, title: null } as const;
  const metrics = [...new Set(rows.map((r) => r.metric))];
  // One chart per metric (concat, not facet): each has its own scales without unioning the layers'.
  return {
    columns: Math.min(3, metrics.length),
    concat: metrics.map((m) => ({
      title: { text: m, fontSize: 11, fontWeight: 'normal' },
      width: 220,
      height: { step: 16 },
      data: { values: rows.filter((r) => r.metric === m) },
      layer: [
        {
          mark: { type: 'bar', color: '#1f77b4' },
          encoding: { y, x: { field: 'mu_star', type: 'quantitative', title: 'mu* (bar), sigma (tick)' } },
        },
        {
          mark: { type: 'tick', color: '#d62728', thickness: 2 },
          encoding: { y, x: { field: 'sigma', type: 'quantitative' } },
        },
      ],
    })),
  } as TopLevelSpec;
}

/** An experiment's page: a headline, the chart, and the failed runs if any. */
export async function experimentPage(opts: {
  title: string;
  subtitle: string;
  chart: { id: string; title: string; lookFor: string; spec: TopLevelSpec; caption: string };
  failed: { label: string; error: string }[];
  tables?: { id: string; title: string; lookFor: string; header: Cell[]; rows: Cell[][] }[];
  footer: string;
}): Promise<{ html: string; svg: string }> {
  const svg = await renderSvg(opts.chart.spec, opts.chart.title);
  const sections: Section[] = [
    {
      id: opts.chart.id,
      title: opts.chart.title,
      lookFor: opts.chart.lookFor,
      chart: true,
      body: figure(svg, esc(opts.chart.caption)),
    },
  ];
  for (const t of opts.tables ?? [])
    sections.push({ id: t.id, title: t.title, lookFor: t.lookFor, chart: false, body: table(t.header, t.rows) });
  sections.push({
    id: 'failed',
    title: 'Failed runs',
    lookFor: 'runs the model could not finish; the results above leave them out.',
    chart: false,
    body:
      opts.failed.length === 0
        ? '<p>None.</p>'
        : table(
            ['run', 'error'],
            opts.failed.map((f) => [f.label, f.error]),
          ),
  });
  return {
    html: page({ title: opts.title, subtitle: opts.subtitle, headline: [], sections, footer: opts.footer }),
    svg,
  };
}

/**
 * The report's market section: what vendors' stock does to prices within the day, and who meets
 * it. Four panels from market.csv and transactions.csv: intraday price paths of a perishable and a
 * storable product, the stockout rate by hour, the share of perishable units sold at a markdown by
 * hour, and the unit price each persona pays by hour against the stall's opening price that day.
 */
import type * as vl from 'vega-lite';
import type { RunAggregate } from './aggregate.ts';
import { figure, type Section } from './html.ts';
import { personaScale, renderSvg } from './render.ts';

const KINDS = ['perishable', 'storable'] as const;

function marketSpec(
  paths: { product: string; date: string; hour: number; relative: number }[],
  stockouts: { hour: number; kind: string; rate: number }[],
  markdowns: { hour: number; share: number }[],
  paid: { persona: string; hour: number; kind: string; pct: number }[],
  personas: string[],
  zone: string,
): vl.TopLevelSpec {
  const hourAxis = {
    field: 'hour',
    type: 'quantitative',
    title: 'hour of day',
    scale: { zero: false },
    axis: { tickMinStep: 1 },
  } as const;
  return {
    vconcat: [
      {
        hconcat: [
          {
            title: `Intraday price / opening price, ${zone}, two weeks of days`,
            data: { values: paths },
            width: 260,
            height: 180,
            mark: { type: 'line', strokeWidth: 1, opacity: 0.6 },
            encoding: {
              x: hourAxis,
              y: { field: 'relative', type: 'quantitative', title: 'price / opening price', scale: { zero: false } },
              color: { field: 'product', type: 'nominal', title: 'product' },
              detail: { field: 'date', type: 'nominal' },
            },
          },
          {
            title: 'Stockout rate by hour (unmet / asked, units)',
            data: { values: stockouts },
            width: 260,
            height: 180,
            mark: { type: 'line', point: true },
            encoding: {
              x: hourAxis,
              y: { field: 'rate', type: 'quantitative', title: 'stockout rate', axis: { format: '%' } },
              color: { field: 'kind', type: 'nominal', title: null, scale: { domain: [...KINDS] } },
            },
          },
        ],
      },
      {
        hconcat: [
          {
            title: 'Perishable units sold at a markdown, by hour',
            data: { values: markdowns },
            width: 260,
            height: 180,
            mark: { type: 'bar' },
            encoding: {
              x: { field: 'hour', type: 'ordinal', title: 'hour of day' },
              y: { field: 'share', type: 'quantitative', title: 'share of units', axis: { format: '%' } },
            },
          },
          {
            title: 'Unit price paid vs the stall\u2019s opening price that day (%)',
            data: { values: paid },
            width: 140,
            height: 180,
            facet: { column: { field: 'kind', type: 'nominal', title: null, sort: [...KINDS] } },
            spec: {
              width: 140,
              height: 180,
              layer: [
                {
                  mark: { type: 'rule', color: '#999', strokeDash: [3, 3] },
                  encoding: { y: { datum: 0, type: 'quantitative' } },
                },
                {
                  mark: { type: 'line', point: { size: 12 } },
                  encoding: {
                    x: hourAxis,
                    y: { field: 'pct', type: 'quantitative', title: '% vs opening price' },
                    color: { field: 'persona', type: 'nominal', scale: personaScale(personas), title: 'persona' },
                  },
                },
              ],
            },
          } as unknown as vl.TopLevelSpec,
        ],
      },
    ],
    // Each panel colours its own things (products, stock kinds, personas).
    resolve: { scale: { color: 'independent' } },
  } as vl.TopLevelSpec;
}

export async function marketSection(agg: RunAggregate): Promise<Section> {
  const id = 'market';
  const title = 'The market within the day: stock, markdowns and who pays what';
  const lookFor =
    'perishables marked down in the last hours while storable goods hold their price; stalls running short as the day goes; late shoppers (bargain hunters, families after work) paying less for perishables and more where stock ran short.';
  const b = agg.market;
  if (!b)
    return { id, title, lookFor, note: 'this run has no market.csv (made before vendors held stock)', chart: false };
  const stockouts: { hour: number; kind: string; rate: number }[] = [];
  const markdowns: { hour: number; share: number }[] = [];
  const paid: { persona: string; hour: number; kind: string; pct: number }[] = [];
  for (let h = 0; h < b.hours; h++) {
    const hour = b.openHour + h;
    KINDS.forEach((kind, k) => {
      const asked = b.sold[h * 2 + k] + b.unmet[h * 2 + k];
      if (asked > 0) stockouts.push({ hour, kind, rate: Math.round((b.unmet[h * 2 + k] / asked) * 10000) / 10000 });
    });
    if (b.perishableUnits[h] > 0)
      markdowns.push({ hour, share: Math.round((b.markdownUnits[h] / b.perishableUnits[h]) * 10000) / 10000 });
    for (let p = 0; p < b.personas; p++) {
      KINDS.forEach((kind, k) => {
        const n = b.relCount[(p * b.hours + h) * 2 + k];
        // Fewer than 20 items is too few for a point.
        if (n >= 20)
          paid.push({
            persona: agg.personas[p],
            hour,
            kind,
            pct: Math.round((Math.exp(b.relSum[(p * b.hours + h) * 2 + k] / n) - 1) * 1000) / 10,
          });
      });
    }
  }
  const paths = b.paths.map((q) => ({ ...q, relative: Math.round(q.relative * 1000) / 1000 }));
  const svg = await renderSvg(
    marketSpec(paths, stockouts, markdowns, paid, agg.personas, b.pathZone),
    'the market within the day',
  );
  return {
    id,
    title,
    lookFor,
    body: figure(
      svg,
      'From market.csv (posted prices, markdowns, stock, units sold and unmet per hour) and transactions.csv. Price paid: each item\u2019s unit price against the opening price of its stall that day, so the day\u2019s level cancels and what remains is the premiums and markdowns the buyer met by shopping when it did; exp(mean log ratio) \u2212 1. Market: the personas the market never sees.',
    ),
    chart: true,
  };
}

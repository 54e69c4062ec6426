/**
 * The report's sections about the data itself (the run, shares, spend and activity, time,
 * prices, the price paid), each built from the aggregated run.
 */
import { quantileSorted } from 'd3-array';
import type { AnalysisResult } from '../analyze.ts';
import type { RunAggregate } from './aggregate.ts';
import { boxSpec, sharesSpec, timeSpec, type BoxRow } from './population-charts.ts';
import { pricePaidSpec, priceSpec } from './price-charts.ts';
import { figure, int, keyValues, num, table, type Cell, type Section } from './html.ts';
import { renderSvg } from './render.ts';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Loosely typed extra fields of manifest.json that RunManifest does not declare. */
interface ManifestExtras {
  musika?: string;
  run?: {
    threads?: number;
    seconds?: { total?: number; setup?: number; stepping?: number };
    peakRssMB?: number;
    finishedAt?: string;
  };
  counts?: { priceRows?: number };
}

// ------------------------------------------------------------------------------ the run

export function runSection(agg: RunAggregate, dir: string, analysis: AnalysisResult | undefined): Section {
  const m = agg.manifest;
  const x = m as unknown as ManifestExtras;
  const s = m.scenario;
  const rows: [string, Cell][] = [
    ['directory', dir],
    ['scenario', s.name],
    [
      'size',
      `${int(agg.traders)} traders \u00d7 ${int(s.weeks)} weeks (${int(agg.days)} days from ${s.calendar.startDate})`,
    ],
    ['seed', String(m.seed)],
    [
      'trading hours',
      `${String(s.calendar.openHour).padStart(2, '0')}:00\u2013${String(s.calendar.closeHour).padStart(2, '0')}:00`,
    ],
    ['items bought (transactions.csv rows)', int(agg.transactions)],
    ['spend', `USD ${int(agg.totalSpend)}`],
    [
      'catalogue',
      `${agg.categories.length} categories, ${s.market.catalogue.products.length} products, ${agg.zones.length} zones`,
    ],
  ];
  if (x.counts?.priceRows !== undefined) rows.push(['price rows', int(x.counts.priceRows)]);
  const secs = x.run?.seconds;
  if (secs?.total !== undefined) {
    const parts = [`${num(secs.total, 2)} s`];
    if (secs.setup !== undefined && secs.stepping !== undefined)
      parts.push(`(set-up ${num(secs.setup, 2)} s, stepping and writing ${num(secs.stepping, 2)} s)`);
    if (x.run?.threads !== undefined) parts.push(`on ${x.run.threads} thread${x.run.threads === 1 ? '' : 's'}`);
    rows.push(['time taken to simulate', parts.join(' ')]);
  }
  if (x.run?.peakRssMB !== undefined) rows.push(['peak memory', `${x.run.peakRssMB} MB`]);
  if (analysis) rows.push(['time taken to analyse', `${num(analysis.seconds, 2)} s`]);
  if (x.run?.finishedAt) rows.push(['finished at', x.run.finishedAt]);
  if (x.musika) rows.push(['musika version', x.musika]);
  return {
    id: 'run',
    title: 'The run',
    lookFor: 'the scenario, size and seed that reproduce these files byte for byte.',
    body: keyValues(rows),
    chart: false,
  };
}

// ------------------------------------------------------------------------------ shares

export async function sharesSection(agg: RunAggregate): Promise<Section> {
  const P = agg.personas.length;
  const Z = agg.zones.length;
  const perPersona = agg.personas.map((_, p) => {
    let n = 0;
    for (let z = 0; z < Z; z++) n += agg.personaZone[p * Z + z];
    return n;
  });
  const total = perPersona.reduce((a, b) => a + b, 0) || 1;
  const shareRows = agg.personas.map((persona, p) => ({
    persona,
    observed: perPersona[p] / total,
    configured: Number.isFinite(agg.configuredShare[p]) ? agg.configuredShare[p] : null,
    traders: perPersona[p],
  }));
  const zoneRows: { zone: string; persona: string; traders: number; order: number }[] = [];
  for (let z = 0; z < Z; z++)
    for (let p = 0; p < P; p++)
      zoneRows.push({
        zone: agg.zones[z].name,
        persona: agg.personas[p],
        traders: agg.personaZone[p * Z + z],
        order: p,
      });
  const svg = await renderSvg(sharesSpec(shareRows, zoneRows, agg.personas), 'persona and zone shares');
  return {
    id: 'shares',
    title: 'Persona and zone shares',
    lookFor:
      'each persona\u2019s bar should end near its black tick (the configured share); zones differ in size and mix.',
    body: figure(svg, `From traders.csv: ${int(total)} traders. Numbers at the bar ends are trader counts.`),
    chart: true,
  };
}

// ------------------------------------------------------------------------------ spend and activity

function boxRow(persona: string, metric: string, values: number[]): BoxRow | undefined {
  if (!values.length) return undefined;
  values.sort((a, b) => a - b);
  const q = (p: number): number => quantileSorted(values, p) ?? NaN;
  return {
    persona,
    metric,
    p5: q(0.05),
    q1: q(0.25),
    median: q(0.5),
    q3: q(0.75),
    p95: q(0.95),
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    n: values.length,
  };
}

export async function spendSection(agg: RunAggregate): Promise<Section> {
  const metrics = [
    {
      id: 'spend',
      title: 'Spend per week',
      axis: 'USD per week (log)',
      of: (t: number) => agg.spend[t] / agg.activeWeeks[t],
    },
    {
      id: 'items',
      title: 'Items bought per week',
      axis: 'items per week (log)',
      of: (t: number) => agg.items[t] / agg.activeWeeks[t],
    },
    {
      id: 'visits',
      title: 'Market visits per week',
      axis: 'visits per week (log)',
      of: (t: number) => agg.visits[t] / agg.activeWeeks[t],
    },
  ];
  const rows: BoxRow[] = [];
  let inactive = 0;
  for (let t = 0; t < agg.traders; t++) if (agg.items[t] === 0) inactive++;
  const medians: Cell[][] = [];
  for (let p = 0; p < agg.personas.length; p++) {
    const members: number[] = [];
    for (let t = 0; t < agg.traders; t++) if (agg.traderPersona[t] === p && agg.items[t] > 0) members.push(t);
    const cells: Cell[] = [agg.personas[p], members.length];
    for (const m of metrics) {
      const r = boxRow(agg.personas[p], m.id, members.map(m.of));
      if (r) rows.push(r);
      cells.push(r ? Number(r.median.toFixed(m.id === 'spend' ? 1 : 2)) : '–');
    }
    medians.push(cells);
  }
  const svg = await renderSvg(boxSpec(rows, metrics, agg.personas), 'spend and activity per persona');
  return {
    id: 'spend',
    title: 'Spend and activity per persona',
    lookFor:
      'wholesalers should spend an order of magnitude more per week than occasional buyers and bargain hunters, with visits ordered by the personas\u2019 activity.',
    body:
      figure(
        svg,
        `Per trader, over the weeks since it joined (at least one). Box: quartiles; white line: median; black diamond: mean; whiskers: 5th to 95th percentile. Log axes. ${inactive ? `${int(inactive)} trader${inactive === 1 ? '' : 's'} with no purchase left out.` : ''}`,
      ) +
      table(
        [
          'persona',
          { text: 'traders', cls: 'n' },
          { text: 'median USD / week', cls: 'n' },
          { text: 'median items / week', cls: 'n' },
          { text: 'median visits / week', cls: 'n' },
        ],
        medians,
      ),
    chart: true,
  };
}

// ------------------------------------------------------------------------------ time

export async function timeSection(agg: RunAggregate): Promise<Section> {
  const NP = agg.personas.length;
  const hourRows: { persona: string; hour: number; share: number }[] = [];
  let hMin = 24;
  let hMax = -1;
  for (let h = 0; h < 24; h++) {
    for (let p = 0; p < NP; p++) {
      if (agg.byHour[h * NP + p] > 0) {
        hMin = Math.min(hMin, h);
        hMax = Math.max(hMax, h);
      }
    }
  }
  const weekdayRows: { persona: string; weekday: string; day: number; index: number }[] = [];
  for (let p = 0; p < NP; p++) {
    let total = 0;
    for (let h = 0; h < 24; h++) total += agg.byHour[h * NP + p];
    if (!total) continue;
    for (let h = hMin; h <= hMax; h++)
      hourRows.push({ persona: agg.personas[p], hour: h, share: agg.byHour[h * NP + p] / total });
    const rate = WEEKDAYS.map((_, w) => (agg.weekdayDays[w] ? agg.byWeekday[w * NP + p] / agg.weekdayDays[w] : NaN));
    const valid = rate.filter(Number.isFinite);
    const mean = valid.reduce((a, b) => a + b, 0) / (valid.length || 1);
    rate.forEach((r, w) => {
      if (Number.isFinite(r) && mean > 0)
        weekdayRows.push({ persona: agg.personas[p], weekday: WEEKDAYS[w], day: w, index: r / mean });
    });
  }
  const domRows: { day: number; items: number; spend: number }[] = [];
  for (let d = 0; d < 31; d++)
    if (agg.dayOfMonthDays[d])
      domRows.push({
        day: d + 1,
        items: agg.byDayOfMonthItems[d] / agg.dayOfMonthDays[d],
        spend: agg.byDayOfMonthSpend[d] / agg.dayOfMonthDays[d],
      });
  const svg = await renderSvg(
    timeSpec(hourRows, weekdayRows, domRows, agg.personas),
    'activity by hour, weekday and day of month',
  );
  const short = agg.days < 60;
  return {
    id: 'time',
    title: 'Activity by hour of day, day of week and day of month',
    lookFor:
      'wholesalers peak at dawn and individuals after work; a weekly cycle (market days, quiet Sundays); spend high after payday and falling towards month end.',
    body: figure(
      svg,
      `From every row of transactions.csv (one streamed pass). Weekday and day-of-month values are means over the run\u2019s days that fall on them.${short ? ` This run has only ${agg.days} days, so each day of month is seen once or twice and the monthly cycle is noisy.` : ''}`,
    ),
    chart: true,
  };
}

// ------------------------------------------------------------------------------ prices

export async function priceSection(agg: RunAggregate): Promise<Section> {
  const Z = agg.zones.length;
  const C = agg.categories.length;
  const rows: { category: string; zone: string; date: string; index: number }[] = [];
  for (let q = 0; q < agg.periodDates.length; q++) {
    for (let z = 0; z < Z; z++) {
      for (let c = 0; c < C; c++) {
        const v = agg.priceIndex[(q * Z + z) * C + c];
        if (Number.isFinite(v))
          rows.push({
            category: agg.categories[c].name,
            zone: agg.zones[z].name,
            date: agg.periodDates[q],
            index: Math.round(v * 100) / 100,
          });
      }
    }
  }
  const svg = await renderSvg(
    priceSpec(
      rows,
      agg.categories.map((c) => c.name),
      agg.zones.map((z) => z.name),
    ),
    'price index per category and zone',
  );
  return {
    id: 'prices',
    title: 'Prices per category and zone',
    lookFor:
      'zones sit at their own price levels (dearer CBD and northern suburbs), prices wander and revert to the mean, and seasonal products move together.',
    body: figure(
      svg,
      `From prices.csv. ${agg.pricePeriod === 'day' ? 'Daily' : 'Weekly mean of the daily'} index: the geometric mean over the category\u2019s products of price / the product\u2019s geometric mean over the whole run and every zone, \u00d7 100 (dashed line = 100). Each panel has its own y scale.`,
    ),
    chart: true,
  };
}

// ------------------------------------------------------------------------------ price paid

export async function pricePaidSection(agg: RunAggregate): Promise<Section> {
  const C = agg.categories.length;
  const overall: { persona: string; pct: number; n: number; label: string }[] = [];
  const byCategory: { persona: string; category: string; pct: number; n: number; label: string }[] = [];
  const toPct = (logMean: number): number => Math.round((Math.exp(logMean) - 1) * 1000) / 10;
  const label = (x: number): string => `${x > 0 ? '+' : x < 0 ? '\u2212' : ''}${Math.abs(x).toFixed(0)}%`;
  for (let p = 0; p < agg.personas.length; p++) {
    let s = 0;
    let n = 0;
    for (let c = 0; c < C; c++) {
      const cs = agg.relPriceSum[p * C + c];
      const cn = agg.relPriceCount[p * C + c];
      s += cs;
      n += cn;
      // Fewer than 10 items is too few for a cell.
      if (cn >= 10) {
        const x = toPct(cs / cn);
        byCategory.push({ persona: agg.personas[p], category: agg.categories[c].id, pct: x, n: cn, label: label(x) });
      }
    }
    if (n) {
      const x = toPct(s / n);
      overall.push({ persona: agg.personas[p], pct: x, n, label: label(x) });
    }
  }
  const svg = await renderSvg(
    pricePaidSpec(
      overall,
      byCategory,
      agg.personas,
      agg.categories.map((c) => c.id),
    ),
    'unit price paid by persona',
  );
  return {
    id: 'price-paid',
    title: 'Unit price paid by persona',
    lookFor:
      'bargain hunters pay clearly less than the other personas for the same category, zone and day, in most categories; the least price-sensitive personas (occasional buyers) pay more.',
    body: figure(
      svg,
      'Each item\u2019s relative price: its unit price against the geometric mean of the posted prices of its category\u2019s products in the same zone that day, so zone price levels and the day\u2019s prices cancel and what remains is the choice of cheaper or dearer products and hours. 0% = the category\u2019s typical posted price; shown as exp(mean log ratio) \u2212 1.',
    ),
    chart: true,
  };
}

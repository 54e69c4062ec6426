/**
 * The report's sections, each built from the aggregated run and the optional inputs. A section
 * whose inputs are absent comes back with a note instead of a body, so the page says what is
 * missing and how to make it.
 */
import { quantileSorted } from 'd3-array';
import type { AnalysisResult } from '../analyze.ts';
import type { RunAggregate } from './aggregate.ts';
import { boxSpec, heatmapSpec, kSweepSpec, pricePaidSpec, priceSpec, projectionSpec, recommendSpec, renderSvg, sharesSpec, timeSpec, type BoxRow } from './charts.ts';
import { esc, int, keyValues, liftText, num, pct, table, type Cell, type Section } from './html.ts';
import { recommenderLift, type Maybe, type Projection, type Recommendations, type Validation } from './inputs.ts';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function figure(svg: string, caption: string): string {
  return `<figure>${svg}<figcaption>${caption}</figcaption></figure>`;
}

/** Loosely typed extra fields of manifest.json that RunManifest does not declare. */
interface ManifestExtras {
  musika?: string;
  run?: { threads?: number; seconds?: { total?: number; setup?: number; stepping?: number }; peakRssMB?: number; finishedAt?: string };
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
    ['size', `${int(agg.traders)} traders \u00d7 ${int(s.weeks)} weeks (${int(agg.days)} days from ${s.calendar.startDate})`],
    ['seed', String(m.seed)],
    ['trading hours', `${String(s.calendar.openHour).padStart(2, '0')}:00\u2013${String(s.calendar.closeHour).padStart(2, '0')}:00`],
    ['items bought (transactions.csv rows)', int(agg.transactions)],
    ['spend', `USD ${int(agg.totalSpend)}`],
    ['catalogue', `${agg.categories.length} categories, ${s.market.catalogue.products.length} products, ${agg.zones.length} zones`],
  ];
  if (x.counts?.priceRows !== undefined) rows.push(['price rows', int(x.counts.priceRows)]);
  const secs = x.run?.seconds;
  if (secs?.total !== undefined) {
    const parts = [`${num(secs.total, 2)} s`];
    if (secs.setup !== undefined && secs.stepping !== undefined) parts.push(`(set-up ${num(secs.setup, 2)} s, stepping and writing ${num(secs.stepping, 2)} s)`);
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
  for (let z = 0; z < Z; z++) for (let p = 0; p < P; p++) zoneRows.push({ zone: agg.zones[z].name, persona: agg.personas[p], traders: agg.personaZone[p * Z + z], order: p });
  const svg = await renderSvg(sharesSpec(shareRows, zoneRows, agg.personas), 'persona and zone shares');
  return {
    id: 'shares',
    title: 'Persona and zone shares',
    lookFor: 'each persona\u2019s bar should end near its black tick (the configured share); zones differ in size and mix.',
    body: figure(svg, `From traders.csv: ${int(total)} traders. Numbers at the bar ends are trader counts.`),
    chart: true,
  };
}

// ------------------------------------------------------------------------------ spend and activity

function boxRow(persona: string, metric: string, values: number[]): BoxRow | undefined {
  if (!values.length) return undefined;
  values.sort((a, b) => a - b);
  const q = (p: number): number => quantileSorted(values, p) ?? NaN;
  return { persona, metric, p5: q(0.05), q1: q(0.25), median: q(0.5), q3: q(0.75), p95: q(0.95), mean: values.reduce((a, b) => a + b, 0) / values.length, n: values.length };
}

export async function spendSection(agg: RunAggregate): Promise<Section> {
  const metrics = [
    { id: 'spend', title: 'Spend per week', axis: 'USD per week (log)', of: (t: number) => agg.spend[t] / agg.activeWeeks[t] },
    { id: 'items', title: 'Items bought per week', axis: 'items per week (log)', of: (t: number) => agg.items[t] / agg.activeWeeks[t] },
    { id: 'visits', title: 'Market visits per week', axis: 'visits per week (log)', of: (t: number) => agg.visits[t] / agg.activeWeeks[t] },
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
    lookFor: 'wholesalers should spend an order of magnitude more per week than occasional buyers and bargain hunters, with visits ordered by the personas\u2019 activity.',
    body:
      figure(
        svg,
        `Per trader, over the weeks since it joined (at least one). Box: quartiles; white line: median; black diamond: mean; whiskers: 5th to 95th percentile. Log axes. ${inactive ? `${int(inactive)} trader${inactive === 1 ? '' : 's'} with no purchase left out.` : ''}`,
      ) + table(['persona', { text: 'traders', cls: 'n' }, { text: 'median USD / week', cls: 'n' }, { text: 'median items / week', cls: 'n' }, { text: 'median visits / week', cls: 'n' }], medians),
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
    for (let h = hMin; h <= hMax; h++) hourRows.push({ persona: agg.personas[p], hour: h, share: agg.byHour[h * NP + p] / total });
    const rate = WEEKDAYS.map((_, w) => (agg.weekdayDays[w] ? agg.byWeekday[w * NP + p] / agg.weekdayDays[w] : NaN));
    const valid = rate.filter(Number.isFinite);
    const mean = valid.reduce((a, b) => a + b, 0) / (valid.length || 1);
    rate.forEach((r, w) => {
      if (Number.isFinite(r) && mean > 0) weekdayRows.push({ persona: agg.personas[p], weekday: WEEKDAYS[w], day: w, index: r / mean });
    });
  }
  const domRows: { day: number; items: number; spend: number }[] = [];
  for (let d = 0; d < 31; d++) if (agg.dayOfMonthDays[d]) domRows.push({ day: d + 1, items: agg.byDayOfMonthItems[d] / agg.dayOfMonthDays[d], spend: agg.byDayOfMonthSpend[d] / agg.dayOfMonthDays[d] });
  const svg = await renderSvg(timeSpec(hourRows, weekdayRows, domRows, agg.personas), 'activity by hour, weekday and day of month');
  const short = agg.days < 60;
  return {
    id: 'time',
    title: 'Activity by hour of day, day of week and day of month',
    lookFor: 'wholesalers peak at dawn and individuals after work; a weekly cycle (market days, quiet Sundays); spend high after payday and falling towards month end.',
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
        if (Number.isFinite(v)) rows.push({ category: agg.categories[c].name, zone: agg.zones[z].name, date: agg.periodDates[q], index: Math.round(v * 100) / 100 });
      }
    }
  }
  const svg = await renderSvg(priceSpec(rows, agg.categories.map((c) => c.name), agg.zones.map((z) => z.name)), 'price index per category and zone');
  return {
    id: 'prices',
    title: 'Prices per category and zone',
    lookFor: 'zones sit at their own price levels (dearer CBD and northern suburbs), prices wander and revert to the mean, and seasonal products move together.',
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
  const svg = await renderSvg(pricePaidSpec(overall, byCategory, agg.personas, agg.categories.map((c) => c.id)), 'unit price paid by persona');
  return {
    id: 'price-paid',
    title: 'Unit price paid by persona',
    lookFor: 'bargain hunters pay clearly less than the market for the same category, zone and day, in most categories; the least price-sensitive personas (occasional buyers) pay more.',
    body: figure(
      svg,
      'Each item\u2019s unit price against the mean (log) unit price of every item bought in the same category, zone and day, so zone price levels and the day\u2019s prices cancel and what remains is the choice of cheaper or dearer products. 0% = the market\u2019s average buyer; shown as exp(mean log ratio) \u2212 1.',
    ),
    chart: true,
  };
}

// ------------------------------------------------------------------------------ k sweep

export async function kSweepSection(own: Maybe<AnalysisResult>, baseline: { dir: string; analysis: Maybe<AnalysisResult> } | undefined): Promise<Section> {
  const base = {
    id: 'k-sweep',
    title: 'Silhouette and inertia against k',
    lookFor: 'a clear silhouette peak at the natural k, well above the uniform baseline\u2019s flat, low curve; inertia bends (an elbow) where real segments end.',
    chart: true,
  };
  if (!own.ok) return { ...base, note: `Left out: ${own.reason}.` };
  const a = own.value;
  const runLabel = `this run (${a.run.scenario})`;
  const rows: { run: string; k: number; silhouette: number; inertia: number; natural: boolean }[] = [];
  const add = (r: AnalysisResult, label: string): void => {
    const n = r.tradersClustered || 1;
    for (const p of r.perK) rows.push({ run: label, k: p.k, silhouette: p.silhouette, inertia: p.inertia / n, natural: p.k === r.naturalK });
  };
  add(a, runLabel);
  const runs = [runLabel];
  let baselineNote = '';
  if (baseline?.analysis.ok) {
    const label = `baseline (${baseline.analysis.value.run.scenario})`;
    add(baseline.analysis.value, label);
    runs.push(label);
    baselineNote = ` Baseline: ${esc(baseline.dir)}.`;
  } else if (baseline && !baseline.analysis.ok) {
    baselineNote = ` The baseline ${esc(baseline.dir)} is not shown: ${esc(baseline.analysis.reason)}.`;
  } else {
    baselineNote = ' No baseline: pass --baseline DIR (e.g. a uniform run), or run "musika compare", whose personas/ and uniform/ runs find each other.';
  }
  const svg = await renderSvg(kSweepSpec(rows, runs), 'silhouette and inertia against k');
  const ks = a.perK.map((p) => p.k);
  const tableRows: Cell[][] = a.perK.map((p) => [
    p.k === a.naturalK ? { html: `<b>${p.k}</b>`, cls: 'n' } : p.k,
    { text: num(p.silhouette), cls: 'n' },
    { text: num(p.inertia, 0), cls: 'n' },
    { text: num(p.calinskiHarabasz, 1), cls: 'n' },
    { text: num(p.daviesBouldin), cls: 'n' },
    { text: num(p.ari), cls: 'n' },
  ]);
  return {
    ...base,
    body:
      figure(
        svg,
        `From analysis/analysis.json (k = ${Math.min(...ks)}..${Math.max(...ks)}, ${a.kmeans?.restarts ?? '?'} k-means++ restarts each). Natural k = ${a.naturalK} (${esc(a.kCriterion)}). Inertia is divided by the traders clustered so runs of different sizes compare.${baselineNote}`,
      ) +
      table([{ text: 'k', cls: 'n' }, { text: 'silhouette', cls: 'n' }, { text: 'inertia', cls: 'n' }, { text: 'Calinski\u2013Harabasz', cls: 'n' }, { text: 'Davies\u2013Bouldin', cls: 'n' }, { text: 'ARI', cls: 'n' }], tableRows),
  };
}

// ------------------------------------------------------------------------------ heat map

export async function clustersSection(own: Maybe<AnalysisResult>): Promise<Section> {
  const base = {
    id: 'clusters',
    title: 'Personas by cluster',
    lookFor: 'each persona concentrated in one or two clusters (dark cells), and clusters that mix personas the brief expects to merge (e.g. wholesalers with specialists).',
    chart: true,
  };
  if (!own.ok) return { ...base, note: `Left out: ${own.reason}.` };
  const a = own.value;
  const pbc = a.personaByCluster;
  const sizes = pbc.clusters.map((_, c) => pbc.counts.reduce((s, row) => s + (row[c] ?? 0), 0));
  const labels = pbc.clusters.map((c, i) => `${c} (${sizes[i]})`);
  const cells: { persona: string; cluster: string; count: number; share: number }[] = [];
  pbc.personas.forEach((persona, r) => {
    const total = pbc.counts[r].reduce((x, y) => x + y, 0) || 1;
    pbc.clusters.forEach((_, c) => cells.push({ persona, cluster: labels[c], count: pbc.counts[r][c], share: pbc.counts[r][c] / total }));
  });
  const svg = await renderSvg(heatmapSpec(cells, pbc.personas, labels), 'persona by cluster heat map');
  const list = (a.clusters ?? []).map((c) => `<li>${esc(c.summary)}</li>`).join('');
  return {
    ...base,
    body:
      figure(svg, `k = ${a.naturalK}: silhouette ${num(a.silhouette)}, ARI ${num(a.ari)}, NMI ${num(a.nmi)}, purity ${num(a.purity)}. Colour: share of the persona\u2019s traders in the cluster; number: traders.`) +
      (list ? `<ul class="clusters">${list}</ul>` : ''),
  };
}

// ------------------------------------------------------------------------------ projection

export async function projectionSection(proj: Maybe<Projection>, personas: string[]): Promise<Section> {
  const base = {
    id: 'projection',
    title: 'The traders in two dimensions',
    lookFor: 'the same groups in both panels: where cluster colours and persona colours carve the cloud alike, the clustering has found the personas.',
    chart: true,
  };
  if (!proj.ok) return { ...base, note: `Left out: ${proj.reason}.` };
  const p = proj.value;
  const clusters = [...new Set(p.points.map((q) => q.cluster))].sort((a, b) => a - b).map((c) => (c < 0 ? 'none' : String(c)));
  const present = new Set(p.points.map((q) => q.persona));
  const points = p.points.map((q) => ({ x: Math.round(q.x * 1000) / 1000, y: Math.round(q.y * 1000) / 1000, cluster: q.cluster < 0 ? 'none' : String(q.cluster), persona: q.persona }));
  const svg = await renderSvg(projectionSpec(points, p.explained, personas.filter((x) => present.has(x)), clusters), 'PCA projection of the traders');
  return {
    ...base,
    body: figure(
      svg,
      `First two principal components (ml-pca) of the standardised features in analysis/features.csv; ${int(p.of)} traders${p.points.length < p.of ? `, ${int(p.points.length)} drawn (1 in ${Math.ceil(p.of / p.points.length)}, in trader order)` : ''}. Clusters from analysis/clusters.csv, personas from traders.csv.`,
    ),
  };
}

// ------------------------------------------------------------------------------ validation

function showNumber(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return 'n/a';
  return Number.isInteger(v) ? String(v) : Math.abs(v) >= 100 ? v.toFixed(1) : String(Number(v.toPrecision(3)));
}

/** A measured value or threshold: a number, a string, or a record of named numbers (one per line). */
function showValue(v: unknown): Cell {
  if (v === null || v === undefined) return { text: '–', cls: 'n' };
  if (typeof v === 'number') return { text: showNumber(v), cls: 'n' };
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && !Array.isArray(v)) {
    const lines = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${esc(k)} <b>${esc(typeof x === 'number' || x === null ? showNumber(x as number | null) : JSON.stringify(x))}</b>`);
    return { html: lines.join('<br>'), cls: 'rec' };
  }
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

export function validationSection(v: Maybe<Validation>): Section {
  const base = {
    id: 'validation',
    title: 'Validation checklist',
    lookFor: 'every check PASS; a FAIL row names the value that missed its threshold.',
    chart: false,
  };
  if (!v.ok) return { ...base, note: `Left out: ${v.reason}.` };
  const { checks, passed, failed } = v.value;
  const rows = checks.map((c) => {
    const badge = `<span class="badge ${c.pass ? 'pass' : 'fail'}">${c.pass ? 'PASS' : 'FAIL'}</span>`;
    return { pass: c.pass, cells: [{ html: badge }, c.name, showValue(c.value), showValue(c.threshold), c.detail] as Cell[] };
  });
  const html = table(['', 'check', 'measured', 'threshold', 'detail'], rows.map((r) => r.cells), 'checks', (i) => (rows[i].pass ? 'pass' : 'fail'));
  return { ...base, body: `<p><b>${passed}</b> passed, <b>${failed}</b> failed (from ${esc(v.path)}).</p>${html}` };
}

// ------------------------------------------------------------------------------ recommenders

export async function recommendSection(r: Maybe<Recommendations>, personas: string[]): Promise<Section> {
  const base = {
    id: 'recommend',
    title: 'Recommendation accuracy',
    lookFor: 'the recommenders that use what the data holds (history, segments, prices) beating the popularity baseline on hit rate and NDCG, most of all for the personas with narrow tastes.',
    chart: false,
  };
  if (!r.ok) return { ...base, note: `Left out: ${r.reason}.` };
  const { recommenders: recs, k, testWeeks, evaluated } = r.value;
  const lift = recommenderLift(recs);
  const metric = lift?.metric ?? 'ndcg';
  const metricName = metric === 'ndcg' ? 'NDCG' : 'hit rate';
  const baseline = lift?.baseline;
  const rows: Cell[][] = recs.map((x) => [
    x === lift?.best ? { html: `<b>${esc(x.name)}</b>` } : x.name,
    { text: num(x.hitRate), cls: 'n' },
    { text: num(x.recall), cls: 'n' },
    { text: num(x.ndcg), cls: 'n' },
    { text: pct(x.coverage), cls: 'n' },
    { text: baseline && baseline[metric] > 0 ? (x === baseline ? '–' : liftText(x[metric] / baseline[metric])) : '–', cls: 'n' },
    { text: x.description, cls: 'desc' },
  ]);
  const setup = [k !== undefined ? `Top-${k} lists` : '', testWeeks !== undefined ? `the last ${testWeeks} weeks held out` : '', evaluated !== undefined ? `${int(evaluated)} traders scored` : ''].filter(Boolean).join(', ');
  let body =
    `<p>${esc(setup ? `${setup}. ` : '')}Bold: the best ${esc(metricName)}${baseline ? `; the lift column is each ${esc(metricName)} against ${esc(baseline.name)}\u2019s` : ''}.</p>` +
    table(['recommender', { text: 'hit rate', cls: 'n' }, { text: 'recall', cls: 'n' }, { text: 'NDCG', cls: 'n' }, { text: 'coverage', cls: 'n' }, { text: `${metricName} lift over ${baseline?.name ?? 'the baseline'}`, cls: 'n' }, 'ranks by'], rows);
  // Per persona: NDCG when every entry has it, else the hit rate.
  const entries = recs.flatMap((x) => x.byPersona.map((b) => ({ recommender: x.name, persona: b.persona, hitRate: b.hitRate, ndcg: b.ndcg })));
  const useNdcg = entries.length > 0 && entries.every((e) => Number.isFinite(e.ndcg));
  const chartRows = entries.map((e) => ({ recommender: e.recommender, persona: e.persona, value: useNdcg ? e.ndcg : e.hitRate })).filter((e) => Number.isFinite(e.value));
  let chart = false;
  if (chartRows.length) {
    const order = [...personas.filter((p) => chartRows.some((c) => c.persona === p)), ...new Set(chartRows.map((c) => c.persona).filter((p) => !personas.includes(p)))];
    const title = useNdcg ? 'NDCG' : 'hit rate';
    const svg = await renderSvg(recommendSpec(chartRows, order, recs.map((x) => x.name), title), `${title} per persona and recommender`);
    body += figure(svg, `${useNdcg ? 'NDCG' : 'Hit rate'} per persona and recommender (byPersona in recommend.json).`);
    chart = true;
  }
  return { ...base, chart, body: `${body}<p class="sub">From ${esc(r.path)}.</p>` };
}

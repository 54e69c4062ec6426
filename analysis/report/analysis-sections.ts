/**
 * The report's sections about the analysis (k sweep, clusters, projection, validation,
 * recommenders). A section whose inputs are absent comes back with a note instead of a body, so
 * the page says what is missing and how to make it.
 */
import type { AnalysisResult } from '../analyze.ts';
import { heatmapSpec, kSweepSpec, predictionStrengthSpec, projectionSpec } from './cluster-charts.ts';
import { recommendSpec } from './recommend-chart.ts';
import { naturalKText } from '../format.ts';
import { brief } from '../common/index.ts';
import { esc, figure, int, liftText, num, pct, table, type Cell, type Section } from './html.ts';
import { recommenderLift, type Maybe, type Projection, type Recommendations, type Validation } from './inputs.ts';
import { renderSvg } from './render.ts';

// ------------------------------------------------------------------------------ k sweep

export async function kSweepSection(
  own: Maybe<AnalysisResult>,
  baseline: { dir: string; analysis: Maybe<AnalysisResult> } | undefined,
): Promise<Section> {
  const base = {
    id: 'k-sweep',
    title: 'Silhouette and inertia against k',
    lookFor:
      'silhouette well above the uniform baseline\u2019s low curve; whether its peak is sharp or a plateau; inertia bends (an elbow) where real segments end.',
    chart: true,
  };
  if (!own.ok) return { ...base, note: `Left out: ${own.reason}.` };
  const a = own.value;
  const runLabel = `this run (${a.run.scenario})`;
  const rows: { run: string; k: number; silhouette: number; inertia: number; natural: boolean }[] = [];
  const add = (r: AnalysisResult, label: string): void => {
    const n = r.tradersClustered || 1;
    for (const p of r.perK)
      rows.push({
        run: label,
        k: p.k,
        silhouette: p.silhouette,
        inertia: p.inertia / n,
        natural: p.k === r.silhouetteK,
      });
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
    baselineNote =
      ' No baseline: pass --baseline DIR (e.g. a uniform run), or run "musika compare", whose personas/ and uniform/ runs find each other.';
  }
  const svg = await renderSvg(kSweepSpec(rows, runs), 'silhouette and inertia against k');
  const ks = a.perK.map((p) => p.k);
  const tableRows: Cell[][] = a.perK.map((p) => [
    p.k === a.naturalK ? { html: `<b>${p.k}</b>`, cls: 'n' } : p.k,
    {
      text: [p.k === a.naturalK ? 'natural k' : '', p.k === a.silhouetteK ? 'silhouette k' : '']
        .filter(Boolean)
        .join(', '),
    },
    { text: psText(a, p.k), cls: 'n' },
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
        `From analysis/analysis.json (k = ${Math.min(...ks)}..${Math.max(...ks)}, ${a.kmeans?.restarts ?? '?'} k-means++ restarts each). Silhouette k = ${a.silhouetteK} (${esc(a.silhouetteKCriterion)}); natural k = ${esc(naturalKText(a))} by prediction strength (next section). Inertia is divided by the traders clustered so runs of different sizes compare.${baselineNote}`,
      ) +
      table(
        [
          { text: 'k', cls: 'n' },
          '',
          { text: 'prediction strength', cls: 'n' },
          { text: 'silhouette', cls: 'n' },
          { text: 'inertia', cls: 'n' },
          { text: 'Calinski\u2013Harabasz', cls: 'n' },
          { text: 'Davies\u2013Bouldin', cls: 'n' },
          { text: 'ARI', cls: 'n' },
        ],
        tableRows,
      ),
  };
}

/** Mean +- sd of the prediction strength at k, or a dash. */
function psText(a: AnalysisResult, k: number): string {
  const p = a.predictionStrength.find((q) => q.k === k);
  return p ? `${num(p.mean)} \u00b1 ${num(p.sd)}` : '\u2013';
}

// ------------------------------------------------------------------------------ prediction strength

export async function predictionStrengthSection(
  own: Maybe<AnalysisResult>,
  baseline: { dir: string; analysis: Maybe<AnalysisResult> } | undefined,
): Promise<Section> {
  const base = {
    id: 'prediction-strength',
    title: 'Natural clusters: prediction strength against k',
    lookFor:
      'the persona run above the dashed threshold up to its natural k and falling below it after; the uniform baseline below the threshold at every k >= 2 (no cluster structure).',
    chart: true,
  };
  if (!own.ok) return { ...base, note: `Left out: ${own.reason}.` };
  const a = own.value;
  const runLabel = `this run (${a.run.scenario})`;
  const runs = [runLabel];
  const rows: { run: string; k: number; mean: number; sd: number; natural: boolean }[] = [];
  const add = (r: AnalysisResult, label: string): void => {
    for (const p of r.predictionStrength)
      rows.push({ run: label, k: p.k, mean: p.mean, sd: p.sd, natural: p.k === r.naturalK });
  };
  add(a, runLabel);
  let baselineNote = ' No baseline (see the previous section).';
  if (baseline?.analysis.ok) {
    const b = baseline.analysis.value;
    const label = `baseline (${b.run.scenario})`;
    add(b, label);
    runs.push(label);
    baselineNote = ` Baseline ${esc(baseline.dir)}: natural k ${esc(naturalKText(b))}.`;
  }
  const svg = await renderSvg(predictionStrengthSpec(rows, runs, a.psThreshold), 'prediction strength against k');
  const s = a.predictionStrengthSetup;
  const how = `${s.splits} random half-splits of ${s.exact ? `all ${int(s.rows)} traders` : `a seeded sample of ${int(s.rows)} of ${int(s.of)} traders`}; each half clustered with ${s.restarts} k-means++ restarts; for each cluster of the test half, the share of its pairs of traders that the training half\u2019s centroids also put together; the smallest share over the clusters, averaged over the splits (Tibshirani &amp; Walther 2005).`;
  const verdict = a.clusterStructure
    ? `Natural k = <b>${a.naturalK}</b>: the largest k whose mean prediction strength reaches ${a.psThreshold}. The silhouette\u2019s maximum is at k = ${a.silhouetteK}.`
    : `<b>No cluster structure</b>: no k \u2265 2 reaches a mean prediction strength of ${a.psThreshold}, so the natural k is 1. The clusters shown below are the silhouette k\u2019s (k = ${a.silhouetteK}), forced.`;
  return { ...base, body: `<p>${verdict}</p>${figure(svg, `${how}${baselineNote}`)}` };
}

// ------------------------------------------------------------------------------ heat map

export async function clustersSection(own: Maybe<AnalysisResult>): Promise<Section> {
  const base = {
    id: 'clusters',
    title: 'Clusters named from behaviour, beside the personas',
    lookFor:
      'each persona concentrated in one cluster (dark cells), and names made from the features alone that a reader would give the persona beside them.',
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
    pbc.clusters.forEach((_, c) => {
      cells.push({ persona, cluster: labels[c], count: pbc.counts[r][c], share: pbc.counts[r][c] / total });
    });
  });
  const svg = await renderSvg(heatmapSpec(cells, pbc.personas, labels), 'persona by cluster heat map');
  const names = (a.clusters ?? []).map(
    (c) =>
      [
        { text: String(c.cluster), cls: 'n' },
        c.name,
        { text: int(c.size), cls: 'n' },
        c.personas.length
          ? c.personas.map((p) => `${p.persona} ${pct(p.share, 0)}`).join(', ')
          : 'no persona above 10%',
        c.zones.length ? c.zones.map((z) => `${z.zone} ${pct(z.share, 0)}`).join(', ') : 'no zone above 10%',
        { text: num(c.silhouette), cls: 'n' },
      ] as Cell[],
  );
  const forced = a.clustersForced
    ? `<p><b>Forced</b>: the data has no cluster structure by prediction strength (natural k = 1); these are the clusters of the silhouette k, k = ${a.clusteredK}, shown only to see what k-means makes of it.</p>`
    : '';
  const zoneRows = (a.personaZones ?? []).map(
    (z) =>
      [
        z.persona,
        { text: int(z.traders), cls: 'n' },
        { text: String(z.clusters), cls: 'n' },
        { text: num(z.zoneAri), cls: 'n' },
      ] as Cell[],
  );
  const zonesNote =
    a.featureSet === 'all'
      ? 'With all features (the zone\u2019s price level among them), a persona split over several clusters whose zone ARI is well above 0 has regional sub-clusters.'
      : 'Behaviour features only: zones are not clustered on, so sub-clusters by zone are not expected here; run <code>musika analyze DIR --features all</code> to see whether zones form sub-clusters of a persona.';
  return {
    ...base,
    body:
      forced +
      figure(
        svg,
        `k = ${a.clusteredK}${a.clustersForced ? ' (forced)' : ''}: silhouette ${num(a.silhouette)}, ARI ${num(a.ari)}, NMI ${num(a.nmi)}, purity ${num(a.purity)}. Colour: share of the persona\u2019s traders in the cluster; number: traders.`,
      ) +
      (names.length
        ? `<p>Each name is made from the cluster\u2019s features alone (the words of its largest mean z-scores), never from the personas; the persona column is the truth beside it.</p>` +
          table(
            [
              { text: 'cluster', cls: 'n' },
              'name (from the features)',
              { text: 'traders', cls: 'n' },
              'personas (truth)',
              'zones (truth)',
              { text: 'silhouette', cls: 'n' },
            ],
            names,
          )
        : '') +
      (zoneRows.length
        ? `<p>Do zones form sub-clusters of a persona? Per persona: clusters holding at least 10% of its traders, and the adjusted Rand index between cluster and zone among them (0: the clusters ignore zones; 1: they are the zones). ${zonesNote}</p>` +
          table(
            ['persona', { text: 'traders', cls: 'n' }, { text: 'clusters', cls: 'n' }, { text: 'zone ARI', cls: 'n' }],
            zoneRows,
          )
        : ''),
  };
}

// ------------------------------------------------------------------------------ projection

export async function projectionSection(proj: Maybe<Projection>, personas: string[]): Promise<Section> {
  const base = {
    id: 'projection',
    title: 'The traders in two dimensions',
    lookFor:
      'the same groups in both panels: where cluster colours and persona colours carve the cloud alike, the clustering has found the personas.',
    chart: true,
  };
  if (!proj.ok) return { ...base, note: `Left out: ${proj.reason}.` };
  const p = proj.value;
  const clusters = [...new Set(p.points.map((q) => q.cluster))]
    .sort((a, b) => a - b)
    .map((c) => (c < 0 ? 'none' : String(c)));
  const present = new Set(p.points.map((q) => q.persona));
  const points = p.points.map((q) => ({
    x: Math.round(q.x * 1000) / 1000,
    y: Math.round(q.y * 1000) / 1000,
    cluster: q.cluster < 0 ? 'none' : String(q.cluster),
    persona: q.persona,
  }));
  const svg = await renderSvg(
    projectionSpec(
      points,
      p.explained,
      personas.filter((x) => present.has(x)),
      clusters,
    ),
    'PCA projection of the traders',
  );
  return {
    ...base,
    body: figure(
      svg,
      `First two principal components (ml-pca) of the standardised features in analysis/features.csv; ${int(p.of)} traders${p.points.length < p.of ? `, ${int(p.points.length)} drawn (1 in ${Math.ceil(p.of / p.points.length)}, in trader order)` : ''}. Clusters from analysis/clusters.csv, personas from traders.csv.`,
    ),
  };
}

// ------------------------------------------------------------------------------ validation

/** A measured value or threshold: a number, a string, or a record of named numbers (one per line). */
function valueCell(v: unknown): Cell {
  if (v === null || v === undefined) return { text: '–', cls: 'n' };
  if (typeof v === 'number') return { text: brief(v), cls: 'n' };
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (typeof v === 'object' && !Array.isArray(v)) {
    const lines = Object.entries(v as Record<string, unknown>).map(
      ([k, x]) => `${esc(k)} <b>${esc(typeof x === 'number' || x === null ? brief(x) : JSON.stringify(x))}</b>`,
    );
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
    return {
      pass: c.pass,
      cells: [{ html: badge }, c.name, valueCell(c.value), valueCell(c.threshold), c.detail] as Cell[],
    };
  });
  const html = table(
    ['', 'check', 'measured', 'threshold', 'detail'],
    rows.map((r) => r.cells),
    'checks',
    (i) => (rows[i].pass ? 'pass' : 'fail'),
  );
  return { ...base, body: `<p><b>${passed}</b> passed, <b>${failed}</b> failed (from ${esc(v.path)}).</p>${html}` };
}

// ------------------------------------------------------------------------------ recommenders

export async function recommendSection(r: Maybe<Recommendations>, personas: string[]): Promise<Section> {
  const base = {
    id: 'recommend',
    title: 'Recommendation accuracy',
    lookFor:
      'the recommenders that use what the data holds (history, segments, prices) beating the popularity baseline on hit rate and NDCG, most of all for the personas with narrow tastes.',
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
    {
      text: baseline && baseline[metric] > 0 ? (x === baseline ? '–' : liftText(x[metric] / baseline[metric])) : '–',
      cls: 'n',
    },
    { text: x.description, cls: 'desc' },
  ]);
  const setup = [
    k !== undefined ? `Top-${k} lists` : '',
    testWeeks !== undefined ? `the last ${testWeeks} weeks held out` : '',
    evaluated !== undefined ? `${int(evaluated)} traders scored` : '',
  ]
    .filter(Boolean)
    .join(', ');
  let body =
    `<p>${esc(setup ? `${setup}. ` : '')}Bold: the best ${esc(metricName)}${baseline ? `; the lift column is each ${esc(metricName)} against ${esc(baseline.name)}\u2019s` : ''}.</p>` +
    table(
      [
        'recommender',
        { text: 'hit rate', cls: 'n' },
        { text: 'recall', cls: 'n' },
        { text: 'NDCG', cls: 'n' },
        { text: 'coverage', cls: 'n' },
        { text: `${metricName} lift over ${baseline?.name ?? 'the baseline'}`, cls: 'n' },
        'ranks by',
      ],
      rows,
    );
  // Per persona: NDCG when every entry has it, else the hit rate.
  const entries = recs.flatMap((x) =>
    x.byPersona.map((b) => ({ recommender: x.name, persona: b.persona, hitRate: b.hitRate, ndcg: b.ndcg })),
  );
  const useNdcg = entries.length > 0 && entries.every((e) => Number.isFinite(e.ndcg));
  const chartRows = entries
    .map((e) => ({ recommender: e.recommender, persona: e.persona, value: useNdcg ? e.ndcg : e.hitRate }))
    .filter((e) => Number.isFinite(e.value));
  let chart = false;
  if (chartRows.length) {
    const order = [
      ...personas.filter((p) => chartRows.some((c) => c.persona === p)),
      ...new Set(chartRows.map((c) => c.persona).filter((p) => !personas.includes(p))),
    ];
    const title = useNdcg ? 'NDCG' : 'hit rate';
    const svg = await renderSvg(
      recommendSpec(
        chartRows,
        order,
        recs.map((x) => x.name),
        title,
      ),
      `${title} per persona and recommender`,
    );
    body += figure(svg, `${useNdcg ? 'NDCG' : 'Hit rate'} per persona and recommender (byPersona in recommend.json).`);
    chart = true;
  }
  return { ...base, chart, body: `${body}<p class="sub">From ${esc(r.path)}.</p>` };
}

/**
 * Rendering the report's charts: Vega-Lite compiled to Vega and drawn to SVG in Node (no browser,
 * no canvas, no network), with the page's shared colours and look.
 *
 * The specs (population-, price-, cluster- and recommend-chart files) are built from small,
 * already-aggregated data, so a chart's size does not grow with the number of transactions. The
 * SVG is static (no script), so they carry no tooltips; without a canvas Vega estimates text
 * widths generously, so axis titles are kept short (a rotated title longer than its axis pushes
 * the panel's title up).
 */
import type * as vl from 'vega-lite';

/** Vega and Vega-Lite are loaded on the first chart, so importing the analysis package stays cheap. */
let libs: Promise<[typeof import('vega'), typeof import('vega-lite')]> | undefined;
const loadLibs = (): Promise<[typeof import('vega'), typeof import('vega-lite')]> =>
  (libs ??= Promise.all([import('vega'), import('vega-lite')]));

/** The six personas of the brief keep the same colour in every chart. */
const PERSONA_COLOURS: Record<string, string> = {
  bulk_wholesaler: '#1f77b4',
  small_retailer: '#ff7f0e',
  frequent_individual: '#2ca02c',
  occasional_buyer: '#9467bd',
  category_specialist: '#d62728',
  bargain_hunter: '#8c564b',
};
const SPARE = ['#e377c2', '#7f7f7f', '#bcbd22', '#17becf', '#393b79', '#637939', '#8c6d31', '#843c39'];
/**
 * 12 distinguishable colours for clusters, deliberately unlike the persona colours (ColorBrewer
 * Dark2, then Set1's), so a cluster is never read as the persona of the same colour.
 */
const CLUSTER_COLOURS = [
  '#1b9e77',
  '#d95f02',
  '#7570b3',
  '#e7298a',
  '#66a61e',
  '#e6ab02',
  '#a6761d',
  '#666666',
  '#e41a1c',
  '#377eb8',
  '#4daf4a',
  '#984ea3',
];

/** The colour scale of the personas, in the given order. */
export function personaScale(personas: readonly string[]): { domain: string[]; range: string[] } {
  let spare = 0;
  return { domain: [...personas], range: personas.map((p) => PERSONA_COLOURS[p] ?? SPARE[spare++ % SPARE.length]) };
}

export function clusterScale(clusters: readonly string[]): { domain: string[]; range: string[] } {
  return { domain: [...clusters], range: clusters.map((_, i) => CLUSTER_COLOURS[i % CLUSTER_COLOURS.length]) };
}

const CONFIG = {
  // No per-mark ARIA descriptions: they would triple the size of the page.
  aria: false,
  font: 'Helvetica, Arial, sans-serif',
  background: 'white',
  padding: 8,
  axis: {
    labelFontSize: 11,
    labelLimit: 240,
    titleFontSize: 12,
    titleFontWeight: 'normal',
    gridColor: '#e6e6e6',
    labelColor: '#333',
    titleColor: '#333',
  },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', labelLimit: 220 },
  header: { labelFontSize: 12, titleFontSize: 12 },
  title: { fontSize: 13, fontWeight: 'bold', anchor: 'start', offset: 8 },
  view: { stroke: '#ccc' },
  concat: { spacing: 36 },
} as const;

let chartCount = 0;

/**
 * Compiles a Vega-Lite spec and renders it to an SVG string. Element ids (clip paths, gradients)
 * get a per-chart prefix, so several SVGs inlined in one page never share an id.
 */
export async function renderSvg(spec: vl.TopLevelSpec, label: string): Promise<string> {
  const [vega, vegaLite] = await loadLibs();
  const full = { ...spec, config: { ...CONFIG, ...(spec.config ?? {}) } } as vl.TopLevelSpec;
  const compiled = vegaLite.compile(full).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Warn });
  let svg: string;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  const prefix = `c${++chartCount}-`;
  svg = svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}${id})`)
    .replace(/(xlink:)?href="#([^"]+)"/g, (_, x: string | undefined, id: string) => `${x ?? ''}href="#${prefix}${id}"`);
  // Coordinates to 0.1 px: the eye cannot tell, and the page gets much smaller.
  svg = svg.replace(
    /\b(d|transform|points)="([^"]*)"/g,
    (_, a: string, v: string) => `${a}="${v.replace(/(\.\d)\d+/g, '$1')}"`,
  );
  return svg.replace(/^<svg /, `<svg role="img" aria-label="${label.replace(/[&<>"]/g, ' ')}" `);
}

// ------------------------------------------------------------------------------ builders

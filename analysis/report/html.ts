/**
 * The page shell of the report: escaping, small tables, the header, the table of contents and the
 * stylesheet. Everything is inline (no script, no font, no network), so the file opens anywhere.
 */
import { fixed, integer, percent } from '../common/index.ts';

/** Escapes text for HTML element content and attribute values. */
export function esc(value: unknown): string {
  return String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

// The report's numbers are common/number-format.ts's, with an en dash for a missing value.
const DASH = '–';

/** Fixed decimals. */
export const num = (x: unknown, decimals = 3): string => fixed(x, decimals, DASH);

/** An integer with thousands separators. */
export const int = (x: unknown): string => integer(x, DASH);

/** A share as a percentage. */
export const pct = (x: unknown, decimals = 1): string => percent(x, decimals, { missing: DASH });

/** A ratio to a baseline as a signed percentage with a typographic minus, e.g. 1.736 -> "+73.6%". */
export const liftText = (ratio: number): string =>
  percent(ratio - 1, 1, { signed: true, minus: '\u2212', missing: DASH });

/** A cell: plain text (escaped) or trusted HTML, with an optional class. */
export type Cell = string | number | { html: string; cls?: string } | { text: string; cls?: string };

function cell(c: Cell, tag: 'td' | 'th'): string {
  if (typeof c === 'number') return `<${tag} class="n">${esc(c)}</${tag}>`;
  if (typeof c === 'string') return `<${tag}>${esc(c)}</${tag}>`;
  const cls = c.cls ? ` class="${esc(c.cls)}"` : '';
  return 'html' in c ? `<${tag}${cls}>${c.html}</${tag}>` : `<${tag}${cls}>${esc(c.text)}</${tag}>`;
}

/** A table with a header row; `rowClass` may give a row a class (e.g. "fail"). */
export function table(
  header: Cell[],
  rows: Cell[][],
  cls = '',
  rowClass?: (row: number) => string | undefined,
): string {
  const head = `<thead><tr>${header.map((h) => cell(h, 'th')).join('')}</tr></thead>`;
  const tr = (i: number): string => {
    const c = rowClass?.(i);
    return c ? `<tr class="${esc(c)}">` : '<tr>';
  };
  const body = `<tbody>${rows.map((r, i) => `${tr(i)}${r.map((c) => cell(c, 'td')).join('')}</tr>`).join('\n')}</tbody>`;
  return `<table${cls ? ` class="${esc(cls)}"` : ''}>${head}\n${body}</table>`;
}

/** A two-column key/value table. */
export function keyValues(rows: [string, Cell][]): string {
  return `<table class="kv"><tbody>${rows.map(([k, v]) => `<tr>${cell(k, 'th')}${cell(v, 'td')}</tr>`).join('\n')}</tbody></table>`;
}

/** One section of the report: included with its body, or left out with the reason. */
export interface Section {
  id: string;
  title: string;
  /** One sentence: what to look for. */
  lookFor: string;
  /** The section's HTML when it is included. */
  body?: string;
  /** Why the section is left out (shown in its place). */
  note?: string;
  /** True when the body holds a chart (an inline SVG). */
  chart: boolean;
}

/** A headline number of the page header. */
export interface Headline {
  label: string;
  value: string;
  /** Context under the value, e.g. the baseline's figure. */
  sub?: string;
  cls?: string;
}

const CSS = `
:root { --ink: #1f2933; --muted: #5f6b76; --rule: #d9dee3; --bg: #f6f7f9; --pass: #1b7f3b; --fail: #b42318; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 64px; background: #fff; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 0 0 4px; padding-top: 8px; }
p.sub { margin: 0 0 16px; color: var(--muted); }
p.look { margin: 0 0 12px; color: var(--muted); font-style: italic; }
p.note { margin: 8px 0; padding: 8px 12px; background: #fff8e6; border-left: 4px solid #e0a800; }
.headline { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
.headline div { flex: 1 1 150px; padding: 10px 14px; border: 1px solid var(--rule); border-radius: 6px; }
.headline b { display: block; font-size: 24px; }
.headline span { color: var(--muted); font-size: 13px; }
.headline div.fail b { color: var(--fail); }
.headline div.pass b { color: var(--pass); }
.headline small { display: block; color: var(--muted); font-size: 12px; }
nav ol { columns: 2; margin: 8px 0 24px; padding-left: 20px; }
nav li.absent a { color: var(--muted); }
nav li.absent::after { content: " (left out)"; color: var(--muted); font-size: 13px; }
section { border-top: 1px solid var(--rule); padding: 16px 0 20px; }
figure { margin: 8px 0; overflow-x: auto; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 13px; }
table { border-collapse: collapse; margin: 8px 0; font-size: 14px; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); }
td.desc { font-size: 13px; color: var(--muted); }
td.rec { font-size: 13px; white-space: nowrap; }
table.checks td:last-child { font-size: 13px; color: var(--muted); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
table.kv th { font-weight: 600; color: var(--muted); }
.badge { display: inline-block; min-width: 3.4em; padding: 1px 8px; border-radius: 10px; color: #fff; font-weight: 700; font-size: 12px; text-align: center; }
.badge.pass { background: var(--pass); }
.badge.fail { background: var(--fail); }
tr.fail td { background: #fdecea; }
ul.clusters { margin: 8px 0; padding-left: 20px; font-size: 14px; }
code { font-size: 13px; background: var(--bg); padding: 0 3px; border-radius: 3px; }
`;

/** The complete page. */
export function page(opts: {
  title: string;
  subtitle: string;
  headline: Headline[];
  sections: Section[];
  footer: string;
}): string {
  const headline = opts.headline.length
    ? `<div class="headline">${opts.headline
        .map(
          (h) =>
            `<div${h.cls ? ` class="${esc(h.cls)}"` : ''}><span>${esc(h.label)}</span><b>${esc(h.value)}</b>${h.sub ? `<small>${esc(h.sub)}</small>` : ''}</div>`,
        )
        .join('')}</div>`
    : '';
  const toc = `<nav><h2>Contents</h2><ol>${opts.sections
    .map((s) => `<li${s.body === undefined ? ' class="absent"' : ''}><a href="#${esc(s.id)}">${esc(s.title)}</a></li>`)
    .join('')}</ol></nav>`;
  const body = opts.sections
    .map((s) => {
      const inner =
        s.body !== undefined ? s.body : `<p class="note">${esc(s.note ?? 'Left out: its inputs are missing.')}</p>`;
      const cls = s.body !== undefined ? (s.chart ? 'chart' : 'table') : 'absent';
      return `<section id="${esc(s.id)}" class="${cls}" data-section="${esc(s.id)}">\n<h2>${esc(s.title)}</h2>\n<p class="look">What to look for: ${esc(s.lookFor)}</p>\n${inner}\n</section>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(opts.title)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<h1>${esc(opts.title)}</h1>
<p class="sub">${esc(opts.subtitle)}</p>
${headline}
</header>
${toc}
${body}
<footer><p class="sub">${esc(opts.footer)}</p></footer>
</main>
</body>
</html>
`;
}

/** A chart with its caption. */
export function figure(svg: string, caption: string): string {
  return `<figure>${svg}<figcaption>${caption}</figcaption></figure>`;
}

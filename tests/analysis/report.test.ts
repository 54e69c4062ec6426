/**
 * The HTML report without a browser: on a bare run directory (no analysis/) it still writes the
 * data sections and says which sections are left out and why; its streamed aggregates agree with
 * the transactions read whole by an independent parser; optional inputs (validation.json,
 * recommend.json) add their sections; the command rejects bad input with one line naming the value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { aggregateRun } from '../../analysis/report/aggregate.ts';
import { esc } from '../../analysis/report/html.ts';
import { findBaseline } from '../../analysis/report/inputs.ts';
import { writeReport } from '../../analysis/report/report.ts';
import { reportCommand } from '../../engine/commands/report.ts';
import { UsageError } from '../../engine/errors.ts';
import { cli } from '../helpers/cli.ts';
import { readTransactions, runOnce, tempDir } from '../helpers/run.ts';
import { writeTinyRun } from '../helpers/tiny-run.ts';

const SPEC = { preset: 'personas', traders: 150, weeks: 4, seed: 'report-unit' } as const;
const DATA_SECTIONS = ['run', 'shares', 'spend', 'time', 'prices', 'price-paid'];
const ANALYSIS_SECTIONS = ['k-sweep', 'prediction-strength', 'clusters', 'projection'];

/** The sections of a report page: id -> class ("chart", "table" or "absent") and inner HTML. */
function sectionsOf(html: string): Map<string, { cls: string; html: string }> {
  const out = new Map<string, { cls: string; html: string }>();
  for (const m of html.matchAll(/<section id="([^"]+)" class="([^"]+)"[^>]*>([\s\S]*?)<\/section>/g))
    out.set(m[1], { cls: m[2], html: m[3] });
  return out;
}

test('report on a bare run directory: data sections drawn, analysis sections left out with a note', async () => {
  const run = await runOnce(SPEC);
  assert.ok(!existsSync(join(run.dir, 'analysis')), 'the run must be bare for this test');
  const r = await writeReport(run.dir);
  assert.equal(r.path, join(run.dir, 'report.html'));
  const html = readFileSync(r.path, 'utf8');
  assert.equal(r.bytes, Buffer.byteLength(html));
  assert.ok(!readdirSync(run.dir).some((f) => f.endsWith('.tmp')), 'no temporary file left behind');
  // One self-contained file: no script, nothing fetched.
  assert.ok(
    !/<script|<link|<img|@import|https?:\/\/(?!www\.w3\.org)/i.test(html),
    'the page loads nothing from elsewhere',
  );

  const sections = sectionsOf(html);
  for (const id of DATA_SECTIONS) assert.ok(sections.has(id), `section ${id} is on the page`);
  for (const id of DATA_SECTIONS.slice(1)) {
    const s = sections.get(id)!;
    assert.equal(s.cls, 'chart', `${id} is drawn`);
    assert.match(s.html, /<svg [^>]*width="\d+"[^>]*height="\d+"/, `${id} has an inline SVG with a size`);
    assert.match(s.html, /class="mark-\w+ role-mark/, `${id} has Vega marks`);
  }
  assert.equal(sections.get('run')!.cls, 'table');
  assert.match(sections.get('run')!.html, /personas/);
  for (const id of [...ANALYSIS_SECTIONS, 'validation', 'recommend']) {
    const s = sections.get(id);
    assert.ok(s, `section ${id} is listed`);
    assert.equal(s.cls, 'absent', `${id} is left out`);
    assert.match(s.html, /<p class="note">Left out: .+ is missing/, `${id} says why it is left out`);
  }
  assert.match(sections.get('k-sweep')!.html, /analysis\.json is missing \(run &quot;musika analyze/);
  assert.match(sections.get('validation')!.html, /validation\.json is missing/);
  assert.match(sections.get('recommend')!.html, /recommend\.json is missing/);
  assert.deepEqual(
    r.sections.filter((s) => !s.included).map((s) => s.id),
    [...ANALYSIS_SECTIONS, 'validation', 'recommend'],
  );
  // Each section says what to look for; the contents list every section.
  assert.equal((html.match(/<p class="look">What to look for: /g) ?? []).length, sections.size);
  for (const id of sections.keys()) assert.ok(html.includes(`<a href="#${id}">`), `contents link to ${id}`);
  // Inline SVG ids are unique across the page (clip paths of one chart must not clip another).
  const ids = [...html.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
  assert.equal(new Set(ids).size, ids.length, 'element ids are unique');
});

test('the streamed aggregates agree with the transactions read whole', async () => {
  const run = await runOnce(SPEC);
  const agg = await aggregateRun(run.dir);
  const txns = readTransactions(run.dir);
  assert.equal(agg.transactions, txns.length);
  const spend = new Map<number, number>();
  const items = new Map<number, number>();
  const hours = new Array<number>(24).fill(0);
  for (const t of txns) {
    spend.set(t.trader_id, (spend.get(t.trader_id) ?? 0) + t.total);
    items.set(t.trader_id, (items.get(t.trader_id) ?? 0) + 1);
    hours[t.tick % 24]++;
  }
  for (let t = 0; t < agg.traders; t++) {
    assert.ok(Math.abs(agg.spend[t] - (spend.get(t) ?? 0)) < 1e-6, `spend of trader ${t}`);
    assert.equal(agg.items[t], items.get(t) ?? 0, `items of trader ${t}`);
    assert.ok(agg.visits[t] <= agg.items[t]);
  }
  const NP = agg.personas.length;
  for (let h = 0; h < 24; h++) {
    let n = 0;
    for (let p = 0; p < NP; p++) n += agg.byHour[h * NP + p];
    assert.equal(n, hours[h], `items at hour ${h}`);
  }
  // The price index is 100 on average over the run (each product against its own mean).
  const idx = Array.from(agg.priceIndex).filter(Number.isFinite);
  const logMean = idx.reduce((s, x) => s + Math.log(x / 100), 0) / idx.length;
  assert.ok(Math.abs(logMean) < 0.05, `mean log index ${logMean}`);
});

test('aggregateRun on the tiny hand-built run: every count, sum and relative price by hand', async () => {
  // tests/helpers/tiny-run.ts: 7 days from Monday 6 January 2025; personas wholesaler (trader 0)
  // and bargain (1, 2); maize (grains) posted at 0.50 and beans (legumes) at 2.00 every day.
  const agg = await aggregateRun(writeTinyRun(join(tempDir('musika-report-tiny-'), 'run')));
  const list = (a: ArrayLike<number>): number[] => Array.from(a, (x) => Math.round(x * 1e9) / 1e9);
  assert.deepEqual(agg.personas, ['wholesaler', 'bargain']);
  assert.equal(agg.days, 7);
  assert.equal(agg.transactions, 5);
  assert.ok(Math.abs(agg.totalSpend - 11.8) < 1e-9, `total spend ${agg.totalSpend}`);
  assert.deepEqual(list(agg.personaZone), [1, 2]);
  // Per trader: 5.00 + 4.00 in one visit; 0.40 and 1.50 in two; 0.90 in one.
  assert.deepEqual(list(agg.spend), [9, 1.9, 0.9]);
  assert.deepEqual(list(agg.items), [2, 2, 1]);
  assert.deepEqual(list(agg.visits), [1, 2, 1]);
  // Items by hour x persona: the wholesaler's two at 05:00, the bargain hunters' at 16, 17 and 18.
  const byHour = new Array<number>(48).fill(0);
  byHour[5 * 2 + 0] = 2;
  byHour[16 * 2 + 1] = 1;
  byHour[17 * 2 + 1] = 1;
  byHour[18 * 2 + 1] = 1;
  assert.deepEqual(list(agg.byHour), byHour);
  // Items by weekday x persona: Monday (day 0) the wholesaler's two; Tuesday to Thursday one each.
  assert.deepEqual(list(agg.byWeekday), [2, 0, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(list(agg.weekdayDays), [1, 1, 1, 1, 1, 1, 1]);
  // Days 0-3 are the 6th to the 9th of the month (index 5 to 8); the run covers the 6th to the 12th.
  const dom = (values: Record<number, number>): number[] => Array.from({ length: 31 }, (_, i) => values[i + 1] ?? 0);
  assert.deepEqual(list(agg.byDayOfMonthItems), dom({ 6: 2, 7: 1, 8: 1, 9: 1 }));
  assert.deepEqual(list(agg.byDayOfMonthSpend), dom({ 6: 9, 7: 0.4, 8: 0.9, 9: 1.5 }));
  assert.deepEqual(list(agg.dayOfMonthDays), dom({ 6: 1, 7: 1, 8: 1, 9: 1, 10: 1, 11: 1, 12: 1 }));
  // Relative price = log(paid / the category's posted price that day), per persona x category:
  // the wholesaler paid the posted prices (0, 0); the bargain hunters paid 0.40 and 0.45 for maize
  // posted at 0.50 and 1.50 for beans posted at 2.00.
  assert.deepEqual(list(agg.relPriceCount), [1, 1, 2, 1]);
  assert.deepEqual(list(agg.relPriceSum), list([0, 0, Math.log(0.8) + Math.log(0.9), Math.log(0.75)]));
  // Posted prices never move, so every day's index is 100 in both categories.
  assert.deepEqual(list(agg.priceIndex), new Array<number>(14).fill(100));
});

test('validation.json and recommend.json add their sections; HTML in their text is escaped', async () => {
  const run = await runOnce(SPEC);
  const dir = join(tempDir('musika-report-'), 'run');
  mkdirSync(join(dir, 'analysis'), { recursive: true });
  for (const f of ['manifest.json', 'traders.csv', 'transactions.csv', 'prices.csv'])
    writeFileSync(join(dir, f), readFileSync(join(run.dir, f)));
  writeFileSync(
    join(dir, 'validation.json'),
    JSON.stringify({
      checks: [
        {
          id: 'persona-distribution',
          name: 'Persona distribution',
          value: { pValue: 0.4 },
          threshold: { minPValue: 0.001 },
          pass: true,
          detail: 'chi-square <b>ok</b>',
        },
        {
          id: 'price-sensitivity',
          name: 'Price sensitivity',
          value: { minZ: 2.9 },
          threshold: { minZ: 3 },
          pass: false,
          detail: 'z too small',
        },
      ],
      passed: 1,
      failed: 1,
    }),
  );
  writeFileSync(
    join(dir, 'analysis', 'recommend.json'),
    JSON.stringify({
      k: 10,
      recommenders: [
        {
          name: 'popularity',
          description: 'global popularity',
          hitRate: 0.9,
          recall: 0.3,
          ndcg: 0.4,
          coverage: 0.2,
          byPersona: [{ persona: 'bulk_wholesaler', traders: 5, hitRate: 0.8, recall: 0.2, ndcg: 0.3 }],
        },
        {
          name: 'history',
          description: 'own history',
          hitRate: 0.95,
          recall: 0.5,
          ndcg: 0.6,
          coverage: 1,
          byPersona: [{ persona: 'bulk_wholesaler', traders: 5, hitRate: 0.9, recall: 0.4, ndcg: 0.7 }],
        },
      ],
    }),
  );
  const r = await writeReport(dir);
  const html = readFileSync(r.path, 'utf8');
  const sections = sectionsOf(html);
  const v = sections.get('validation')!;
  assert.equal(v.cls, 'table');
  assert.match(v.html, /<tr class="pass"><td><span class="badge pass">PASS<\/span>/);
  assert.match(v.html, /<tr class="fail"><td><span class="badge fail">FAIL<\/span>/);
  assert.match(v.html, /chi-square &lt;b&gt;ok&lt;\/b&gt;/, 'detail text is escaped');
  assert.match(v.html, /minZ <b>2\.9<\/b>/);
  const rec = sections.get('recommend')!;
  assert.equal(rec.cls, 'chart', 'byPersona scores are drawn');
  assert.match(rec.html, /\+50\.0%/, 'history NDCG over popularity');
  assert.match(html, /recommender lift \(NDCG@10\)<\/span><b>\+50\.0%<\/b>/);
  assert.match(html, /checks passed<\/span><b>1 \/ 2<\/b>/);
  assert.equal(esc('<a href="x">&\'</a>'), '&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;');
});

test('the baseline: --baseline wins, else the sibling that compare writes', () => {
  const root = tempDir('musika-cmp-');
  for (const d of ['personas', 'uniform', 'other']) mkdirSync(join(root, d));
  assert.deepEqual(findBaseline(join(root, 'personas')), { dir: join(root, 'uniform'), how: 'sibling' });
  assert.deepEqual(findBaseline(join(root, 'uniform')), { dir: join(root, 'personas'), how: 'sibling' });
  assert.equal(findBaseline(join(root, 'other')), undefined);
  assert.deepEqual(findBaseline(join(root, 'other'), '/x/y'), { dir: '/x/y', how: 'flag' });
  const lone = tempDir('musika-lone-');
  mkdirSync(join(lone, 'personas'));
  assert.equal(findBaseline(join(lone, 'personas')), undefined, 'no uniform sibling, no baseline');
});

test('report command: --help, and bad input as a UsageError naming the value', async () => {
  const missing = join(tempDir('musika-report-bad-'), 'no-such-run');
  await assert.rejects(
    reportCommand([missing]),
    (e: Error) =>
      e instanceof UsageError &&
      e.message.includes(JSON.stringify(missing)) &&
      e.message.includes('not a finished run'),
  );
  await assert.rejects(
    reportCommand([]),
    (e: Error) => e instanceof UsageError && /report needs a run directory/.test(e.message),
  );
  const run = await runOnce(SPEC);
  await assert.rejects(
    reportCommand([run.dir, '--baseline', missing]),
    (e: Error) =>
      e instanceof UsageError && e.message.includes('--baseline') && e.message.includes(JSON.stringify(missing)),
  );
  await assert.rejects(
    reportCommand([run.dir, '--colour', 'red']),
    (e: Error) => e instanceof UsageError && e.message.includes('--colour'),
  );
  const out: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((s: string) => {
    out.push(s);
    return true;
  }) as typeof process.stdout.write;
  try {
    assert.equal(await reportCommand(['--help']), 0);
  } finally {
    process.stdout.write = write;
  }
  assert.match(out.join(''), /^Usage: musika report DIR/);
});

test('the CLI: a directory that is not a finished run exits 2 with one line naming it', async () => {
  const dir = tempDir('musika-report-cli-');
  // The musika program as a user runs it (engine/bin.mjs).
  const { code, stderr } = await cli(['report', dir]);
  assert.equal(code, 2);
  assert.equal(stderr.trim().split('\n').length, 1, stderr);
  assert.ok(stderr.includes(JSON.stringify(dir)), stderr);
  assert.ok(!existsSync(join(dir, 'report.html')));
});

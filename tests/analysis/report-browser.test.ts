/**
 * The report as a reader sees it: a small simulation is analysed and reported, and the page is
 * opened from its file:// URL in headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core). Every chart section must show an SVG with a size and data marks in it, the
 * console must stay free of errors, and nothing may be fetched from anywhere but the file itself.
 * A full-page screenshot is saved beside the report (DIR/report.png).
 *
 * Set MUSIKA_REPORT_DIR to a directory to keep the run, the report and the screenshot there
 * (otherwise they live in a temporary directory removed at exit).
 *
 * Without /usr/bin/chromium the test is skipped with a message, except in CI (CI is set), where
 * .ci/run installs Chromium and a missing browser is a failure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeRun } from '../../analysis/analyze.ts';
import { writeReport } from '../../analysis/report/report.ts';
import { resolveScenario, simulate } from '../../engine/index.ts';
import { tempDir } from '../helpers/run.ts';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const skip =
  !haveChromium && !process.env.CI
    ? `${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) to run the report's browser test`
    : false;

/** Sections that must hold a rendered chart when the run has an analysis, a validation and recommendations. */
const CHART_SECTIONS = [
  'shares',
  'spend',
  'time',
  'prices',
  'price-paid',
  'k-sweep',
  'prediction-strength',
  'clusters',
  'projection',
  'recommend',
];

/** validation.json and recommend.json in the shapes `musika validate` and `musika recommend` write. */
function writeFixtures(dir: string): void {
  writeFileSync(
    join(dir, 'validation.json'),
    JSON.stringify({
      checks: [
        {
          id: 'persona-distribution',
          name: 'Persona distribution',
          value: { pValue: 0.4, chiSquare: 5.1, df: 5 },
          threshold: { minPValue: 0.001 },
          pass: true,
          detail: 'Pearson chi-square of the persona counts.',
        },
        {
          id: 'price-sensitivity',
          name: 'Price sensitivity',
          value: { bargainRelativePrice: 0.41, minZ: 2.9 },
          threshold: { minZ: 3 },
          pass: false,
          detail: 'smallest z below 3.',
        },
      ],
      passed: 1,
      failed: 1,
    }),
  );
  const personas = [
    'bulk_wholesaler',
    'small_retailer',
    'frequent_individual',
    'occasional_buyer',
    'category_specialist',
    'bargain_hunter',
  ];
  const rec = (name: string, ndcg: number) => ({
    name,
    description: `${name} ranking`,
    hitRate: 0.9,
    recall: ndcg * 0.8,
    ndcg,
    ndcgGainVsPopularity: null,
    coverage: 0.5,
    byPersona: personas.map((persona, i) => ({
      persona,
      traders: 10,
      hitRate: 0.9,
      recall: 0.4,
      ndcg: Math.min(1, ndcg * (0.7 + 0.1 * i)),
    })),
  });
  writeFileSync(
    join(dir, 'analysis', 'recommend.json'),
    JSON.stringify({ k: 10, recommenders: [rec('popularity', 0.4), rec('history', 0.66), rec('segment', 0.58)] }),
  );
}

test('the report renders every chart in headless Chromium without console errors', {
  skip,
  timeout: 120_000,
}, async (t) => {
  assert.ok(haveChromium, `${CHROMIUM} is missing (CI installs it in .ci/run)`);
  const keep = process.env.MUSIKA_REPORT_DIR;
  const dir = keep ? resolve(keep) : join(tempDir('musika-report-browser-'), 'run');
  if (keep && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  await simulate(resolveScenario({ preset: 'personas', traders: 300, weeks: 8, seed: '42' }), dir);
  await analyzeRun(dir, { kMax: 8, threads: 1 });
  writeFixtures(dir);
  const report = await writeReport(dir);
  assert.deepEqual(
    report.sections.filter((s) => !s.included).map((s) => s.id),
    [],
    'every section has its inputs',
  );

  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const fetched: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => fetched.push(r.url()));
    const url = pathToFileURL(report.path).href;
    await page.goto(url, { waitUntil: 'load' });

    const found = await page.$$eval('section', (ss) =>
      ss.map((s) => {
        const svg = s.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          id: s.id,
          cls: s.className,
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          // Data marks (not axes or legends): the children of Vega's role-mark groups.
          marks: s.querySelectorAll('g.role-mark > path, g.role-mark > rect, g.role-mark > line, g.role-mark > text')
            .length,
          markTypes: [
            ...new Set(
              [...s.querySelectorAll('g.role-mark')].map((g) => [...g.classList].find((c) => c.startsWith('mark-'))),
            ),
          ],
        };
      }),
    );
    const byId = new Map(found.map((f) => [f.id, f]));
    for (const id of CHART_SECTIONS) {
      const f = byId.get(id);
      assert.ok(f, `section ${id} is on the page`);
      assert.equal(f.cls, 'chart', `section ${id} holds a chart`);
      assert.ok(f.width > 100 && f.height > 50, `section ${id}: the SVG is drawn at ${f.width} x ${f.height}`);
      assert.ok(f.marks > 0, `section ${id}: the SVG has data marks`);
      t.diagnostic(
        `${id}: ${Math.round(f.width)} x ${Math.round(f.height)} px, ${f.marks} marks (${f.markTypes.join(', ')})`,
      );
    }
    assert.equal(byId.get('validation')?.cls, 'table');
    assert.equal(await page.locator('#validation .badge.pass').count(), 1);
    assert.equal(await page.locator('#validation .badge.fail').count(), 1);
    assert.deepEqual(
      await page.$$eval('#validation .badge', (bs) => {
        // Runs in the page; the project's type-check has no DOM library.
        const g = globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } };
        return bs.map((b) => g.getComputedStyle(b).backgroundColor);
      }),
      ['rgb(27, 127, 59)', 'rgb(180, 35, 24)'],
      'PASS green, FAIL red',
    );

    const shot = join(dir, 'report.png');
    await page.screenshot({ path: shot, fullPage: true });
    assert.ok(statSync(shot).size > 10_000, 'the screenshot has content');
    t.diagnostic(`screenshot: ${shot}`);

    assert.deepEqual(errors, [], 'no console errors');
    assert.deepEqual(
      fetched.filter((u) => u !== url),
      [],
      'nothing fetched but the page itself',
    );
  } finally {
    await browser.close();
  }
});

/**
 * The experiments' pages as a reader sees them: a small sweep, counterfactual and sensitivity run
 * (200 traders x 1 week) and each page opened from its file:// URL in headless Chromium (Debian's
 * /usr/bin/chromium through playwright-core), like the report's browser test. The chart must be
 * drawn with data marks, the console free of errors, nothing fetched but the page; a screenshot is
 * saved beside each page. MUSIKA_EXPERIMENTS_DIR keeps them there.
 *
 * Without /usr/bin/chromium the test is skipped with a message, except in CI (CI is set).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { counterfactualCommand } from '../../../engine/commands/counterfactual.ts';
import { sensitivityCommand } from '../../../engine/commands/sensitivity.ts';
import { sweepCommand } from '../../../engine/commands/sweep.ts';
import { tempDir } from '../../helpers/run.ts';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const skip =
  !haveChromium && !process.env.CI
    ? `${CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium) to run the experiments' browser test`
    : false;
// One run at a time (--parallel 1): npm test runs two test files at once on two cores, so a second
// pool thread would only add its start-up (about 0.6 CPU-s a pool). sweep.test's first sweep and the
// queue test's local sweep keep the default, so runs in parallel stay tested.
const SIZE = ['--traders', '200', '--weeks', '1', '--seeds', '2', '--parallel', '1'];
const quiet = { stdout: () => {}, stderr: () => {} };

test('the sweep, counterfactual and sensitivity pages render their charts in headless Chromium', {
  skip,
  timeout: 120_000,
}, async (t) => {
  assert.ok(haveChromium, `${CHROMIUM} is missing (CI installs it in .ci/run)`);
  const keep = process.env.MUSIKA_EXPERIMENTS_DIR;
  const dir = keep ? resolve(keep) : tempDir('musika-experiments-browser-');
  if (keep) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  const params = join(dir, 'params.json');
  writeFileSync(
    params,
    JSON.stringify({
      parameters: [
        { path: 'population.personas.bargain_hunter.share', min: 0, max: 0.4 },
        { path: 'market.price.demandResponse', min: 0, max: 0.2 },
      ],
    }),
  );
  assert.equal(
    await sweepCommand(
      [
        '--param',
        'population.personas.bargain_hunter.share',
        '--values',
        '0,0.2,0.4',
        ...SIZE,
        '--out',
        join(dir, 'sweep'),
      ],
      quiet,
    ),
    0,
  );
  assert.equal(
    await counterfactualCommand(['--without', 'priceResponse', ...SIZE, '--out', join(dir, 'cf')], quiet),
    0,
  );
  assert.equal(
    await sensitivityCommand(
      [
        '--params',
        params,
        '--trajectories',
        '3',
        '--traders',
        '200',
        '--weeks',
        '1',
        '--parallel',
        '1',
        '--out',
        join(dir, 'morris'),
      ],
      quiet,
    ),
    0,
  );
  const pages: [string, string][] = [
    [join(dir, 'sweep', 'sweep.html'), 'metrics'],
    [join(dir, 'cf', 'counterfactual.html'), 'differences'],
    [join(dir, 'morris', 'sensitivity.html'), 'ranking'],
  ];

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
    for (const [path, section] of pages) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      const fetched: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
      });
      page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
      page.on('request', (r) => fetched.push(r.url()));
      const url = pathToFileURL(path).href;
      await page.goto(url, { waitUntil: 'load' });
      const found = await page.$eval(`section#${section}`, (s) => {
        const svg = s.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          cls: s.className,
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          marks: s.querySelectorAll('g.role-mark > path, g.role-mark > rect, g.role-mark > line, g.role-mark > text')
            .length,
        };
      });
      assert.equal(found.cls, 'chart', `${path}: section ${section} holds a chart`);
      assert.ok(found.width > 100 && found.height > 50, `${path}: drawn at ${found.width} x ${found.height}`);
      assert.ok(found.marks > 0, `${path}: the SVG has data marks`);
      const shot = path.replace(/\.html$/, '.png');
      await page.screenshot({ path: shot, fullPage: true });
      assert.ok(statSync(shot).size > 10_000, 'the screenshot has content');
      t.diagnostic(
        `${path}: ${Math.round(found.width)} x ${Math.round(found.height)} px, ${found.marks} marks; screenshot ${shot}`,
      );
      assert.deepEqual(errors, [], 'no console errors');
      assert.deepEqual(
        fetched.filter((u) => u !== url),
        [],
        'nothing fetched but the page itself',
      );
      await page.close();
    }
  } finally {
    await browser.close();
  }
});

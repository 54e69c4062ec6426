/**
 * `musika sql` on a tiny hand-built run whose answers are known (tests/helpers/tiny-run.ts), and
 * the manifest check every reader makes: a tampered, truncated or missing file exits 2 naming it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqlCommand } from '../../engine/commands/sql.ts';
import { cli } from '../helpers/cli.ts';
import { runMain } from '../helpers/in-process.ts';
import { tempDir } from '../helpers/run.ts';
import { writeTinyRun } from '../helpers/tiny-run.ts';

async function sql(dir: string, query: string, ...flags: string[]): Promise<string> {
  let out = '';
  const code = await sqlCommand([dir, query, ...flags], (t) => (out += t));
  assert.equal(code, 0);
  return out;
}

test('sql: spend by persona and hour of day (Harare time) on the tiny run', async () => {
  const dir = writeTinyRun(join(tempDir(), 'run'));
  const out = await sql(
    dir,
    'SELECT persona, hour(timestamp) AS hour, count(*) AS items, round(sum(total), 2) AS spend FROM transactions JOIN traders USING (trader_id) GROUP BY ALL ORDER BY persona, hour',
    '--format',
    'json',
  );
  assert.deepEqual(JSON.parse(out), [
    { persona: 'bargain', hour: 16, items: 1, spend: 0.9 },
    { persona: 'bargain', hour: 17, items: 1, spend: 0.4 },
    { persona: 'bargain', hour: 18, items: 1, spend: 1.5 },
    { persona: 'wholesaler', hour: 5, items: 2, spend: 9 },
  ]);
});

test('sql: market and prices views, csv and table output', async () => {
  const dir = writeTinyRun(join(tempDir(), 'run'));
  const csv = await sql(
    dir,
    'SELECT zone, sum(unmet) / sum(sold + unmet) AS unmet_share, count(*) FILTER (WHERE markdown = 1) AS markdowns FROM market GROUP BY zone',
    '--format',
    'csv',
  );
  assert.equal(csv, 'zone,unmet_share,markdowns\nmbare,0.21052631578947367,2\n');
  const table = await sql(
    dir,
    'SELECT product_id, avg(price) AS price, min(date) AS first FROM prices GROUP BY ALL ORDER BY 1',
  );
  assert.equal(
    table,
    [
      'product_id  price  first',
      '----------  -----  ----------',
      '         0    0.5  2025-01-06',
      '         1      2  2025-01-06',
      '(2 rows)',
      '',
    ].join('\n'),
  );
});

test("sql: a bad query exits 2 with DuckDB's message; the help names every view", async () => {
  const dir = writeTinyRun(join(tempDir(), 'run'));
  const bad = await cli(['sql', dir, 'SELECT nope FROM transactions']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^musika: query failed: .*Referenced column "nope" not found/);
  assert.equal(bad.stderr.trim().split('\n').length, 1);
  const help = await cli(['sql', '--help']);
  assert.equal(help.code, 0);
  for (const view of ['traders', 'transactions', 'prices', 'market', 'features', 'clusters'])
    assert.match(help.stdout, new RegExp(`\\n  ${view} `));
});

/** Every reader refuses a run whose files do not match the manifest, naming the file; nothing is written. */
const DAMAGE: [string, (dir: string) => void, RegExp][] = [
  [
    'tampered',
    (d) => {
      const p = join(d, 'transactions.csv');
      const text = readFileSync(p, 'utf8');
      const altered = text.replace(',10.00,kg,0.500,', ',10.00,kg,0.400,');
      assert.notEqual(altered, text);
      writeFileSync(p, altered); // same size: only the hash can tell
    },
    /transactions\.csv has SHA-256 .* manifest\.json says .*altered/,
  ],
  [
    'truncated',
    (d) => truncateSync(join(d, 'transactions.csv'), 300),
    /transactions\.csv is 300 bytes, manifest\.json says \d+: truncated/,
  ],
  ['missing', (d) => rmSync(join(d, 'prices.csv')), /prices\.csv is missing/],
];

// The tampered file goes through the musika program as a user runs it (a process each, the
// commands' end-to-end test of the manifest check); the truncated and missing ones through the same
// main() in this process (tests/helpers/in-process.ts), sparing ten process start-ups.
for (const [what, damage, message] of DAMAGE) {
  const run = what === 'tampered' ? cli : runMain;
  test(`a ${what} file exits 2 naming it, for sql, validate, analyze, recommend and report`, async () => {
    const dir = writeTinyRun(join(tempDir(), 'run'));
    damage(dir);
    for (const args of [
      ['sql', dir, 'SELECT 1'],
      ['validate', dir],
      ['analyze', dir, '--k-max', '2', '--ps-sample', '6'],
      ['recommend', dir, '--test-weeks', '1'],
      ['report', dir],
    ]) {
      const r = await run(args);
      assert.equal(r.code, 2, `${args[0]}: ${r.stderr}`);
      assert.match(r.stderr, message, args[0]);
      assert.equal(r.stdout, '', `${args[0]} printed nothing`);
    }
    for (const out of ['validation.json', 'report.html', 'analysis'])
      assert.throws(() => readFileSync(join(dir, out)), `${out} not written`);
  });
}

test('sql: output piped into a reader that stops early (| head) ends quietly with exit 0', async () => {
  const dir = writeTinyRun(join(tempDir(), 'run'));
  const { spawn } = await import('node:child_process');
  const { ROOT } = await import('../helpers/cli.ts');
  const child = spawn(
    process.execPath,
    ['engine/bin.mjs', 'sql', dir, 'SELECT range AS n FROM range(2000000)', '--format', 'csv'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  // Read the first chunk, then close the pipe as `head` does.
  const first = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString())));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  assert.ok(first.startsWith('n\n'), first.slice(0, 20));
  assert.equal(stderr, '');
  assert.equal(code, 0);
});

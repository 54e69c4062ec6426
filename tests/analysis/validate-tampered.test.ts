/**
 * Checks about the data's integrity (persona shares, value ranges, trading hours, leaks of the
 * truth) fail on tampered output files: a copy of a small run with one file rewritten and the
 * manifest sealed anew, so the run is consistent but odd. Each tampering fails its own check only.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateRun } from '../../analysis/validation/validate-run.ts';
import { check, copyRun, newFailures, small, table } from './validation-fixture.ts';

test('persona distribution: shares in the manifest that the traders do not follow fail the chi-square test', async () => {
  const { dir, result } = await small();
  assert.equal(check(result, 'persona-distribution').pass, true);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const personas = manifest.scenario.population.personas as { id: string; share: number }[];
  // Swap small retailers (0.25) and bargain hunters (0.08).
  const a = personas.find((p) => p.id === 'small_retailer')!;
  const b = personas.find((p) => p.id === 'bargain_hunter')!;
  [a.share, b.share] = [b.share, a.share];
  const tampered = await validateRun(copyRun(dir, { 'manifest.json': JSON.stringify(manifest) }));
  const c = check(tampered, 'persona-distribution');
  assert.equal(c.pass, false);
  assert.ok(c.value.pValue! < 1e-10, `p = ${c.value.pValue}`);
  assert.deepEqual(newFailures(result, tampered), ['persona-distribution'], table(tampered));
});

test('realistic distributions: a zero quantity and a purchase at 03:00 fail', async () => {
  const { dir, result } = await small();
  assert.equal(check(result, 'realistic-distributions').pass, true);
  const lines = readFileSync(join(dir, 'transactions.csv'), 'utf8').split('\n');
  const header = lines[0].split(',');
  const qi = header.indexOf('quantity');
  const ti = header.indexOf('tick');
  const row5 = lines[5].split(',');
  row5[qi] = '0.00';
  lines[5] = row5.join(',');
  const row9 = lines[9].split(',');
  row9[ti] = String(Math.floor(Number(row9[ti]) / 24) * 24 + 3);
  lines[9] = row9.join(',');
  const tampered = await validateRun(copyRun(dir, { 'transactions.csv': lines.join('\n') }));
  const c = check(tampered, 'realistic-distributions');
  assert.equal(c.pass, false);
  assert.equal(c.value.nonPositiveValues, 1);
  assert.equal(c.value.outsideHours, 1);
  assert.match(c.detail, /transactions\.csv row 5: quantity = 0\b/);
  assert.match(c.detail, /transactions\.csv row 9: tick/);
  assert.deepEqual(newFailures(result, tampered), ['realistic-distributions'], table(tampered));
});

test('no leak: trader ids numbered by persona fail', async () => {
  const { dir, result } = await small();
  assert.equal(check(result, 'no-truth-leak').pass, true);
  // Same traders.csv with the persona column sorted: trader ids now run persona by persona.
  const lines = readFileSync(join(dir, 'traders.csv'), 'utf8').trimEnd().split('\n');
  const pi = lines[0].split(',').indexOf('persona');
  const rows = lines.slice(1).map((l) => l.split(','));
  const sorted = rows.map((r) => r[pi]).sort();
  for (const [i, r] of rows.entries()) r[pi] = sorted[i];
  const tampered = await validateRun(
    copyRun(dir, { 'traders.csv': `${[lines[0], ...rows.map((r) => r.join(','))].join('\n')}\n` }),
  );
  const c = check(tampered, 'no-truth-leak');
  assert.equal(c.pass, false);
  assert.ok(c.value.traderIdNmi! > 0.5, `trader id NMI ${c.value.traderIdNmi}`);
});

test('no leak: a transaction column that encodes the persona fails; behaviour columns do not', async () => {
  const { dir, result } = await small();
  const honest = check(result, 'no-truth-leak');
  assert.equal(honest.pass, true);
  assert.ok(honest.value.maxColumnAccuracy! > 0.4, `behaviour columns carry some signal: ${honest.detail}`);
  const persona = new Map<string, string>();
  const tl = readFileSync(join(dir, 'traders.csv'), 'utf8').trimEnd().split('\n');
  const th = tl[0].split(',');
  for (const l of tl.slice(1)) {
    const r = l.split(',');
    persona.set(r[th.indexOf('trader_id')], r[th.indexOf('persona')]);
  }
  const lines = readFileSync(join(dir, 'transactions.csv'), 'utf8').trimEnd().split('\n');
  const ti = lines[0].split(',').indexOf('trader_id');
  // A "segment" code: the persona's initials, which is the persona under another name.
  const code = (p: string) =>
    p
      .split('_')
      .map((w) => w[0])
      .join('');
  const out = [`${lines[0]},segment`, ...lines.slice(1).map((l) => `${l},${code(persona.get(l.split(',')[ti])!)}`)];
  const tampered = await validateRun(copyRun(dir, { 'transactions.csv': `${out.join('\n')}\n` }));
  const c = check(tampered, 'no-truth-leak');
  assert.equal(c.pass, false);
  assert.equal(c.value.maxColumnAccuracy, 1);
  assert.match(c.detail, /most revealing column: segment/);
  assert.deepEqual(newFailures(result, tampered), ['no-truth-leak'], table(tampered));
});

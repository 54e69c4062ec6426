/**
 * `musika validate`: every check passes on the default personas run, the uniform scenario fails
 * exactly the checks of persona structure, correlations and dynamics, and each check fails when the
 * mechanism behind it is broken, one at a time: through the scenario (built with resolveScenario,
 * then mutated in code) where the model has a switch for it, through tampered output files where
 * the check is about the data's integrity (shares, value ranges, trading hours, leaks).
 *
 * Each mutated run is compared with the unmutated run of the same size and seed, and must fail
 * exactly its own check: the checks measure separate things. Mutated runs are 1,200 traders x 22
 * weeks, large enough for ~100 newcomers observed 16 weeks after joining (the lifecycle check's
 * ratio then has a standard error near 0.045, 3.5 of them from its threshold on either side; see
 * analysis/validation/thresholds.ts). Runs are simulated once per file and cached.
 */
import { sealRun } from '../helpers/seal.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHECK_IDS, validateRun, type ValidationResult } from '../../analysis/validation/validate-run.ts';
import { DEFAULT_THRESHOLDS } from '../../analysis/validation/thresholds.ts';
import { validateCommand } from '../../engine/commands/validate.ts';
import { UsageError } from '../../engine/errors.ts';
import { resolveScenario } from '../../engine/scenario-load.ts';
import { simulate } from '../../engine/simulate.ts';
import type { Scenario } from '../../engine/scenario.ts';
import { tempDir } from '../helpers/run.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Validated {
  dir: string;
  result: ValidationResult;
}

const cache = new Map<string, Promise<Validated>>();

/** Simulates a (possibly mutated) scenario once per file and validates it with the default thresholds. */
function run(
  key: string,
  preset: 'personas' | 'uniform',
  traders: number,
  weeks: number,
  seed: string,
  mutate?: (s: Scenario) => void,
): Promise<Validated> {
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const s = resolveScenario({ preset, traders, weeks, seed });
      mutate?.(s);
      const dir = join(tempDir(`musika-validate-${key}-`), 'run');
      await simulate(s, dir, { threads: 1 });
      return { dir, result: await validateRun(dir) };
    })();
    cache.set(key, p);
  }
  return p;
}

const MUTATED = { traders: 1200, weeks: 22, seed: 'validate' } as const;
const base = (): Promise<Validated> => run('base', 'personas', MUTATED.traders, MUTATED.weeks, MUTATED.seed);
const mutated = (key: string, mutate: (s: Scenario) => void): Promise<Validated> =>
  run(key, 'personas', MUTATED.traders, MUTATED.weeks, MUTATED.seed, mutate);
/** A small run for the tampered files: lifecycle off (it could not be observed in 16 weeks anyway). */
const small = (): Promise<Validated> =>
  run('small', 'personas', 800, 16, 'validate-small', (s) => (s.population.lifecycle.enabled = false));

const failing = (r: ValidationResult): string[] => r.checks.filter((c) => !c.pass).map((c) => c.id);
/** Checks that fail on `after` but passed on `before`. */
const newFailures = (before: ValidationResult, after: ValidationResult): string[] =>
  failing(after).filter((id) => check(before, id).pass);
const check = (r: ValidationResult, id: string) => r.checks.find((c) => c.id === id)!;
const table = (r: ValidationResult): string =>
  r.checks.map((c) => `${c.pass ? 'PASS' : 'FAIL'} ${c.id} ${JSON.stringify(c.value)}`).join('\n');

/** A copy of a run directory: files symlinked except those given new content, sealed anew. */
function copyRun(from: string, replace: Record<string, string>): string {
  const dir = join(tempDir('musika-validate-tampered-'), 'run');
  mkdirSync(dir);
  for (const f of ['manifest.json', 'traders.csv', 'transactions.csv', 'prices.csv']) {
    if (f in replace) writeFileSync(join(dir, f), replace[f]);
    else if (f === 'manifest.json') writeFileSync(join(dir, f), readFileSync(join(from, f)));
    else symlinkSync(join(from, f), join(dir, f));
  }
  // A consistent run with odd content, not a damaged one: the manifest records the new files.
  sealRun(dir);
  return dir;
}

// ------------------------------------------------------------------------- passing runs

for (const seed of ['42', '43', '44']) {
  test(`default personas run (2,000 traders x 26 weeks), seed ${seed}: all nine checks pass`, async () => {
    const { result } = await run(`default-${seed}`, 'personas', 2000, 26, seed);
    assert.deepEqual(
      result.checks.map((c) => c.id),
      [...CHECK_IDS],
    );
    assert.deepEqual(failing(result), [], table(result));
    assert.equal(result.passed, 9);
    assert.equal(result.failed, 0);
  });
}

test("the unmutated small run passes every check, so each failure below is the mutation's", async () => {
  const { result } = await base();
  assert.deepEqual(failing(result), [], table(result));
});

test('uniform scenario: exactly the checks of persona structure, correlations and dynamics fail', async () => {
  const { result } = await run('uniform', 'uniform', MUTATED.traders, MUTATED.weeks, MUTATED.seed);
  // Persona shares are still drawn as configured (only behaviour ignores them) and nothing leaks,
  // so those two pass; everything the personas, lifecycle and cycles create is gone.
  assert.deepEqual(
    failing(result),
    [
      'feature-correlations',
      'temporal-patterns',
      'category-specialisation',
      'price-sensitivity',
      'repeat-purchases',
      'lifecycle',
      'realistic-distributions',
    ],
    table(result),
  );
  assert.match(check(result, 'lifecycle').detail, /^no data/);
});

// ------------------------------------------------------------- one mechanism at a time

const MECHANISMS: { key: string; what: string; fails: string; mutate: (s: Scenario) => void }[] = [
  {
    key: 'temporal',
    what: 'no weekly cycle, no monthly cycle, budget accruing daily, no price seasons',
    fails: 'temporal-patterns',
    mutate: (s) => {
      s.market.price.seasonality = 0;
      s.calendar.weekly = [1, 1, 1, 1, 1, 1, 1];
      s.calendar.monthlyAmplitude = 0;
      s.population.budget.cycle = 'daily';
    },
  },
  {
    key: 'no-ramp',
    what: 'newcomers still join over time but start at full activity (rampStart 1)',
    fails: 'lifecycle',
    mutate: (s) => {
      s.population.lifecycle.rampStart = 1;
    },
  },
  {
    key: 'lifecycle-off',
    what: 'lifecycle disabled: everyone trading from the start, so no newcomer to observe ("no data")',
    fails: 'lifecycle',
    mutate: (s) => {
      s.population.lifecycle.enabled = false;
    },
  },
  {
    key: 'price',
    what: "every persona's price sensitivity 0",
    fails: 'price-sensitivity',
    mutate: (s) => {
      for (const p of s.population.personas) p.priceSensitivity = 0;
    },
  },
  {
    key: 'repeat',
    what: "every persona's repeat probability 0.6",
    fails: 'repeat-purchases',
    mutate: (s) => {
      for (const p of s.population.personas) p.repeat = 0.6;
    },
  },
  {
    key: 'categories',
    what: 'every persona shops 4-7 evenly weighted categories',
    fails: 'category-specialisation',
    mutate: (s) => {
      for (const p of s.population.personas) {
        p.categoryCount = [4, 7];
        p.categoryFocus = 1;
        p.offPreference = 0.1;
      }
    },
  },
  {
    key: 'activity',
    what: 'every persona at activity 1, no individual activity factor, no power users: budget no longer follows activity',
    fails: 'feature-correlations',
    mutate: (s) => {
      for (const p of s.population.personas) p.activity = 1;
      s.population.variation.activitySigma = 0;
      s.population.edgeCases.powerUserShare = 0;
    },
  },
];

for (const m of MECHANISMS) {
  test(`breaking one mechanism (${m.what}) fails exactly ${m.fails}`, async () => {
    const before = await base();
    const { result } = await mutated(m.key, m.mutate);
    assert.equal(check(before.result, m.fails).pass, true);
    assert.deepEqual(failing(result), [m.fails], table(result));
  });
}

test('the lifecycle check fails on a run too short to observe any newcomer for 16 weeks', async () => {
  const { result } = await run('short', 'personas', 800, 16, 'validate-short');
  const c = check(result, 'lifecycle');
  assert.equal(c.pass, false);
  assert.equal(c.value.traders, 0);
  assert.match(c.detail, /^no data: .*a 16-week run cannot observe any/);
});

// ------------------------------------------------------------------- tampered outputs

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

// ---------------------------------------------------------------------- the command

/** Runs validateCommand in this process, collecting its report (the test runner owns stdout). */
async function command(argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await validateCommand(argv, (t) => (out += t));
  return { code, out };
}

test('command: one line per check, validation.json written, exit 0 when all pass and 1 when any fails', async () => {
  const { dir } = await base();
  const ok = await command([dir]);
  assert.equal(ok.code, 0, ok.out);
  const lines = ok.out.trimEnd().split('\n');
  assert.equal(lines.filter((l) => /^(PASS|FAIL) {2}/.test(l)).length, 9, ok.out);
  assert.match(ok.out, /9 of 9 checks passed/);
  const json = JSON.parse(readFileSync(join(dir, 'validation.json'), 'utf8'));
  assert.deepEqual(Object.keys(json), ['checks', 'passed', 'failed', 'thresholds']);
  assert.deepEqual(
    json.checks.map((c: { id: string }) => c.id),
    [...CHECK_IDS],
  );
  for (const c of json.checks) assert.deepEqual(Object.keys(c), ['id', 'name', 'value', 'threshold', 'pass', 'detail']);
  assert.deepEqual(json.thresholds, DEFAULT_THRESHOLDS);

  // A threshold file that makes the weekly cycle impossible to meet: exit 1, the override recorded.
  const file = join(tempDir('musika-thresholds-'), 'strict.json');
  writeFileSync(file, JSON.stringify({ temporal: { minWeeklyAmplitude: 5 } }));
  const strict = await command([dir, '--thresholds', file]);
  assert.equal(strict.code, 1, strict.out);
  assert.match(strict.out, /^FAIL {2}Temporal patterns/m);
  assert.match(strict.out, /failed: temporal-patterns/);
  assert.equal(
    JSON.parse(readFileSync(join(dir, 'validation.json'), 'utf8')).thresholds.temporal.minWeeklyAmplitude,
    5,
  );
});

test('command: unusable input is a UsageError naming the problem', async () => {
  const empty = tempDir('musika-validate-empty-');
  await assert.rejects(command([]), (e: Error) => e instanceof UsageError && /needs a run directory/.test(e.message));
  await assert.rejects(command([join(empty, 'nope')]), /run directory ".*nope" does not exist/);
  await assert.rejects(command([empty]), /has no manifest.json/);
  const { dir } = await small();
  const file = join(empty, 't.json');
  writeFileSync(file, JSON.stringify({ repeat: { minLoyalRate: 'high' } }));
  await assert.rejects(
    command([dir, '--thresholds', file]),
    (e: Error) =>
      e instanceof UsageError && /: repeat\.minLoyalRate: expected a number in \[0, 1\], got "high"$/.test(e.message),
  );
  writeFileSync(file, JSON.stringify({ repeat: { loyalty: 1 } }));
  await assert.rejects(
    command([dir, '--thresholds', file]),
    /: repeat\.loyalty: unknown key \(repeat has minSpearman, pairGap, /,
  );
  // A run directory with a manifest but a broken data file.
  const broken = copyRun(dir, { 'traders.csv': 'trader_id,persona\n0,x\n' });
  await assert.rejects(
    command([broken]),
    (e: Error) => e instanceof UsageError && /column join_week is missing/.test(e.message),
  );
});

test('command line: exit code 2 and one line on stderr for a bad thresholds file', async () => {
  const { dir } = await small();
  const file = join(tempDir('musika-thresholds-'), 'bad.json');
  writeFileSync(file, '{"leakage": {"bins": "many"}}');
  const r = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'engine/cli.ts', 'validate', dir, '--thresholds', file], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
  assert.match(r.stderr, /: leakage\.bins: expected an integer in \[2, 10000\], got "many"\n$/);
});

/**
 * The command line, run as a user runs it: a child process `node engine/bin.mjs ...` (the musika
 * program, which runs a cached bundle of the sources) from the project root. Bad input must print
 * exactly one line on stderr naming the flag or field and the value, exit with code 2, and leave
 * no run directory behind.
 *
 * Each child pays Node's start-up (about 0.45 CPU-seconds for simulate), so the cases are few and
 * run two at a time, and their results are asserted afterwards; of the bad-input cases, one bad
 * flag and one bad config file run as a process, the others through the same main() in this
 * process (tests/helpers/in-process.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/run.ts';
import { spawnSync } from 'node:child_process';
import { ROOT, cli, type CliResult } from '../helpers/cli.ts';
import { runMain } from '../helpers/in-process.ts';

function file(dir: string, name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

interface BadCase {
  name: string;
  /** Arguments after `simulate --out <dir>` (or the full argv when `raw`). */
  args: string[];
  /** Strings stderr must contain: the flag or field, and the value. */
  mentions: string[];
  raw?: boolean;
  /** Run as a child process (the rest run in this process). */
  process?: boolean;
}

/** Runs the argument lists at most `limit` at a time; results in input order. */
async function cliAll(argvs: string[][], limit = 2): Promise<CliResult[]> {
  const results: CliResult[] = new Array(argvs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < argvs.length) {
      const k = next++;
      results[k] = await cli(argvs[k]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, argvs.length) }, worker));
  return results;
}

test('bad input: exit 2, one line on stderr naming flag/field and value, no run directory', async (t) => {
  const dir = tempDir('musika-cli-');
  const missing = join(dir, 'no-such-config.json');
  const notJson = file(dir, 'not-json.json', '{"weeks": 3,\n  oops\n}\n');
  const unknownKey = file(dir, 'unknown-key.json', JSON.stringify({ population: { bogus: 1 } }));
  const wrongType = file(dir, 'wrong-type.json', JSON.stringify({ weeks: 'ten' }));
  const cases: BadCase[] = [
    { name: 'unknown flag', args: ['--bogus', '1'], mentions: ['--bogus'], process: true },
    { name: 'non-numeric --traders', args: ['--traders', 'abc'], mentions: ['--traders', 'abc'] },
    { name: '--traders 0', args: ['--traders', '0'], mentions: ['--traders', '0'] },
    { name: '--weeks -3', args: ['--weeks', '-3'], mentions: ['--weeks', '-3'] },
    { name: 'unknown --scenario', args: ['--scenario', 'bogus'], mentions: ['--scenario', 'bogus'] },
    { name: 'missing --config file', args: ['--config', missing], mentions: ['--config', missing] },
    { name: '--config not JSON', args: ['--config', notJson], mentions: ['--config', notJson, 'JSON'] },
    {
      name: '--config with an unknown key',
      args: ['--config', unknownKey],
      mentions: ['population.bogus'],
      process: true,
    },
    { name: '--config with a wrong type', args: ['--config', wrongType], mentions: ['weeks', 'ten'] },
    { name: 'missing --out', args: ['simulate', '--traders', '10'], mentions: ['--out'], raw: true },
  ];
  const outs = cases.map((_, k) => join(dir, `out-${k}`));
  // Valid flags first, the bad one last, so the bad one is what fails.
  const argv = cases.map((c, k) =>
    c.raw ? c.args : ['simulate', '--out', outs[k], '--traders', '20', '--weeks', '1', ...c.args],
  );
  const spawned = await cliAll(argv.filter((_, k) => cases[k].process));
  const results: { code: number | null | undefined; stdout: string; stderr: string }[] = [];
  for (const [k, c] of cases.entries()) results.push(c.process ? spawned.shift()! : await runMain(argv[k]));
  for (const [k, c] of cases.entries()) {
    await t.test(c.name, () => {
      const r = results[k];
      assert.equal(r.code, 2, `exit code (stderr: ${r.stderr})`);
      assert.equal(r.stdout, '', 'nothing on stdout');
      const lines = r.stderr.split('\n');
      assert.equal(lines.length, 2, `exactly one line on stderr, got ${JSON.stringify(r.stderr)}`);
      assert.equal(lines[1], '', 'the line ends with a newline');
      for (const m of c.mentions)
        assert.ok(lines[0].includes(m), `stderr ${JSON.stringify(lines[0])} names ${JSON.stringify(m)}`);
      assert.equal(existsSync(outs[k]), false, 'no run directory left behind');
    });
  }
  // Nothing but the inputs written above is left in the scratch directory.
  assert.deepEqual(readdirSync(dir).sort(), ['not-json.json', 'unknown-key.json', 'wrong-type.json']);
});

test('help: musika --help and simulate --help exit 0 with usage on stdout', async () => {
  const [top, sim] = await cliAll([['--help'], ['simulate', '--help']]);
  assert.equal(top.code, 0);
  assert.match(top.stdout, /^Usage: musika <command>/);
  assert.match(top.stdout, /simulate/);
  assert.equal(top.stderr, '');
  assert.equal(sim.code, 0);
  assert.match(sim.stdout, /^Usage: musika simulate/);
  for (const flag of ['--traders', '--weeks', '--seed', '--out', '--scenario', '--config'])
    assert.ok(sim.stdout.includes(flag), `help lists ${flag}`);
  assert.equal(sim.stderr, '');
});

test('a tiny run exits 0, writes the run directory and summarises it on stdout', async () => {
  const out = join(tempDir('musika-cli-'), 'run');
  const r = await cli(['simulate', '--traders', '50', '--weeks', '2', '--seed', '7', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '', 'no progress bar when stderr is not a terminal');
  for (const f of ['traders.csv', 'transactions.csv', 'prices.csv', 'manifest.json'])
    assert.ok(existsSync(join(out, f)), f);
  assert.deepEqual(
    readdirSync(out).filter((f) => f.endsWith('.tmp')),
    [],
    'no temporary files left',
  );
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as {
    counts: { traders: number; transactions: number };
  };
  assert.equal(manifest.counts.traders, 50);
  assert.ok(manifest.counts.transactions > 0, 'the run bought something');
  const m = /transactions\s+([\d,]+)/.exec(r.stdout);
  assert.ok(m, `stdout mentions transactions: ${r.stdout}`);
  assert.equal(
    Number(m[1].replace(/,/g, '')),
    manifest.counts.transactions,
    "the summary reports the manifest's count",
  );
  assert.match(r.stdout, /50 traders x 2 weeks/);
});

test('the musika program runs the bundle of the current sources, which says what the TypeScript says', async () => {
  const bundled = await cli(['simulate', '--help'], { MUSIKA_DEBUG_BUNDLE: '1' });
  const viaTsx = spawnSync(process.execPath, ['--import', 'tsx', 'engine/cli.ts', 'simulate', '--help'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(bundled.code, 0);
  assert.equal(bundled.stdout, viaTsx.stdout);
  // The bundle it ran is the one for these sources (their digest names it), not an older one.
  const { CLI_DIRS, cachedBundle } = (await import(
    '../../engine/bundle.mjs'
  )) as typeof import('../../engine/bundle.mjs');
  const current = await cachedBundle({ name: 'cli', entry: 'engine/cli.ts', dirs: CLI_DIRS });
  assert.equal(bundled.stderr, `musika: running bundle ${current}\n`);
});

test('pipeline: the whole job on a uniform run exits 0 with its checks reported, 1 with --strict, and replaces its own output', async () => {
  const out = join(tempDir(), 'job');
  // A small job: recommend holds out the last 4 weeks, so 5 weeks leave one to train on.
  const args = ['pipeline', '--scenario', 'uniform', '--traders', '150', '--weeks', '5', '--seed', '3', '--out', out];
  const plain = await cli(args);
  assert.equal(plain.code, 0, plain.stderr);
  const passed = /validation checks passed\s+(\d+) of (\d+)/.exec(plain.stdout);
  assert.ok(passed && Number(passed[1]) < Number(passed[2]), `the uniform run fails some checks: ${plain.stdout}`);
  const strict = await cli([...args, '--strict']);
  assert.equal(strict.code, 1, 'with --strict a failed check fails the job');
  assert.ok(
    existsSync(join(out, 'report.html')) && existsSync(join(out, 'manifest.json')),
    'the second run replaced the first',
  );
});

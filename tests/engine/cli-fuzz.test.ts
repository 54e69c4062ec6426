/**
 * Property-based fuzzing of the command line (fast-check), in process through main(): random
 * argument lists, config overlays and --set paths and values. Every case must end in success
 * (exit 0, a finished run directory) or in one line on stderr and exit 2 with no run directory left:
 * never a thrown error (a stack trace and exit 1), never a second line. Sizes stay tiny (at most 50
 * traders x 1 week: the flags that fix them come first and random ones can only lower them) and
 * the seed is fixed, so the cases are the same on every machine.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { personasScenario } from '../../engine/scenario-presets.ts';
import { runMain, type InProcessResult } from '../helpers/in-process.ts';
import { tempDir } from '../helpers/run.ts';

const SEED = 20261130;
const dir = tempDir('musika-fuzz-');
let counter = 0;
const fresh = (what: string): string => join(dir, `${what}-${counter++}`);

/** Every leaf path of the default scenario in --set syntax (list elements by id, else by index). */
function leafPaths(node: unknown, prefix: string[] = []): string[] {
  if (Array.isArray(node)) {
    const here = prefix.length ? [prefix.join('.')] : [];
    return [
      ...here,
      ...node.flatMap((e, i) =>
        leafPaths(e, [
          ...prefix,
          typeof (e as { id?: unknown })?.id === 'string' ? (e as { id: string }).id : String(i),
        ]),
      ),
    ];
  }
  if (typeof node === 'object' && node !== null)
    return Object.entries(node).flatMap(([k, v]) => leafPaths(v, [...prefix, k]));
  return [prefix.join('.')];
}
const PATHS = leafPaths(personasScenario()).filter((p) => p !== 'name');

/** Outcomes per property, reported as a diagnostic: a property whose every case fails early tests little. */
const tally = { runs: 0, usage: 0 };

/** What a case must end in: exit 0 with a finished run, or exit 2 with one line and nothing left. */
function assertOutcome(r: InProcessResult, out: string | undefined, label: string): void {
  if (r.code === 0) tally.runs++;
  if (r.code === 2) tally.usage++;
  assert.equal(
    r.thrown,
    undefined,
    `${label}: main threw (a stack trace, exit 1): ${r.thrown instanceof Error ? r.thrown.stack : String(r.thrown)}`,
  );
  assert.ok(r.code === 0 || r.code === 2, `${label}: exit code ${r.code}`);
  if (r.code === 2) {
    assert.match(r.stderr, /^musika: [^\n]+\n$/, `${label}: one line on stderr, got ${JSON.stringify(r.stderr)}`);
    if (out) assert.equal(existsSync(out), false, `${label}: no run directory left behind`);
  } else if (out && !/--help|-h\b/.test(label)) {
    assert.ok(existsSync(join(out, 'manifest.json')), `${label}: a finished run in ${out}`);
  }
}

const badCount = fc.constantFrom(
  '0',
  '-3',
  'abc',
  '2.5',
  '',
  '1e3',
  '99999999999',
  '-',
  ' 7',
  '٣',
  '0x10',
  '50_000_001',
);
const smallCount = fc.integer({ min: 1, max: 50 }).map(String);
const jsonish = fc.oneof(
  fc.constantFrom(
    '0',
    '1',
    '-1',
    '0.5',
    '1.5',
    'true',
    'false',
    'null',
    '[]',
    '[1,2]',
    '{}',
    '"x"',
    'NaN',
    'Infinity',
    '1e300',
    '-1e-300',
    '',
  ),
  fc.double({ noNaN: false }).map(String),
  fc.string({ maxLength: 8 }),
  fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'null'),
);
/** A path: a real one, a real one with a segment changed, `*` in a list, or nonsense. */
const path = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...PATHS) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...PATHS), fc.nat(), fc.constantFrom('*', 'bogus', '0', '99', '', 'id', 'share'))
      .map(([p, k, seg]) =>
        p
          .split('.')
          .map((s, i, all) => (i === k % all.length ? seg : s))
          .join('.'),
      ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
/** Numeric leaves with their default, for values near the valid ones (most random values are refused). */
const NUMERIC = PATHS.map(
  (p) =>
    [
      p,
      p
        .split('.')
        .reduce<unknown>(
          (n, seg) =>
            Array.isArray(n)
              ? (n.find((e) => (e as { id?: string }).id === seg) ?? n[Number(seg)])
              : (n as Record<string, unknown>)[seg],
          personasScenario(),
        ),
    ] as const,
).filter((e): e is readonly [string, number] => typeof e[1] === 'number');
const nearDefault = fc
  .tuple(fc.constantFrom(...NUMERIC), fc.double({ min: 0, max: 2, noNaN: true }))
  .map(([[p, v], f]) => `${p}=${Number.isInteger(v) ? Math.round(v * f) : v * f}`);
const setArg = fc.oneof(
  fc.tuple(path, jsonish).map(([p, v]) => `${p}=${v}`),
  nearDefault,
);

/** A config overlay: the default scenario's JSON with a few leaves changed, removed or added. */
const overlay = fc
  .array(
    fc.tuple(fc.constantFrom(...PATHS), fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constant(undefined), fc.double())),
    { minLength: 1, maxLength: 3 },
  )
  .map((edits) => {
    const s = personasScenario() as unknown as Record<string, unknown>;
    delete s.name;
    for (const [p, v] of edits) {
      const segs = p.split('.');
      let node = s as Record<string, unknown>;
      for (const seg of segs.slice(0, -1)) {
        const next: unknown = Array.isArray(node)
          ? ((node as unknown[]).find((e) => (e as { id?: string }).id === seg) ?? (node as unknown[])[Number(seg)])
          : node[seg];
        node = next as Record<string, unknown>;
      }
      const last = segs[segs.length - 1];
      const key = Array.isArray(node)
        ? String((node as unknown[]).findIndex((e) => (e as { id?: string }).id === last))
        : last;
      if (v === undefined) delete node[key];
      else node[key] = v;
    }
    return s;
  });

function report(t: { diagnostic(message: string): void }): void {
  t.diagnostic(`${tally.runs} cases ran (exit 0), ${tally.usage} were refused (exit 2)`);
  tally.runs = 0;
  tally.usage = 0;
}

test('fuzz: random simulate argument lists end in a run or one line and exit 2', async (t) => {
  const arg = fc.oneof(
    fc.tuple(fc.constant('--traders'), fc.oneof(smallCount, badCount)),
    fc.tuple(fc.constant('--weeks'), fc.oneof(fc.constant('1'), badCount)),
    fc.tuple(fc.constant('--seed'), fc.string({ maxLength: 6 })),
    fc.tuple(fc.constant('--scenario'), fc.constantFrom('personas', 'uniform', 'distinct', 'bogus', '')),
    fc.tuple(fc.constant('--set'), setArg),
    fc.tuple(fc.constant('--threads'), fc.constantFrom('1', '2', '0', '65', 'x')),
    fc.tuple(fc.constant('--checkpoint-every'), fc.constantFrom('0', '1', 'x', '-1', '521')),
    fc.tuple(fc.constant('--config'), fc.constantFrom(join(dir, 'absent.json'), dir)),
    fc.tuple(fc.constantFrom('--resume', '--extend'), fc.constantFrom(join(dir, 'absent'), dir)),
    fc.constantFrom(['--force'], ['--bogus'], ['extra'], ['--traders'], ['--set'], ['-x'], ['--out']),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(arg, { maxLength: 4 }), async (args) => {
      const out = fresh('run');
      const argv = ['simulate', '--out', out, '--traders', '12', '--weeks', '1', ...args.flat()];
      const r = await runMain(argv);
      assertOutcome(r, out, JSON.stringify(argv.slice(2)));
    }),
    { seed: SEED, numRuns: 30 },
  );
  report(t);
});

test('fuzz: random --set paths and values end in a run or one line and exit 2', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.array(setArg, { minLength: 1, maxLength: 3 }), async (sets) => {
      const out = fresh('set');
      const argv = ['simulate', '--out', out, ...sets.flatMap((s) => ['--set', s]), '--traders', '10', '--weeks', '1'];
      assertOutcome(await runMain(argv), out, JSON.stringify(sets));
    }),
    { seed: SEED + 1, numRuns: 40 },
  );
  report(t);
});

test('fuzz: random config overlays end in a run or one line and exit 2', async (t) => {
  await fc.assert(
    fc.asyncProperty(overlay, async (json) => {
      const file = `${fresh('config')}.json`;
      writeFileSync(file, JSON.stringify(json));
      const out = fresh('cfg');
      assertOutcome(
        await runMain(['simulate', '--out', out, '--config', file, '--traders', '10', '--weeks', '1']),
        out,
        JSON.stringify(json).slice(0, 300),
      );
    }),
    { seed: SEED + 2, numRuns: 30 },
  );
  report(t);
});

test('fuzz: random argument lists to every command never throw', async () => {
  const command = fc.constantFrom(
    'analyze',
    'validate',
    'recommend',
    'report',
    'compare',
    'sweep',
    'counterfactual',
    'sensitivity',
    'schema',
    'pipeline',
    'bogus',
    '',
  );
  const token = fc.oneof(
    fc.constantFrom(
      '--k-min',
      '--k-max',
      '--params',
      '--thresholds',
      '--param',
      '--values',
      '--range',
      '--without',
      '--seeds',
      '--baseline',
      '--full',
      '--strict',
      '--bogus',
      '-h',
    ),
    fc.constantFrom(dir, join(dir, 'absent'), '0', '-1', 'x', '1:2:3', 'stock', ''),
  );
  await fc.assert(
    fc.asyncProperty(command, fc.array(token, { maxLength: 4 }), async (cmd, args) => {
      // Runs are kept out: a command that would run a simulation is given a bad size first.
      const argv = [
        cmd,
        ...args,
        ...(['compare', 'sweep', 'counterfactual', 'sensitivity', 'pipeline'].includes(cmd) ? ['--traders', '0'] : []),
      ];
      const r = await runMain(argv);
      assert.equal(
        r.thrown,
        undefined,
        `${JSON.stringify(argv)}: main threw: ${r.thrown instanceof Error ? r.thrown.stack : String(r.thrown)}`,
      );
      assert.ok(r.code === 0 || r.code === 2, `${JSON.stringify(argv)}: exit code ${r.code}`);
      if (r.code === 2)
        assert.match(
          r.stderr,
          /^musika: [^\n]+\n$/,
          `${JSON.stringify(argv)}: one line, got ${JSON.stringify(r.stderr)}`,
        );
    }),
    { seed: SEED + 3, numRuns: 80 },
  );
});

/**
 * How much common random numbers narrow the interval of a difference. One sweep of the
 * bargain-hunter share (0.08, the default, and 0.3) over 2N seeds; then, for every metric, the
 * 95% interval of the mean difference (0.3 - 0.08):
 * - with common random numbers: both values on the same seeds 1..N, paired differences
 *   (the counterfactual's method);
 * - with independent seeds: 0.08 on seeds 1..N and 0.3 on seeds N+1..2N (Welch's interval).
 * It prints the half-widths and their ratio per metric, and saves them.
 *
 *   npm run bench:crn                           # N = 10 seeds per arm, 2,000 traders x 26 weeks
 *   npm run bench:crn -- --seeds 5 --traders 500 --weeks 8
 *   npm run bench:crn -- --param market.price.demandResponse --values 0.05,0
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { BenchCommand } from './lib/args.ts';
import { ROOT, gitInfo, machineInfo, saveResults } from './lib/common.ts';
import { meanInterval } from '../engine/experiments/stats.ts';

const USAGE = `Usage: npx tsx bench/crn.ts [--seeds N] [--traders N] [--weeks W] [--param PATH] [--values A,B]

  --seeds N      seeds per arm (default 10)
  --traders N    traders per run (default 2,000)
  --weeks W      weeks per run (default 26)
  --param PATH   the scenario parameter compared (default population.personas.bargain_hunter.share)
  --values A,B   its two values (default 0.08,0.3)
`;
const cli: BenchCommand = new BenchCommand('crn', USAGE);
const flags = cli.parse({
  seeds: { type: 'string' },
  traders: { type: 'string' },
  weeks: { type: 'string' },
  param: { type: 'string' },
  values: { type: 'string' },
});
const o = {
  traders: String(cli.positive(flags.traders, 'traders', 2000)),
  weeks: String(cli.positive(flags.weeks, 'weeks', 26)),
  param: flags.param ?? 'population.personas.bargain_hunter.share',
};
// Each arm's interval needs at least two seeds.
const n = cli.positive(flags.seeds, 'seeds', 10);
if (n < 2) cli.fail(`--seeds must be at least 2, got ${n}`);
const pair = (flags.values ?? '0.08,0.3').split(',');
if (pair.length !== 2 || pair.some((v) => v.trim() === '' || !Number.isFinite(Number(v))))
  cli.fail(`--values must be two numbers A,B, got ${JSON.stringify(flags.values)}`);
const [v0, v1] = pair;
const scratch = mkdtempSync(join(tmpdir(), 'musika-bench-crn-'));

function variance(xs: number[]): number {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
}

try {
  const out = join(scratch, 'sweep');
  const args = [
    'engine/bin.mjs',
    'sweep',
    '--param',
    o.param,
    '--values',
    `${v0},${v1}`,
    '--seeds',
    String(2 * n),
    '--seed',
    '1',
    '--traders',
    o.traders,
    '--weeks',
    o.weeks,
    '--out',
    out,
  ];
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) throw new Error('the sweep failed');
  const wall = (performance.now() - t0) / 1000;
  const [head, ...lines] = readFileSync(join(out, 'sweep.csv'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => l.split(','));
  const metrics = head.slice(4);
  const at = (value: string, seed: number, k: number): number => {
    const cell = lines.find((l) => l[0] === value && l[1] === String(seed))![4 + k];
    return cell === '' ? NaN : Number(cell);
  };
  // Metrics some run could not take (e.g. a persona with no traders) are left out.
  const complete = metrics.map((_, k) => lines.every((l) => l[4 + k] !== ''));
  const rows = metrics
    .flatMap((metric, k) => (complete[k] ? [metric] : []))
    .map((metric) => {
      const k = metrics.indexOf(metric);
      const paired = meanInterval(Array.from({ length: n }, (_, i) => at(v1, i + 1, k) - at(v0, i + 1, k)));
      const a = Array.from({ length: n }, (_, i) => at(v0, i + 1, k));
      const b = Array.from({ length: n }, (_, i) => at(v1, n + i + 1, k));
      const va = variance(a) / n;
      const vb = variance(b) / n;
      const df = (va + vb) ** 2 / (va ** 2 / (n - 1) + vb ** 2 / (n - 1));
      const independentHalf = tQuantile(0.975, df) * Math.sqrt(va + vb);
      const pairedHalf = (paired.high - paired.low) / 2;
      return {
        metric,
        difference: paired.mean,
        pairedHalfWidth: pairedHalf,
        independentHalfWidth: independentHalf,
        ratio: pairedHalf / independentHalf,
      };
    });
  console.log(
    `${o.param}: ${v0} -> ${v1}, ${n} seeds per arm, ${o.traders} traders x ${o.weeks} weeks (${wall.toFixed(1)} s)`,
  );
  console.log(
    `${'metric'.padEnd(40)} ${'difference'.padStart(12)} ${'CRN +-'.padStart(12)} ${'indep. +-'.padStart(12)} ${'ratio'.padStart(6)}`,
  );
  for (const x of rows)
    console.log(
      `${x.metric.padEnd(40)} ${x.difference.toPrecision(4).padStart(12)} ${x.pairedHalfWidth.toPrecision(3).padStart(12)} ${x.independentHalfWidth.toPrecision(3).padStart(12)} ${x.ratio.toFixed(2).padStart(6)}`,
    );
  const git = gitInfo();
  console.log(
    `saved ${saveResults('crn', git, { git, machine: machineInfo(), param: o.param, values: [v0, v1], seedsPerArm: n, traders: Number(o.traders), weeks: Number(o.weeks), wallSeconds: wall, rows })}`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

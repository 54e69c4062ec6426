/**
 * The sweep benchmark: a 20-run sweep (bargain-hunter share 0, 0.1, 0.2, 0.3, 0.4 x 4 seeds) of
 * 2,000 traders x 26 weeks, run by `musika sweep` in parallel (the default: one run per core, each
 * single-threaded) and the same runs one after another (`--parallel 1`), wall clock around the
 * command. Target: parallel wall <= 0.6x sequential. "Cores busy" is the children's CPU seconds
 * over the wall seconds (2.0 = both cores of a 2-core machine all the time).
 *
 *   npm run bench:sweep               # the benchmark (about 2 x 20 runs)
 *   npm run bench:sweep -- --quick    # a smoke test: 200 traders x 4 weeks
 *
 * The sequential and parallel sweeps must give byte-identical sweep.csv; the bench stops otherwise.
 * Results go to bench/results/sweep-<date>-<commit>.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchCommand } from './lib/args.ts';
import { CLK_TCK, ROOT, cpuTicks, gitInfo, machineInfo, otherCpuShare, saveResults } from './lib/common.ts';

const USAGE = `Usage: npx tsx bench/sweep.ts [--quick]

  --quick   a smoke test: 200 traders x 4 weeks instead of 2,000 x 26
`;
const quick = new BenchCommand('sweep', USAGE).parse({ quick: { type: 'boolean' } }).quick === true;
const size = quick ? ['--traders', '200', '--weeks', '4'] : ['--traders', '2000', '--weeks', '26'];
const sweep = [
  'sweep',
  '--param',
  'population.personas.bargain_hunter.share',
  '--values',
  '0,0.1,0.2,0.3,0.4',
  '--seeds',
  '4',
  '--seed',
  '42',
  ...size,
];
const scratch = mkdtempSync(join(tmpdir(), 'musika-bench-sweep-'));

interface Timing {
  mode: string;
  wallSeconds: number;
  cpuSeconds: number;
  coresBusy: number;
  othersCpuShare: number | null;
}

function timed(mode: string, extra: string[]): Timing & { csv: string } {
  const out = join(scratch, mode);
  const a = cpuTicks();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['engine/bin.mjs', ...sweep, ...extra, '--out', out], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const wall = (performance.now() - t0) / 1000;
  const b = cpuTicks();
  if (r.status !== 0) throw new Error(`sweep (${mode}) failed: ${r.stderr}`);
  const cpu = a && b ? (b.children - a.children) / CLK_TCK : NaN;
  return {
    mode,
    wallSeconds: wall,
    cpuSeconds: cpu,
    coresBusy: cpu / wall,
    othersCpuShare: otherCpuShare(a, b),
    csv: readFileSync(join(out, 'sweep.csv'), 'utf8'),
  };
}

try {
  // Warm-up: builds the CLI's and the workers' bundles, so neither timed sweep pays for it.
  spawnSync(
    process.execPath,
    [
      'engine/bin.mjs',
      'sweep',
      '--param',
      'market.price.demandResponse',
      '--values',
      '0',
      '--seeds',
      '1',
      '--traders',
      '100',
      '--weeks',
      '1',
      '--out',
      join(scratch, 'warm'),
    ],
    { cwd: ROOT },
  );
  const sequential = timed('sequential', ['--parallel', '1']);
  const parallel = timed('parallel', []);
  if (sequential.csv !== parallel.csv) throw new Error('sequential and parallel sweeps gave different sweep.csv');
  const ratio = parallel.wallSeconds / sequential.wallSeconds;
  const strip = ({ csv: _csv, ...t }: Timing & { csv: string }): Timing => t;
  const rows = [strip(sequential), strip(parallel)];
  for (const t of rows) {
    console.log(
      `${t.mode.padEnd(10)}  wall ${t.wallSeconds.toFixed(2)} s  cpu ${t.cpuSeconds.toFixed(2)} s  cores busy ${t.coresBusy.toFixed(2)}  others' CPU ${t.othersCpuShare === null ? 'n/a' : `${(100 * t.othersCpuShare).toFixed(0)}%`}`,
    );
  }
  console.log(`parallel / sequential wall: ${ratio.toFixed(2)} (target <= 0.6); sweep.csv identical`);
  const git = gitInfo();
  const path = saveResults(quick ? 'sweep-quick' : 'sweep', git, {
    git,
    machine: machineInfo(),
    args: sweep,
    runs: 20,
    timings: rows,
    ratio,
  });
  console.log(`saved ${path}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

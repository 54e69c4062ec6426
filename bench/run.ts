/**
 * The macro benchmark matrix (`npm run bench`): the CLI run end to end, as a user runs it, for
 * each case at 1 and 2 threads; medians of several runs, a markdown table for the README, and every
 * run saved to bench/results/macro-<date>-<sha>.json for comparing commits (bench/compare.ts).
 *
 *   npx tsx bench/run.ts                       the full matrix (5 runs a case, 3 for 1M)
 *   npx tsx bench/run.ts --quick               smoke test: 10k and 100k x 4 weeks, 1 run each
 *   npx tsx bench/run.ts --cases 100k-26w,1m-4w --runs 3
 *   npx tsx bench/run.ts --cases 100k-26w --launcher npx   start the CLI through npx tsx instead
 *   npx tsx bench/run.ts --cases 100k-26w --threads 2 --format both   CSV and Parquet back to back
 */
import { BenchCommand } from './lib/args.ts';
import { gib, gitInfo, int, machineInfo, markdownTable, num, saveResults } from './lib/common.ts';
import {
  diskShortfall,
  expectedBytes,
  LAUNCHERS,
  parseLauncher,
  runOnce,
  scratchDir,
  SEED,
  summarise,
  warmUp,
  type Launcher,
  type RunRecord,
  type SummaryRow,
} from './lib/macro.ts';

interface CaseSpec {
  name: string;
  traders: number;
  weeks: number;
  /** Runs per thread count when --runs is not given: the 1M case takes minutes, so fewer. */
  runs: number;
  /** Not in the default matrix; run with --cases (the threshold where a second thread pays off). */
  optional?: boolean;
}

const CASES: CaseSpec[] = [
  { name: '10k-4w', traders: 10_000, weeks: 4, runs: 5 },
  { name: '10k-26w', traders: 10_000, weeks: 26, runs: 5 },
  { name: '100k-4w', traders: 100_000, weeks: 4, runs: 5 },
  { name: '100k-26w', traders: 100_000, weeks: 26, runs: 5 },
  { name: '1m-4w', traders: 1_000_000, weeks: 4, runs: 3 },
  // engine/run-defaults.ts THREADS_PAY_FROM_TRADER_WEEKS: the default turns to 2 threads at 400,000
  // trader-weeks; these sit just below and above it.
  { name: '15k-26w', traders: 15_000, weeks: 26, runs: 5, optional: true },
  { name: '30k-26w', traders: 30_000, weeks: 26, runs: 5, optional: true },
];
const QUICK = ['10k-4w', '100k-4w'];
const THREADS = [1, 2];
type Format = 'csv' | 'parquet';
/** A case runs only with this many times its expected output free: room for the run plus the page cache's and other tenants' slack. */
const DISK_MARGIN = 3;

const USAGE = `Usage: npx tsx bench/run.ts [--quick] [--cases A,B] [--runs N]

  --quick        1 run of each of ${QUICK.join(', ')} (a smoke test)
  --cases LIST   comma-separated, from: ${CASES.map((c) => c.name).join(', ')}
                 (default: all but ${CASES.filter((c) => c.optional)
                   .map((c) => c.name)
                   .join(', ')})
  --runs N       runs per case and thread count (default 5, 3 for 1m-4w; 1 with --quick)
  --launcher L   node: start the CLI as \`node engine/bin.mjs\` (the musika program; default)
                 npx:  as \`npx tsx engine/cli.ts\` (adds npm's and tsx's launcher processes)
  --threads LIST thread counts to run, from 1,2 (default both)
  --format F     csv (default), parquet, or both: each run of a case is made in both formats back
                 to back (the order flipped each round), and the Parquet/CSV ratios are printed
`;

function options(): {
  cases: CaseSpec[];
  runs: (c: CaseSpec) => number;
  quick: boolean;
  launcher: Launcher;
  threads: number[];
  formats: Format[];
} {
  const values = cli.parse({
    quick: { type: 'boolean' },
    cases: { type: 'string' },
    runs: { type: 'string' },
    launcher: { type: 'string' },
    threads: { type: 'string' },
    format: { type: 'string' },
  });
  const quick = values.quick === true;
  const names =
    values.cases !== undefined
      ? values.cases
          .split(',')
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean)
      : quick
        ? QUICK
        : CASES.filter((c) => !c.optional).map((c) => c.name);
  const cases = names.map((n) => {
    const c = CASES.find((x) => x.name === n);
    if (!c) fail(`unknown case ${JSON.stringify(n)}; cases: ${CASES.map((x) => x.name).join(', ')}`);
    return c;
  });
  const runs = values.runs === undefined ? undefined : cli.positive(values.runs, 'runs', 1);
  let launcher: Launcher = 'node';
  try {
    launcher = parseLauncher(values.launcher);
  } catch (e) {
    fail((e as Error).message);
  }
  const threads = values.threads === undefined ? THREADS : values.threads.split(',').map(Number);
  if (threads.some((t) => !THREADS.includes(t)))
    fail(`--threads must list thread counts from ${THREADS.join(',')}, got ${JSON.stringify(values.threads)}`);
  const f = values.format ?? 'csv';
  if (!['csv', 'parquet', 'both'].includes(f)) fail(`--format must be csv, parquet or both, got ${JSON.stringify(f)}`);
  const formats: Format[] = f === 'both' ? ['csv', 'parquet'] : [f as Format];
  return { cases, runs: (c) => runs ?? (quick ? 1 : c.runs), quick, launcher, threads, formats };
}

const cli: BenchCommand = new BenchCommand('run', USAGE);
function fail(message: string): never {
  return cli.fail(message);
}

export function formatTable(rows: SummaryRow[], ratios: Record<string, number>): string {
  const head = [
    'case',
    'threads',
    'format',
    'runs',
    'wall s',
    'txn/s (wall)',
    'trader-h/s (stepping)',
    'set-up s',
    'step s',
    'encode s',
    'write+hash s',
    'start-up+exit s',
    'peak RSS MB',
    'wall 2T/1T',
    "others' CPU",
  ];
  const body = rows.map((r) => [
    r.case,
    String(r.threads),
    r.format,
    String(r.runs),
    num(r.wallSeconds),
    int(r.txnPerSecond),
    int(r.traderHoursPerSecond),
    num(r.setupSeconds),
    num(r.shardStepSeconds),
    num(r.encodeSeconds),
    num(r.writeSeconds),
    num(r.overheadSeconds),
    int(r.peakRssMB),
    r.threads === 2 && ratios[`${r.case}/${r.format}`] !== undefined ? ratios[`${r.case}/${r.format}`].toFixed(2) : '',
    r.otherCpuShare === null ? 'n/a' : `${Math.round(r.otherCpuShare * 100)}%`,
  ]);
  return markdownTable(
    head,
    body,
    head.map((_, i) => i > 0),
  );
}

async function main(): Promise<void> {
  const opts = options();
  const git = gitInfo();
  const machine = machineInfo();
  const scratch = scratchDir();
  const startedAt = new Date().toISOString();
  process.stdout.write(
    `musika bench: ${machine.cpuModel} x ${machine.cpus}, ${gib(machine.totalMemBytes)} RAM, node ${machine.node}, commit ${git.sha}${git.dirty ? ' (with uncommitted changes)' : ''}\n` +
      `CLI started as \`${LAUNCHERS[opts.launcher].shown} simulate ...\`; output under ${scratch}, deleted after each run\n`,
  );

  const skipped: Record<string, string> = {};
  for (const c of opts.cases) {
    const why = diskShortfall(scratch, c.traders, c.weeks, DISK_MARGIN);
    if (why) {
      skipped[c.name] = why;
      process.stdout.write(`SKIP ${c.name}: not enough disk: ${why}\n`);
    }
  }
  const cases = opts.cases.filter((c) => !skipped[c.name]);

  if (cases.length > 0) warmUp(scratch, opts.launcher);

  // Run-major order: run r of every case before run r + 1 of any, and the thread order flipped
  // each round, so a burst of load from elsewhere lands on one run of several cases rather than
  // on every run of one case, and neither thread count always goes first.
  const records: RunRecord[] = [];
  const maxRuns = Math.max(0, ...cases.map(opts.runs));
  const THREADS = opts.threads;
  const total = cases.reduce((n, c) => n + opts.runs(c) * THREADS.length * opts.formats.length, 0);
  for (let r = 1; r <= maxRuns; r++) {
    for (const c of cases) {
      if (r > opts.runs(c) || skipped[c.name]) continue;
      for (const threads of r % 2 === 1 ? THREADS : [...THREADS].reverse()) {
        // Checked again before every run: other tenants may have filled the disk since.
        const why = diskShortfall(scratch, c.traders, c.weeks, DISK_MARGIN);
        if (why) {
          skipped[c.name] = why;
          process.stdout.write(`SKIP ${c.name} from run ${r} on: not enough disk: ${why}\n`);
          break;
        }
        // Formats back to back, the order flipped each round (A B, B A, ...), so load from elsewhere hits both alike.
        for (const format of r % 2 === 1 ? opts.formats : [...opts.formats].reverse()) {
          const rec = runOnce(scratch, c.name, c.traders, c.weeks, threads, r, opts.launcher, format);
          records.push(rec);
          process.stdout.write(
            `[${records.length}/${total}] ${c.name} threads ${threads} ${format} run ${r}: wall ${num(rec.wallSeconds)} s, ` +
              `${int(rec.transactions)} txn, ${int(rec.txnPerSecond)} txn/s, ${int(rec.bytesWritten)} bytes, peak RSS ${rec.peakRssMB} MB` +
              `${rec.otherCpuShare === null ? '' : `, others' CPU ${Math.round(rec.otherCpuShare * 100)}%`}\n`,
          );
        }
      }
    }
  }

  const summary: SummaryRow[] = [];
  const ratios: Record<string, number> = {};
  /** Per case and thread count with both formats: Parquet's txn/s over CSV's, and CSV's bytes over Parquet's. */
  const formatRatios: Record<string, { txnPerSecond: number; sizeCsvOverParquet: number }> = {};
  for (const c of opts.cases) {
    for (const format of opts.formats) {
      const byThreads = new Map<number, SummaryRow>();
      for (const t of THREADS) {
        const rs = records.filter((x) => x.case === c.name && x.threads === t && x.format === format);
        if (rs.length === 0) continue;
        const row = summarise(rs);
        summary.push(row);
        byThreads.set(t, row);
      }
      const one = byThreads.get(1);
      const two = byThreads.get(2);
      if (one && two) ratios[`${c.name}/${format}`] = two.wallSeconds / one.wallSeconds;
    }
    for (const t of THREADS) {
      const a = summary.find((x) => x.case === c.name && x.threads === t && x.format === 'csv');
      const b = summary.find((x) => x.case === c.name && x.threads === t && x.format === 'parquet');
      if (a && b)
        formatRatios[`${c.name}/${t}`] = {
          txnPerSecond: b.txnPerSecond / a.txnPerSecond,
          sizeCsvOverParquet: a.bytesWritten / b.bytesWritten,
        };
    }
  }
  const table = formatTable(summary, ratios);
  process.stdout.write(
    `\nMedians per metric (seed ${SEED}; ${machine.cpuModel} x ${machine.cpus}, node ${machine.node}, commit ${git.sha}${git.dirty ? '+dirty' : ''}):\n\n${table}\n`,
  );
  for (const [key, r] of Object.entries(formatRatios)) {
    process.stdout.write(
      `\n${key.replace('/', ', threads ')}: Parquet/CSV transactions/s ${r.txnPerSecond.toFixed(3)} (target >= 0.9), CSV/Parquet bytes ${r.sizeCsvOverParquet.toFixed(1)}x (target >= 8)`,
    );
  }
  if (Object.keys(formatRatios).length) process.stdout.write('\n');
  for (const [name, why] of Object.entries(skipped)) process.stdout.write(`\n${name} skipped: ${why}\n`);

  const path = saveResults('macro', git, {
    kind: 'macro',
    startedAt,
    finishedAt: new Date().toISOString(),
    git,
    machine,
    options: {
      quick: opts.quick,
      seed: SEED,
      launcher: LAUNCHERS[opts.launcher].shown,
      threads: opts.threads,
      formats: opts.formats,
      cases: opts.cases.map((c) => ({ ...c, runs: opts.runs(c), expectedBytes: expectedBytes(c.traders, c.weeks) })),
    },
    skipped,
    summary,
    wallRatio2to1: ratios,
    formatRatios,
    runs: records,
  });
  process.stdout.write(`\nsaved ${path}\n`);
}

await main();

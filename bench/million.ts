/**
 * The big case: 1M traders x 52 weeks at 2 threads, the CLI run end to end as in bench/run.ts,
 * against the target of under 3 minutes wall and under 2 GB peak RSS. Saves
 * bench/results/million-<date>-<sha>.json.
 *
 *   npx tsx bench/million.ts                 one run
 *   npx tsx bench/million.ts --runs 3        medians of three
 *   npx tsx bench/million.ts --traders 100000 --weeks 4   a smaller run through the same path (a smoke test; not the target case)
 *
 * The run writes ~30 GB of CSV (deleted as soon as the manifest is read). Without the room the
 * benchmark says so and exits 0: a full disk is the machine's limit, not a failure of the code.
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
} from './lib/macro.ts';

const TARGET = { wallSeconds: 180, peakRssMB: 2048 };
/**
 * The output is written once and renamed in place (engine/atomic-file.ts), so it needs its own
 * size; the margin covers the estimate's error (BYTES_PER_TRADER_WEEK) and other tenants' writes.
 */
const DISK_MARGIN = 1.5;

const USAGE = `Usage: npx tsx bench/million.ts [--runs N] [--threads T] [--traders N --weeks W]

  --runs N       runs (default 1); the table shows medians
  --threads T    threads (default 2)
  --traders N    traders (default 1,000,000); other sizes are for smoke tests
  --weeks W      weeks (default 52)
  --launcher L   node (default): \`node engine/bin.mjs\`; npx: \`npx tsx engine/cli.ts\`
`;

const cli: BenchCommand = new BenchCommand('million', USAGE);

async function main(): Promise<void> {
  const values = cli.parse({
    runs: { type: 'string' },
    threads: { type: 'string' },
    traders: { type: 'string' },
    weeks: { type: 'string' },
    launcher: { type: 'string' },
  });
  const runs = cli.positive(values.runs, 'runs', 1);
  const threads = cli.positive(values.threads, 'threads', 2);
  const traders = cli.positive(values.traders, 'traders', 1_000_000);
  const weeks = cli.positive(values.weeks, 'weeks', 52);
  let launcher: Launcher;
  try {
    launcher = parseLauncher(values.launcher);
  } catch (e) {
    cli.fail((e as Error).message);
  }
  const isTarget = traders === 1_000_000 && weeks === 52;
  const name = isTarget ? '1m-52w' : `${traders}-${weeks}w`;

  const git = gitInfo();
  const machine = machineInfo();
  const scratch = scratchDir();
  process.stdout.write(
    `musika bench (million): ${name}, ${threads} threads, ${runs} run${runs === 1 ? '' : 's'}; ` +
      `${machine.cpuModel} x ${machine.cpus}, ${gib(machine.totalMemBytes)} RAM, node ${machine.node}, commit ${git.sha}${git.dirty ? ' (with uncommitted changes)' : ''}\n` +
      `CLI started as \`${LAUNCHERS[launcher].shown} simulate ...\`; expected output ~${gib(expectedBytes(traders, weeks))} under ${scratch}, deleted after each run\n`,
  );
  const short = diskShortfall(scratch, traders, weeks, DISK_MARGIN);
  if (short) {
    process.stdout.write(`NOT RUN: not enough disk: ${short}\n`);
    return;
  }
  const startedAt = new Date().toISOString();
  warmUp(scratch, launcher);

  const records: RunRecord[] = [];
  for (let r = 1; r <= runs; r++) {
    const why = diskShortfall(scratch, traders, weeks, DISK_MARGIN);
    if (why) {
      process.stdout.write(`stopping before run ${r}: not enough disk: ${why}\n`);
      break;
    }
    const rec = runOnce(scratch, name, traders, weeks, threads, r, launcher);
    records.push(rec);
    process.stdout.write(
      `run ${r}/${runs}: wall ${num(rec.wallSeconds)} s, ${int(rec.transactions)} txn, ${int(rec.txnPerSecond)} txn/s, ` +
        `peak RSS ${rec.peakRssMB} MB, ${gib(rec.bytesWritten)} written` +
        `${rec.otherCpuShare === null ? '' : `, others' CPU ${Math.round(rec.otherCpuShare * 100)}%`}\n`,
    );
  }
  if (records.length === 0) return;

  const s = summarise(records);
  const verdict = {
    wall: s.wallSeconds < TARGET.wallSeconds,
    rss: s.peakRssMB < TARGET.peakRssMB,
  };
  const head = [
    'case',
    'threads',
    'runs',
    'wall s',
    'txn/s (wall)',
    'trader-h/s (stepping)',
    'set-up s',
    'step s',
    'encode s',
    'write+hash s',
    'peak RSS MB',
    "others' CPU",
  ];
  const table = markdownTable(head, [
    [
      s.case,
      String(s.threads),
      String(s.runs),
      num(s.wallSeconds),
      int(s.txnPerSecond),
      int(s.traderHoursPerSecond),
      num(s.setupSeconds),
      num(s.shardStepSeconds),
      num(s.encodeSeconds),
      num(s.writeSeconds),
      int(s.peakRssMB),
      s.otherCpuShare === null ? 'n/a' : `${Math.round(s.otherCpuShare * 100)}%`,
    ],
  ]);
  process.stdout.write(`\n${table}\n\n`);
  const target = isTarget ? 'target' : 'target (set for 1M x 52 weeks; this is a smaller run)';
  process.stdout.write(
    `${target}: wall < ${TARGET.wallSeconds} s: ${verdict.wall ? 'MET' : 'MISSED'} (${num(s.wallSeconds)} s); ` +
      `peak RSS < ${TARGET.peakRssMB} MB: ${verdict.rss ? 'MET' : 'MISSED'} (${int(s.peakRssMB)} MB)\n`,
  );

  const path = saveResults('million', git, {
    kind: 'million',
    startedAt,
    finishedAt: new Date().toISOString(),
    git,
    machine,
    options: {
      seed: SEED,
      launcher: LAUNCHERS[launcher].shown,
      traders,
      weeks,
      threads,
      runs,
      expectedBytes: expectedBytes(traders, weeks),
      isTarget,
    },
    target: { ...TARGET, met: verdict },
    summary: [s],
    runs: records,
  });
  process.stdout.write(`saved ${path}\n`);
}

await main();

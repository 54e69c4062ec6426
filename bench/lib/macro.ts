/**
 * The macro tier's measurement: one `musika simulate` run exactly as a user starts it, in a child
 * process timed by the wall clock around it, so process start-up, tsx's TypeScript loading,
 * worker start-up and process exit are all in the number. Two launchers (LAUNCHERS): the package's
 * `musika` program, `node engine/bin.mjs`, and `npx tsx engine/cli.ts`, which adds npm's and tsx's
 * launcher processes. The manifest the run writes gives the in-process split.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Manifest } from '../../engine/index.ts';
import { CLK_TCK, ROOT, cpuTicks, freeBytes, gib, median, otherCpuShare, type CpuTicks } from './common.ts';

/**
 * Bytes a run writes per trader-week, all files: measured 494 at 4 weeks (10k traders) and 575
 * at 26 weeks (100k), personas preset; it grows with the horizon as new traders ramp up, so 650
 * leaves room for 52 weeks. Only used to decide whether a case fits on the disk.
 */
export const BYTES_PER_TRADER_WEEK = 650;

export function expectedBytes(traders: number, weeks: number): number {
  return traders * weeks * BYTES_PER_TRADER_WEEK;
}

export const SEED = '42';

/** How the CLI is started: the command and the arguments before `simulate`. */
export const LAUNCHERS = {
  node: { command: 'node', args: ['engine/bin.mjs'], shown: 'node engine/bin.mjs' },
  npx: { command: 'npx', args: ['tsx', 'engine/cli.ts'], shown: 'npx tsx engine/cli.ts' },
} as const;
export type Launcher = keyof typeof LAUNCHERS;

export function parseLauncher(v: string | undefined): Launcher {
  if (v === undefined) return 'node';
  if (v === 'node' || v === 'npx') return v;
  throw new Error(`--launcher must be node or npx, got ${JSON.stringify(v)}`);
}

/** One timed run: the wall clock, the manifest's counts and timings, and what follows from them. */
export interface RunRecord {
  case: string;
  traders: number;
  weeks: number;
  threads: number;
  /** 1-based index of the run within its (case, threads). */
  run: number;
  launcher: Launcher;
  /** simulate --format. */
  format: 'csv' | 'parquet';
  wallSeconds: number;
  transactions: number;
  /** All files of the run directory, from the manifest. */
  bytesWritten: number;
  days: number;
  tradingHoursPerDay: number;
  /** manifest run.seconds: set-up (allocation, spawning, traders.csv), stepping (the day loop), total. */
  setupSeconds: number;
  steppingSeconds: number;
  totalSeconds: number;
  /** manifest run.shardSeconds: the busiest shard's time stepping traders and encoding rows. */
  shardStepSeconds: number;
  shardEncodeSeconds: number;
  /** manifest run.seconds.writing: main's time appending and hashing transactions.csv, overlapping the stepping. */
  writeSeconds: number;
  peakRssMB: number;
  /** CPU seconds (user + system) of the child and all its descendants; null off Linux. */
  cpuSeconds: number | null;
  /**
   * The share of the machine's CPU capacity that other processes used during the run (busy time
   * from /proc/stat, less the child's, over all cores' time; steal time counts as others'): how
   * contended the run was. null off Linux.
   */
  otherCpuShare: number | null;
  /** The 1-minute load average as the run started (`uptime`): how many runnable threads shared the cores. */
  loadAverage: number;
  /** transactions / wall: what a user waiting for the files gets. */
  txnPerSecond: number;
  /** traders x days x trading hours / stepping seconds: the simulation's own speed. */
  traderHoursPerSecond: number;
  /** wall - total: process start-up (the launcher, tsx, module loading) and exit, outside the manifest's clock. */
  overheadSeconds: number;
  finishedAt: string;
}

/** The medians of a (case, threads): each metric's own median, so a row need not be one run. */
export interface SummaryRow {
  case: string;
  traders: number;
  weeks: number;
  threads: number;
  format: 'csv' | 'parquet';
  runs: number;
  transactions: number;
  /** Median bytes of the run directory's files (the manifest's sizes). */
  bytesWritten: number;
  wallSeconds: number;
  txnPerSecond: number;
  traderHoursPerSecond: number;
  setupSeconds: number;
  shardStepSeconds: number;
  encodeSeconds: number;
  writeSeconds: number;
  overheadSeconds: number;
  peakRssMB: number;
  /** Median share of the CPU other processes took during the runs (0-1); null off Linux. */
  otherCpuShare: number | null;
}

export function summarise(records: RunRecord[]): SummaryRow {
  const r0 = records[0];
  const m = (f: (r: RunRecord) => number): number => median(records.map(f));
  return {
    case: r0.case,
    traders: r0.traders,
    weeks: r0.weeks,
    threads: r0.threads,
    format: r0.format ?? 'csv',
    runs: records.length,
    transactions: m((r) => r.transactions),
    bytesWritten: m((r) => r.bytesWritten),
    wallSeconds: m((r) => r.wallSeconds),
    txnPerSecond: m((r) => r.txnPerSecond),
    traderHoursPerSecond: m((r) => r.traderHoursPerSecond),
    setupSeconds: m((r) => r.setupSeconds),
    shardStepSeconds: m((r) => r.shardStepSeconds),
    encodeSeconds: m((r) => r.shardEncodeSeconds),
    writeSeconds: m((r) => r.writeSeconds),
    overheadSeconds: m((r) => r.overheadSeconds),
    peakRssMB: m((r) => r.peakRssMB),
    otherCpuShare: records.every((r) => r.otherCpuShare !== null) ? m((r) => r.otherCpuShare as number) : null,
  };
}

/**
 * A scratch directory under os.tmpdir() for the runs' output, removed on exit and on Ctrl-C
 * (a 100k x 26-week run leaves gigabytes behind otherwise).
 */
export function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'musika-bench-'));
  const cleanup = (): void => rmSync(dir, { recursive: true, force: true });
  process.on('exit', cleanup);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      cleanup();
      process.exit(128 + (sig === 'SIGINT' ? 2 : 15));
    });
  }
  return dir;
}

/** Why a run of this size should not start, or undefined when the disk has `margin` times its expected output. */
export function diskShortfall(dir: string, traders: number, weeks: number, margin: number): string | undefined {
  const need = expectedBytes(traders, weeks) * margin;
  const free = freeBytes(dir);
  if (free >= need) return undefined;
  return `needs ${margin} x ~${gib(expectedBytes(traders, weeks))} = ${gib(need)} free in ${dir}, has ${gib(free)}`;
}

/**
 * Runs the CLI once into a fresh directory under `scratch`, reads the manifest, deletes the
 * directory and returns the record. Throws with the child's stderr if the run fails.
 */
export function runOnce(
  scratch: string,
  name: string,
  traders: number,
  weeks: number,
  threads: number,
  run: number,
  launcher: Launcher = 'node',
  format: 'csv' | 'parquet' = 'csv',
): RunRecord {
  const out = join(scratch, `${name}-t${threads}-r${run}-${format}`);
  mkdirSync(scratch, { recursive: true });
  // stderr goes to a file, not a pipe: nothing can fill a pipe buffer and stall the child, and
  // the text is there to show if the run fails.
  const errPath = `${out}.stderr`;
  const errFd = openSync(errPath, 'w');
  const how = LAUNCHERS[launcher];
  const args = [
    ...how.args,
    'simulate',
    '--traders',
    String(traders),
    '--weeks',
    String(weeks),
    '--seed',
    SEED,
    '--out',
    out,
    '--threads',
    String(threads),
    '--format',
    format,
  ];
  let status: number | null;
  let signal: NodeJS.Signals | null;
  let error: Error | undefined;
  let t0: number;
  let t1: number;
  let c0: CpuTicks | undefined;
  let c1: CpuTicks | undefined;
  const load = loadavg()[0];
  try {
    c0 = cpuTicks();
    t0 = performance.now();
    ({ status, signal, error } = spawnSync(how.command, args, { cwd: ROOT, stdio: ['ignore', 'ignore', errFd] }));
    t1 = performance.now();
    c1 = cpuTicks();
  } finally {
    closeSync(errFd);
  }
  try {
    if (error || status !== 0) {
      const stderr = readFileSync(errPath, 'utf8').trim();
      throw new Error(
        `${how.command} ${args.join(' ')} failed (${error?.message ?? (signal ? `signal ${signal}` : `exit ${status}`)})${stderr ? `:\n${stderr}` : ''}`,
      );
    }
    const m = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    const wall = (t1 - t0) / 1000;
    const hours = m.scenario.calendar.closeHour - m.scenario.calendar.openHour;
    const { seconds, shardSeconds } = m.run;
    // A launcher waits for the node that simulates: the whole tree is in cutime.
    const childTicks = c0 && c1 ? c1.children - c0.children : undefined;
    return {
      case: name,
      traders,
      weeks,
      threads: m.run.threads,
      run,
      launcher,
      format,
      wallSeconds: wall,
      transactions: m.counts.transactions,
      bytesWritten: Object.values(m.files).reduce((n, f) => n + f.bytes, 0),
      days: m.days,
      tradingHoursPerDay: hours,
      setupSeconds: seconds.setup,
      steppingSeconds: seconds.stepping,
      totalSeconds: seconds.total,
      shardStepSeconds: shardSeconds.step,
      shardEncodeSeconds: shardSeconds.encode,
      writeSeconds: seconds.writing,
      peakRssMB: m.run.peakRssMB,
      cpuSeconds: childTicks !== undefined ? childTicks / CLK_TCK : null,
      otherCpuShare: otherCpuShare(c0, c1),
      loadAverage: load,
      txnPerSecond: m.counts.transactions / wall,
      traderHoursPerSecond: (m.counts.traders * m.days * hours) / seconds.stepping,
      overheadSeconds: wall - seconds.total,
      finishedAt: m.run.finishedAt,
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(errPath, { force: true });
  }
}

/**
 * One small untimed run: the first start of tsx transforms and caches every TypeScript file, and
 * the first read of node_modules warms the page cache; neither is what a user pays every time.
 */
export function warmUp(scratch: string, launcher: Launcher): void {
  // Both thread counts: workers load a bundle (built on first use) that the inline path does not.
  runOnce(scratch, 'warmup', 1000, 1, 1, 0, launcher);
  runOnce(scratch, 'warmup', 1000, 1, 2, 0, launcher);
}

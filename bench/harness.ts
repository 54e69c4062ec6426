/**
 * Timing harness shared by the bench scripts: runs a function several times, records wall and
 * CPU time and how busy the rest of the machine was, and writes the result as JSON beside the
 * machine's description.
 *
 * The development machines are shared 2-core VMs: another process running at the same time can
 * double a wall-clock figure. So before each run the harness waits (up to a minute) for the
 * CPUs to be nearly idle, records the share of CPU that other processes took during the run
 * (from /proc/stat, Linux only), and repeats a run in which they took over 15%, keeping the
 * contended run apart so that it is reported but not in the median.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, platform, release } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/** One timed run. */
export interface RunSample {
  wallMs: number;
  /** CPU time of this process (all its threads) during the run. */
  cpuMs: number;
  /** Share of the machine's CPU time used by other processes during the run; null off Linux. */
  otherCpuShare: number | null;
}

/** Where the bench ran. */
export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  os: string;
  loadavg: number[];
}

/**
 * The machine's description for the result file.
 *
 * @returns CPU model, core count, Node version, OS and load averages
 */
export function machine(): Machine {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    os: `${platform()} ${release()}`,
    loadavg: loadavg().map((v) => Math.round(v * 100) / 100),
  };
}

/** Runs in which other processes took more than this share of the CPU are repeated. */
export const MAX_OTHER_SHARE = 0.15;

/**
 * Runs `fn` until `runs` runs were clean (other processes took at most MAX_OTHER_SHARE of the
 * CPU), or 3 x runs attempts were made; contended runs are kept apart, not thrown away, so
 * the report can show them.
 *
 * @param fn - the work; awaited when it returns a promise
 * @param runs - number of clean runs wanted
 * @param label - printed before each run
 * @returns the clean samples, and the contended ones
 */
export async function measure(
  fn: () => unknown,
  runs: number,
  label: string,
): Promise<{ samples: RunSample[]; contended: RunSample[] }> {
  const samples: RunSample[] = [];
  const contended: RunSample[] = [];
  for (let attempt = 1; samples.length < runs && attempt <= 3 * runs; attempt++) {
    const waited = await waitForQuiet(60_000);
    const before = cpuTicks();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const after = cpuTicks();
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const s: RunSample = { wallMs, cpuMs, otherCpuShare: otherShare(before, after, cpuMs, wallMs) };
    const clean = s.otherCpuShare === null || s.otherCpuShare <= MAX_OTHER_SHARE;
    (clean ? samples : contended).push(s);
    console.log(
      `  ${label} attempt ${attempt}: ${fmt(wallMs)} ms wall, ${fmt(cpuMs)} ms CPU` +
        (s.otherCpuShare === null ? '' : `, other processes ${pct(s.otherCpuShare)} of CPU`) +
        (waited > 0 ? ` (waited ${fmt(waited)} ms for a quiet machine)` : '') +
        (clean ? '' : ' -> contended, repeated'),
    );
  }
  if (samples.length < runs) {
    console.log(
      `  ${label}: only ${samples.length} clean runs; the median below uses them all with the contended ones`,
    );
    samples.push(...contended.splice(0));
  }
  return { samples, contended };
}

/** One competing implementation in an A/B bench. */
export interface Variant {
  name: string;
  threads: number;
  note: string;
  run: () => unknown;
}

/** A variant's measured result: medians of its clean runs, every sample kept for the JSON. */
export interface VariantResult {
  name: string;
  threads: number;
  note: string;
  medianMs: number;
  medianCpuMs: number;
  samples: RunSample[];
  contended: RunSample[];
}

/** Measures each variant in turn with {@link measure} and summarises it by medians. */
export async function measureVariants(variants: Variant[], runs: number): Promise<VariantResult[]> {
  const rows: VariantResult[] = [];
  for (const v of variants) {
    const { samples, contended } = await measure(v.run, runs, v.name);
    rows.push({
      name: v.name,
      threads: v.threads,
      note: v.note,
      medianMs: median(samples.map((x) => x.wallMs)),
      medianCpuMs: median(samples.map((x) => x.cpuMs)),
      samples,
      contended,
    });
  }
  return rows;
}

/**
 * Median of a list of numbers.
 *
 * @param values - at least one number
 * @returns the middle value (mean of the two middle ones for an even count)
 */
export function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 === 1 ? v[m] : (v[m - 1] + v[m]) / 2;
}

/**
 * Writes a result object to bench/results/<name>.json.
 *
 * @param name - file stem
 * @param result - JSON-serialisable result
 * @returns the path written
 */
export function writeResult(name: string, result: unknown): string {
  const dir = new URL('./results/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(`${name}.json`, dir);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file.pathname;
}

/** Formats a number of milliseconds with no decimals. */
export function fmt(ms: number): string {
  return ms.toFixed(0);
}

/** Formats a share as a percentage. */
export function pct(share: number): string {
  return `${(share * 100).toFixed(0)}%`;
}

/**
 * Waits until the CPUs are at least 90% idle over 1 s, or `maxMs` has passed.
 * Returns at once where /proc/stat does not exist.
 *
 * @param maxMs - longest wait
 * @returns milliseconds waited
 */
export async function waitForQuiet(maxMs: number): Promise<number> {
  const t0 = performance.now();
  while (performance.now() - t0 < maxMs) {
    const a = cpuTicks();
    if (a === null) return 0;
    await sleep(1000);
    const b = cpuTicks();
    if (b === null) return 0;
    if ((b.idle - a.idle) / (b.total - a.total || 1) >= 0.9) break;
  }
  return Math.max(0, performance.now() - t0 - 1000);
}

interface Ticks {
  idle: number;
  total: number;
}

/** Aggregate CPU ticks from /proc/stat; null where it does not exist. */
function cpuTicks(): Ticks | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0];
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal
    const total = f.slice(0, 8).reduce((s, v) => s + v, 0);
    return { idle: f[3] + f[4], total };
  } catch {
    return null;
  }
}

/** Other processes' share: machine busy time less this process's CPU time, over capacity. */
function otherShare(a: Ticks | null, b: Ticks | null, ownCpuMs: number, wallMs: number): number | null {
  if (a === null || b === null || b.total === a.total) return null;
  const tickMs = (wallMs * cpus().length) / (b.total - a.total);
  const busyMs = (b.total - a.total - (b.idle - a.idle)) * tickMs;
  const capacityMs = wallMs * cpus().length;
  return Math.min(1, Math.max(0, (busyMs - ownCpuMs) / capacityMs));
}

/**
 * What every benchmark tier shares: the machine and commit a result belongs to, medians, and the
 * result files under bench/results/, named so that two commits' files sort and compare side by side.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statfsSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root: benchmarks run the CLI and read package files relative to it, wherever they are started from. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS_DIR = join(ROOT, 'bench', 'results');

export interface MachineInfo {
  cpuModel: string;
  cpus: number;
  totalMemBytes: number;
  node: string;
  platform: string;
  release: string;
}

/** Enough to tell whether two result files came from comparable machines. */
export function machineInfo(): MachineInfo {
  const c = cpus();
  return {
    cpuModel: c[0]?.model.trim() ?? 'unknown',
    cpus: c.length,
    totalMemBytes: totalmem(),
    node: process.version,
    platform: platform(),
    release: release(),
  };
}

export interface GitInfo {
  sha: string;
  /** Tracked files differ from the commit: the numbers may not be the commit's. */
  dirty: boolean;
}

export function gitInfo(): GitInfo {
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    // Untracked files (new benches, scratch) do not change what the engine runs; tracked edits may.
    return {
      sha: git('rev-parse', '--short', 'HEAD'),
      dirty: git('status', '--porcelain', '--untracked-files=no') !== '',
    };
  } catch {
    return { sha: 'nogit', dirty: false };
  }
}

/**
 * Writes bench/results/<kind>-<YYYY-MM-DD>-<sha>.json; a second file of the same day and commit
 * gets -2, -3, ... so no run overwrites another. Returns the path relative to the project root.
 */
export function saveResults(kind: string, git: GitInfo, data: unknown): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const stem = `${kind}-${new Date().toISOString().slice(0, 10)}-${git.sha}`;
  let path = join(RESULTS_DIR, `${stem}.json`);
  for (let k = 2; existsSync(path); k++) path = join(RESULTS_DIR, `${stem}-${k}.json`);
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
  return relative(ROOT, path);
}

/** The median (mean of the middle two for an even count); NaN for none. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Free bytes for an unprivileged writer on the file system holding `path`. */
export function freeBytes(path: string): number {
  const s = statfsSync(path);
  return s.bavail * s.bsize;
}

/** A byte count in GiB, or MiB below one GiB. */
export function gib(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** Thousands-separated integer, the way the CLI prints counts. */
export function int(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a';
}

/** A number to a few significant places: 3 decimals below 10, 2 below 100, else 1 (and thousands separators). */
export function num(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const a = Math.abs(x);
  const d = a < 10 ? 3 : a < 100 ? 2 : a < 10_000 ? 1 : 0;
  return x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

/** A markdown table; numbers are right-aligned. */
export function markdownTable(
  head: string[],
  rows: string[][],
  rightAlign: boolean[] = head.map((_, i) => i > 0),
): string {
  const width = head.map((h, c) => Math.max(h.length, 3, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((x, c) => (rightAlign[c] ? x.padStart(width[c]) : x.padEnd(width[c]))).join(' | ')} |`;
  const rule = `|${width.map((w, c) => (rightAlign[c] ? `${'-'.repeat(w + 1)}:` : `:${'-'.repeat(w + 1)}`)).join('|')}|`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}

export interface CpuTicks {
  /** Busy ticks of all cores together, from /proc/stat. */
  busy: number;
  /** All ticks of all cores, idle included. */
  total: number;
  /** This process's own user + system ticks (utime + stime of /proc/self/stat). */
  self: number;
  /** This process's waited-for children's user + system ticks (cutime + cstime of /proc/self/stat). */
  children: number;
}

/** CPU counters (Linux), or undefined where /proc is not there. */
export function cpuTicks(): CpuTicks | undefined {
  try {
    const [user, nice, system, idle, iowait, irq, softirq, steal = 0] = readFileSync('/proc/stat', 'utf8')
      .split('\n', 1)[0]
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const busy = user + nice + system + irq + softirq + steal;
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the parenthesised command name, from field 3 (state): utime, stime, cutime,
    // cstime are fields 14-17.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return {
      busy,
      total: busy + idle + iowait,
      self: Number(f[11]) + Number(f[12]),
      children: Number(f[13]) + Number(f[14]),
    };
  } catch {
    return undefined;
  }
}

/** Clock ticks per second of the /proc counters. */
export const CLK_TCK = ((): number => {
  try {
    return (
      Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()) ||
      100
    );
  } catch {
    return 100;
  }
})();

/**
 * The share of the machine's CPU capacity that processes other than this one and its children
 * used between two readings (0-1; steal time counts as others'), or null off Linux.
 */
export function otherCpuShare(a: CpuTicks | undefined, b: CpuTicks | undefined): number | null {
  if (!a || !b || b.total <= a.total) return null;
  const ours = b.self - a.self + (b.children - a.children);
  return Math.max(0, (b.busy - a.busy - ours) / (b.total - a.total));
}

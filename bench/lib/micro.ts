/**
 * The micro tier's harness: A/B comparisons of a fixed workload, each variant timed as the median
 * of 7 repeats.
 *
 * - Every variant is warmed up once first (untimed), so the timed repeats run optimised code.
 * - Repeats are interleaved (A B C, A B C, ...), so a burst of load from another process costs
 *   every variant a repeat instead of costing one variant all of its repeats.
 * - The heap is collected before each repeat when gc can be exposed, so one variant's garbage is
 *   not collected on another's clock.
 * - Each workload returns a checksum that is kept, so the optimiser cannot drop the work.
 */
import { writeFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseArgs } from 'node:util';
import { cpuTicks, markdownTable, median, num, otherCpuShare } from './common.ts';

export const REPEATS = 7;

/**
 * --json PATH: where to write the report (bench/micro/run-all.ts collects reports this way).
 * Parsed on import, so a bad flag fails before minutes of work rather than after.
 */
const jsonPath = (() => {
  try {
    return parseArgs({ options: { json: { type: 'string' } }, strict: true }).values.json;
  } catch (e) {
    process.stderr.write(
      `bench: ${(e as Error).message}\nUsage: npx tsx ${process.argv[1] ?? 'bench/micro/X.bench.ts'} [--json PATH]\n`,
    );
    process.exit(2);
  }
})();

/** A full collection, or a no-op if gc cannot be exposed at run time. */
export const collect: () => void = (() => {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (() => void) | undefined;
    if (typeof gc === 'function') return gc;
  } catch {
    // fall through: timings are still valid, only noisier
  }
  return () => undefined;
})();

export interface Variant {
  name: string;
  /** Operations one call of run() performs: ns/op = time / ops. */
  ops: number;
  /** What an op is, for the table: "draw", "row", "remember+recall", ... */
  unit: string;
  /** Untimed preparation before each repeat (resetting state so every repeat does the same work). */
  before?: () => void;
  /** The timed workload; returns a checksum that is kept so the work cannot be optimised away. */
  run: () => number;
}

export interface VariantResult {
  name: string;
  ops: number;
  unit: string;
  /** Median over the repeats. */
  ms: number;
  nsPerOp: number;
  opsPerSecond: number;
  /** This variant's ns/op over the group's baseline's (the first variant): > 1 is slower. */
  ratio: number;
  samplesMs: number[];
  /** Extra numbers a bench reports beside the timing (heap bytes, MB/s, ...). */
  extra?: Record<string, number>;
}

export interface GroupResult {
  group: string;
  /** The first variant: ratios are against it. */
  baseline: string;
  results: VariantResult[];
  /** Share of the machine's CPU that other processes used during the timed repeats (0-1); null off Linux. */
  otherCpuShare: number | null;
}

let sink = 0;

/** Times the variants of one group; the first is the baseline. */
export function measure(group: string, variants: Variant[], repeats = REPEATS): GroupResult {
  for (const v of variants) {
    v.before?.();
    sink += v.run();
  }
  const samples = variants.map(() => [] as number[]);
  const c0 = cpuTicks();
  for (let r = 0; r < repeats; r++) {
    variants.forEach((v, k) => {
      v.before?.();
      collect();
      const t0 = performance.now();
      sink += v.run();
      samples[k].push(performance.now() - t0);
    });
  }
  const others = otherCpuShare(c0, cpuTicks());
  const base = median(samples[0]) / variants[0].ops;
  const results = variants.map((v, k): VariantResult => {
    const ms = median(samples[k]);
    const nsPerOp = (ms * 1e6) / v.ops;
    return {
      name: v.name,
      ops: v.ops,
      unit: v.unit,
      ms,
      nsPerOp,
      opsPerSecond: (v.ops * 1000) / ms,
      ratio: ms / v.ops / base,
      samplesMs: samples[k],
    };
  });
  return { group, baseline: variants[0].name, results, otherCpuShare: others };
}

/** Keeps a value alive like a workload's checksum (for set-up results a bench wants to be sure are used). */
export function keep(x: number): void {
  sink += x;
}

/** Prints a group as a markdown table: ns per op, ops per second, ratio to the baseline, and any extra columns. */
export function printGroup(
  g: GroupResult,
  extraColumns: { key: string; label: string; format?: (x: number) => string }[] = [],
): void {
  const units = new Set(g.results.map((r) => r.unit));
  const per = units.size === 1 ? [...units][0] : 'ops';
  // A group of one has nothing to be a ratio of.
  const ab = g.results.length > 1;
  const head = [
    'variant',
    'ops',
    'ns/op',
    `${per}/s`,
    ...(ab ? [`x ${g.baseline}`] : []),
    ...extraColumns.map((c) => c.label),
  ];
  const rows = g.results.map((r) => [
    r.name,
    `${r.ops.toLocaleString('en-US')} ${r.unit}`,
    num(r.nsPerOp),
    Math.round(r.opsPerSecond).toLocaleString('en-US'),
    ...(ab ? [r.ratio.toFixed(2)] : []),
    ...extraColumns.map((c) => {
      const x = r.extra?.[c.key];
      return x === undefined ? '' : (c.format ?? num)(x);
    }),
  ]);
  const load =
    g.otherCpuShare === null ? '' : `; other processes used ${Math.round(g.otherCpuShare * 100)}% of the CPU meanwhile`;
  process.stdout.write(
    `\n${g.group} (median of ${g.results[0].samplesMs.length} repeats${load})\n\n${markdownTable(head, rows)}\n`,
  );
}

export interface BenchReport {
  bench: string;
  groups: GroupResult[];
  notes?: string[];
}

/**
 * Ends a standalone bench: prints the notes, and writes the report as JSON when the bench was
 * started with --json PATH (bench/micro/run-all.ts collects the reports this way).
 */
export function finish(report: BenchReport): void {
  for (const n of report.notes ?? []) process.stdout.write(`\n${n}`);
  process.stdout.write('\n');
  if (jsonPath) writeFileSync(jsonPath, JSON.stringify({ ...report, checksum: sink }));
}

/**
 * A sweep: one parameter over a list of values, each value run with every seed. Writes
 * sweep.csv (a row per run) and sweep.html (every metric against the value, mean and 95% interval
 * across seeds).
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../../analysis/common/index.ts';
import { UsageError, show } from '../errors.ts';
import { getPath } from '../scenario-paths.ts';
import { resolveScenario } from '../scenario-load.ts';
import type { Base } from './base.ts';
import { describeBase, runScenario } from './base.ts';
import { experimentPage, sweepSpec, type SweepPoint } from './charts.ts';
import { toCsv, type CsvValue } from './csv.ts';
import type { RunRow } from './journal.ts';
import { runLabel } from './plan.ts';
import { metricValue } from './run-one.ts';
import {
  baseRunnerOptions,
  failureSummary,
  metricNames,
  runPlan,
  type PlannedRun,
  type RunnerOptions,
} from './runner.ts';
import { meanInterval } from './stats.ts';

export interface SweepRequest {
  base: Base;
  param: string;
  values: { text: string; value: unknown }[];
  /** Metrics to chart (all when absent); sweep.csv always has every metric. */
  chartMetrics?: string[];
  workerEntry?: RunnerOptions['workerEntry'];
  /** Where to say what is happening (the command's stderr). */
  say?: (line: string) => void;
}

export interface SweepResult {
  rows: { value: string; seed: string; row: RunRow }[];
  metrics: string[];
  reused: number;
  failure?: string;
  csvPath: string;
  htmlPath: string;
}

/** Plans the runs, value-major then seed; every run's scenario is validated before any runs. */
export function planSweep(req: SweepRequest): { plan: PlannedRun[]; keys: { value: string; seed: string }[] } {
  const { base, param, values } = req;
  getPath(resolveScenario({ ...base.request, seed: base.seeds[0] }), param, '--param');
  const plan: PlannedRun[] = [];
  const keys: { value: string; seed: string }[] = [];
  for (const v of values) {
    for (const seed of base.seeds) {
      plan.push({
        label: runLabel({ value: v.text, seed }),
        scenario: runScenario(base, seed, [{ path: param, value: v.value }], '--param'),
      });
      keys.push({ value: v.text, seed });
    }
  }
  return { plan, keys };
}

export function sweepCsv(rows: SweepResult['rows'], metrics: string[]): string {
  return toCsv(
    ['value', 'seed', 'status', 'error', ...metrics],
    rows.map(({ value, seed, row }) => [
      value,
      seed,
      row.status,
      row.error ?? '',
      ...metrics.map((m): CsvValue => row.metrics[m]),
    ]),
  );
}

export async function runSweep(req: SweepRequest): Promise<SweepResult> {
  const { plan, keys } = planSweep(req);
  const { base, param, values } = req;
  const identity = { kind: 'sweep', param, values: values.map((v) => v.text), ...base.identity };
  const res = await runPlan(plan, baseRunnerOptions(base, identity, 'sweep', req));
  const rows = keys.map((k, i) => ({ ...k, row: res.rows[i] }));
  const metrics = metricNames(res.rows);
  const csvPath = join(base.out, 'sweep.csv');
  writeFileAtomic(csvPath, sweepCsv(rows, metrics));

  // Unknown chart metrics are found only now; the runs are in the journal, so a re-run is instant.
  const unknown = (req.chartMetrics ?? []).filter((m) => !metrics.includes(m));
  if (unknown.length > 0)
    throw new UsageError(
      `--metrics names ${unknown.map((m) => show(m)).join(', ')}, not a metric of these runs (${metrics.join(', ')}); sweep.csv is written`,
    );
  const charted = req.chartMetrics ?? metrics;
  const numeric = values.every((v) => typeof v.value === 'number');
  const points: SweepPoint[] = [];
  for (const m of charted) {
    for (const v of values) {
      const ys: number[] = [];
      for (const r of rows) {
        const y = r.value === v.text && r.row.status === 'ok' ? metricValue(r.row.metrics, m) : undefined;
        if (y === undefined) continue;
        ys.push(y);
        points.push({ metric: m, value: numeric ? (v.value as number) : v.text, kind: 'run', y });
      }
      const ci = meanInterval(ys);
      if (ci.n > 0)
        points.push({
          metric: m,
          value: numeric ? (v.value as number) : v.text,
          kind: 'mean',
          y: ci.mean,
          ...(ci.n > 1 ? { low: ci.low, high: ci.high } : {}),
        });
    }
  }
  const failed = rows
    .filter((r) => r.row.status === 'failed')
    .map((r) => ({ label: r.row.label, error: r.row.error ?? '' }));
  const { html, svg } = await experimentPage({
    title: `musika sweep: ${param}`,
    subtitle: `${values.length} values x ${base.seeds.length} seeds (${base.seeds.join(', ')}); ${describeBase(base)}`,
    chart: {
      id: 'metrics',
      title: req.chartMetrics ? 'The metrics against the value' : 'Every metric against the value',
      lookFor: 'where a metric moves with the value beyond the band of its seeds (the 95% interval of the mean).',
      spec: sweepSpec(points, param, numeric, charted.length),
      caption: `Dots: one run per seed; line: the mean across seeds; band: its 95% t interval (with 2 or more seeds). Each panel has its own y scale.`,
    },
    failed,
    footer: `Made by musika sweep; the rows are in sweep.csv beside this page.`,
  });
  const htmlPath = join(base.out, 'sweep.html');
  writeFileAtomic(htmlPath, html);
  // The chart alone, for a README or a paper.
  writeFileAtomic(join(base.out, 'sweep.svg'), `<?xml version="1.0" encoding="utf-8"?>\n${svg}\n`);
  return { rows, metrics, reused: res.reused, failure: failureSummary(res.rows), csvPath, htmlPath };
}

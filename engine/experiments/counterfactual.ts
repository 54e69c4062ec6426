/**
 * A counterfactual: every seed run with the base scenario and without some mechanisms (switched
 * off through the scenario, mechanisms.ts). Each pair shares the seed, so the two runs share every
 * random stream the mechanisms do not touch (common random numbers) and their difference is
 * measured with much less noise than two independent runs would give.
 *
 * counterfactual.csv: per metric the mean with and without over the complete pairs, the mean
 * paired difference (with - without: what the mechanisms add) and its 95% t interval over the
 * pairs; runs.csv: every run's row.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../../analysis/common/index.ts';
import { describeBase, runScenario, type Base } from './base.ts';
import { differenceSpec, experimentPage, type DifferenceRow } from './charts.ts';
import { toCsv, type CsvValue } from './csv.ts';
import type { RunRow } from './journal.ts';
import { withoutSets, type MechanismName } from './mechanisms.ts';
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

export interface CounterfactualRequest {
  base: Base;
  without: MechanismName[];
  workerEntry?: RunnerOptions['workerEntry'];
  /** Where to say what is happening (the command's stderr). */
  say?: (line: string) => void;
}

export interface MetricDifference {
  metric: string;
  with: number;
  without: number;
  difference: number;
  low: number;
  high: number;
  pairs: number;
}

export interface CounterfactualResult {
  differences: MetricDifference[];
  rows: { arm: 'with' | 'without'; seed: string; row: RunRow }[];
  reused: number;
  failure?: string;
  csvPath: string;
  htmlPath: string;
}

/** Plans (with, without) per seed; each mechanism's assignments are checked on their own first, so an error names it. */
export function planCounterfactual(req: CounterfactualRequest): {
  plan: PlannedRun[];
  keys: { arm: 'with' | 'without'; seed: string }[];
} {
  const { base, without } = req;
  for (const m of without) runScenario(base, base.seeds[0], withoutSets([m]), `--without ${m}:`);
  const plan: PlannedRun[] = [];
  const keys: { arm: 'with' | 'without'; seed: string }[] = [];
  for (const seed of base.seeds) {
    plan.push({ label: runLabel({ arm: 'with', seed }), scenario: runScenario(base, seed, [], '--without') });
    keys.push({ arm: 'with', seed });
    plan.push({
      label: runLabel({ arm: 'without', seed }),
      scenario: runScenario(base, seed, withoutSets(without), '--without'),
    });
    keys.push({ arm: 'without', seed });
  }
  return { plan, keys };
}

/** Per metric: means over the complete pairs and the paired difference's 95% interval. */
export function pairedDifferences(rows: CounterfactualResult['rows'], metrics: string[]): MetricDifference[] {
  const bySeed = new Map<string, { with?: RunRow; without?: RunRow }>();
  for (const r of rows) {
    const p = bySeed.get(r.seed) ?? {};
    p[r.arm] = r.row;
    bySeed.set(r.seed, p);
  }
  const pairs = [...bySeed.values()].filter((p) => p.with?.status === 'ok' && p.without?.status === 'ok') as {
    with: RunRow;
    without: RunRow;
  }[];
  return metrics.map((metric) => {
    const w: number[] = [];
    const wo: number[] = [];
    const d: number[] = [];
    for (const p of pairs) {
      const a = metricValue(p.with.metrics, metric);
      const b = metricValue(p.without.metrics, metric);
      if (a === undefined || b === undefined) continue;
      w.push(a);
      wo.push(b);
      d.push(a - b);
    }
    const ci = meanInterval(d);
    return {
      metric,
      with: meanInterval(w).mean,
      without: meanInterval(wo).mean,
      difference: ci.mean,
      low: ci.low,
      high: ci.high,
      pairs: ci.n,
    };
  });
}

export async function runCounterfactual(req: CounterfactualRequest): Promise<CounterfactualResult> {
  const { base, without } = req;
  const { plan, keys } = planCounterfactual(req);
  const identity = { kind: 'counterfactual', without, ...base.identity };
  const res = await runPlan(plan, baseRunnerOptions(base, identity, 'counterfactual', req));
  const rows = keys.map((k, i) => ({ ...k, row: res.rows[i] }));
  const metrics = metricNames(res.rows);
  const differences = pairedDifferences(rows, metrics);
  const csvPath = join(base.out, 'counterfactual.csv');
  writeFileAtomic(
    csvPath,
    toCsv(
      ['metric', 'with', 'without', 'difference', 'ci_low', 'ci_high', 'pairs'],
      differences.map((d) => [d.metric, d.with, d.without, d.difference, d.low, d.high, d.pairs]),
    ),
  );
  writeFileAtomic(
    join(base.out, 'runs.csv'),
    toCsv(
      ['arm', 'seed', 'status', 'error', ...metrics],
      rows.map(({ arm, seed, row }) => [
        arm,
        seed,
        row.status,
        row.error ?? '',
        ...metrics.map((m): CsvValue => row.metrics[m]),
      ]),
    ),
  );

  const chartRows: DifferenceRow[] = differences
    .filter((d) => Number.isFinite(d.difference) && d.without !== 0)
    .map((d) => {
      const scale = Math.abs(d.without);
      const ci = Number.isFinite(d.low) ? { low: d.low / scale, high: d.high / scale } : {};
      return { metric: d.metric, difference: d.difference / scale, ...ci, clear: d.low > 0 || d.high < 0 };
    });
  const failed = rows
    .filter((r) => r.row.status === 'failed')
    .map((r) => ({ label: r.row.label, error: r.row.error ?? '' }));
  const f = (x: number): string => (Number.isFinite(x) ? x.toPrecision(4) : '–');
  const { html, svg } = await experimentPage({
    title: `musika counterfactual: without ${without.join(', ')}`,
    subtitle: `${base.seeds.length} seeds (${base.seeds.join(', ')}), each run with and without; ${describeBase(base)}`,
    chart: {
      id: 'differences',
      title: 'What the mechanisms change, metric by metric',
      lookFor: 'intervals that exclude 0 (red): the metrics the mechanisms move beyond the noise of the seeds.',
      spec: differenceSpec(chartRows),
      caption: `Dot: the mean paired difference (with - without) over the seeds, divided by the mean without; line: its 95% t interval over the pairs. Metrics whose mean without is 0 are in the table only; with fewer than 2 complete pairs there is no interval.`,
    },
    tables: [
      {
        id: 'table',
        title: 'Differences',
        lookFor: 'the size of each difference against its interval.',
        header: ['metric', 'with', 'without', 'difference', '95% interval', 'pairs'],
        rows: differences.map((d) => [
          d.metric,
          f(d.with),
          f(d.without),
          f(d.difference),
          `${f(d.low)} to ${f(d.high)}`,
          d.pairs,
        ]),
      },
    ],
    failed,
    footer:
      'Made by musika counterfactual; the numbers are in counterfactual.csv and every run in runs.csv beside this page.',
  });
  const htmlPath = join(base.out, 'counterfactual.html');
  writeFileAtomic(htmlPath, html);
  // The chart alone, for a README or a paper.
  writeFileAtomic(join(base.out, 'counterfactual.svg'), `<?xml version="1.0" encoding="utf-8"?>\n${svg}\n`);
  return { differences, rows, reused: res.reused, failure: failureSummary(res.rows), csvPath, htmlPath };
}

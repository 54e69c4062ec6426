/**
 * Global sensitivity by Morris elementary effects over scenario parameters given in a JSON file:
 * {"parameters": [{"path": "population.personas.bargain_hunter.share", "min": 0, "max": 0.4}, ...]}.
 * Each trajectory point is run with every seed (its output is the mean over the seeds); a
 * trajectory with a failed run is left out, and sensitivity.csv says how many were used.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../analysis/common/index.ts';
import { z } from 'zod';
import { UsageError, parseInput } from '../errors.ts';
import { Domain, KeyedStream, rootKey } from '../random.ts';
import { getPath } from '../scenario-paths.ts';
import { resolveScenario } from '../scenario-load.ts';
import { describeBase, runScenario, type Base } from './base.ts';
import { experimentPage, rankingSpec, type RankRow } from './charts.ts';
import { toCsv, type CsvValue } from './csv.ts';
import type { RunRow } from './journal.ts';
import { morrisDesign, morrisEffects, type Trajectory } from './morris.ts';
import { runLabel, tidy } from './plan.ts';
import { metricValue } from './run-one.ts';
import {
  baseRunnerOptions,
  failureSummary,
  metricNames,
  runPlan,
  type PlannedRun,
  type RunnerOptions,
} from './runner.ts';

/** A params file's schema: {"parameters": [{path, min, max}, ...]}, each path once, min < max. */
const paramsSchema = z.strictObject(
  {
    parameters: z
      .array(
        z
          .strictObject(
            {
              path: z.string({ error: 'expected a scenario path' }).min(1, { error: 'expected a scenario path' }),
              min: z.number({ error: 'expected a number' }),
              max: z.number({ error: 'expected a number' }),
            },
            { error: 'expected an object {path, min, max}' },
          )
          .superRefine((p, ctx) => {
            if (!(p.max > p.min))
              ctx.addIssue({
                code: 'custom',
                path: ['max'],
                message: `expected a number greater than min (${p.min})`,
                params: { crossField: true, got: p.max },
              });
          }),
        { error: 'expected a non-empty array of {path, min, max}' },
      )
      .min(1, { error: 'expected a non-empty array of {path, min, max}' })
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((p, i) => {
          if (seen.has(p.path))
            ctx.addIssue({
              code: 'custom',
              path: [i, 'path'],
              message: 'expected each path listed once',
              params: { crossField: true, got: p.path },
            });
          seen.add(p.path);
        });
      }),
  },
  { error: 'expected {"parameters": [...]}' },
);

export type ParamSpec = z.output<typeof paramsSchema>['parameters'][number];

/** Reads and checks a params file; every error is one line naming the file and the field. */
export function readParams(file: string): ParamSpec[] {
  const where = `--params ${file}`;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(
      err.code
        ? `${where}: cannot read the file (${err.code})`
        : `${where}: not valid JSON: ${err.message.replace(/\s+/g, ' ')}`,
    );
  }
  return parseInput(paramsSchema, json, { label: 'the file', prefix: `${where}: ` }).parameters;
}

export interface SensitivityRequest {
  base: Base;
  paramsFile: string;
  params: ParamSpec[];
  trajectories: number;
  levels: number;
  workerEntry?: RunnerOptions['workerEntry'];
  /** Where to say what is happening (the command's stderr). */
  say?: (line: string) => void;
}

export interface SensitivityRow {
  param: string;
  metric: string;
  mu_star: number;
  sigma: number;
  mu: number;
  trajectories_used: number;
}

export interface SensitivityResult {
  rows: SensitivityRow[];
  design: Trajectory[];
  runs: number;
  reused: number;
  failure?: string;
  csvPath: string;
  htmlPath: string;
}

/** A point of the unit cube as scenario assignments. */
function assignmentsAt(params: ParamSpec[], x: number[]): { path: string; value: number }[] {
  return params.map((p, i) => ({ path: p.path, value: tidy(p.min + x[i] * (p.max - p.min)) }));
}

export function planSensitivity(req: SensitivityRequest): {
  design: Trajectory[];
  plan: PlannedRun[];
  keys: { t: number; j: number; seed: string }[];
} {
  const { base, params } = req;
  const probe = resolveScenario({ ...base.request, seed: base.seeds[0] });
  params.forEach((p, i) => {
    getPath(probe, p.path, `--params ${req.paramsFile}: parameters[${i}].path`);
    // Both ends must be values the scenario accepts, so no run of the design is rejected later.
    runScenario(
      base,
      base.seeds[0],
      [{ path: p.path, value: p.min }],
      `--params ${req.paramsFile}: parameters[${i}].min`,
    );
    runScenario(
      base,
      base.seeds[0],
      [{ path: p.path, value: p.max }],
      `--params ${req.paramsFile}: parameters[${i}].max`,
    );
  });
  const rng = new KeyedStream(rootKey(base.seeds[0]));
  const design = morrisDesign(params.length, req.trajectories, req.levels, (t) => rng.key(Domain.design, t, 0));
  const plan: PlannedRun[] = [];
  const keys: { t: number; j: number; seed: string }[] = [];
  design.forEach((tr, t) => {
    tr.points.forEach((x, j) => {
      for (const seed of base.seeds) {
        plan.push({
          label: runLabel({ t, point: j, seed }),
          scenario: runScenario(base, seed, assignmentsAt(params, x), `--params ${req.paramsFile}:`),
        });
        keys.push({ t, j, seed });
      }
    });
  });
  return { design, plan, keys };
}

export async function runSensitivity(req: SensitivityRequest): Promise<SensitivityResult> {
  const { base, params } = req;
  const { design, plan, keys } = planSensitivity(req);
  const identity = {
    kind: 'sensitivity',
    method: 'morris',
    parameters: params,
    trajectories: req.trajectories,
    levels: req.levels,
    ...base.identity,
  };
  const res = await runPlan(plan, baseRunnerOptions(base, identity, 'sensitivity', req));
  const metrics = metricNames(res.rows);
  // The runs of each trajectory point: its output is the mean over its seeds, all of which must be ok.
  const byPoint = new Map<string, RunRow[]>();
  keys.forEach((k, i) => {
    const key = `${k.t}:${k.j}`;
    byPoint.set(key, [...(byPoint.get(key) ?? []), res.rows[i]]);
  });
  const rows: SensitivityRow[] = [];
  for (const metric of metrics) {
    const y = design.map((tr, t) =>
      tr.points.map((_, j) => {
        const runs = byPoint.get(`${t}:${j}`)!;
        const ys = runs.map((r) => (r.status === 'ok' ? metricValue(r.metrics, metric) : undefined));
        if (ys.some((v) => v === undefined)) return undefined;
        return (ys as number[]).reduce((a, v) => a + v, 0) / ys.length;
      }),
    );
    morrisEffects(design, y, params.length).forEach((e, i) => {
      rows.push({
        param: params[i].path,
        metric,
        mu_star: e.muStar,
        sigma: e.sigma,
        mu: e.mu,
        trajectories_used: e.used,
      });
    });
  }
  const csvPath = join(base.out, 'sensitivity.csv');
  writeFileAtomic(
    csvPath,
    toCsv(
      ['param', 'metric', 'mu_star', 'sigma', 'mu', 'trajectories_used'],
      rows.map((r): CsvValue[] => [r.param, r.metric, r.mu_star, r.sigma, r.mu, r.trajectories_used]),
    ),
  );
  writeFileAtomic(
    join(base.out, 'runs.csv'),
    toCsv(
      ['trajectory', 'point', 'seed', 'status', 'error', ...metrics],
      keys.map((k, i) => [
        k.t,
        k.j,
        k.seed,
        res.rows[i].status,
        res.rows[i].error ?? '',
        ...metrics.map((m): CsvValue => res.rows[i].metrics[m]),
      ]),
    ),
  );
  // Charts label a parameter by its path's last two names when they are unique (axis labels are short).
  const short = params.map((p) => p.path.split('.').slice(-2).join('.'));
  const label = new Map(params.map((p, i) => [p.path, new Set(short).size === short.length ? short[i] : p.path]));
  const rank: RankRow[] = [];
  for (const metric of metrics) {
    const of = rows
      .filter((r) => r.metric === metric && Number.isFinite(r.mu_star))
      .sort((a, b) => b.mu_star - a.mu_star || a.param.localeCompare(b.param));
    of.forEach((r, i) => {
      rank.push({
        metric,
        param: label.get(r.param)!,
        mu_star: r.mu_star,
        sigma: Number.isFinite(r.sigma) ? r.sigma : 0,
        rank: i + 1,
      });
    });
  }
  const used = rows[0]?.trajectories_used ?? 0;
  const failed = res.rows.filter((r) => r.status === 'failed').map((r) => ({ label: r.label, error: r.error ?? '' }));
  const { html, svg } = await experimentPage({
    title: 'musika sensitivity: Morris elementary effects',
    subtitle: `${params.length} parameters, ${req.trajectories} trajectories (${used} used) on ${req.levels} levels, ${base.seeds.length} seed${base.seeds.length === 1 ? '' : 's'} per point; ${describeBase(base)}`,
    chart: {
      id: 'ranking',
      title: 'Parameters ranked by mu*, for each metric',
      lookFor:
        'the parameters with the largest mu* (they move the metric most over their range); a sigma as large as mu* means interactions or a non-linear effect.',
      spec: rankingSpec(rank),
      caption: `Bar: mu*, the mean absolute elementary effect: the change of the metric over the parameter's whole range [min, max]. Tick: sigma, the standard deviation of the effects.`,
    },
    tables: [
      {
        id: 'parameters',
        title: 'Parameters',
        lookFor: 'the ranges the effects are measured over.',
        header: ['path', 'min', 'max'],
        rows: params.map((p) => [p.path, p.min, p.max]),
      },
    ],
    failed,
    footer:
      'Made by musika sensitivity; the effects are in sensitivity.csv and every run in runs.csv beside this page.',
  });
  const htmlPath = join(base.out, 'sensitivity.html');
  writeFileAtomic(htmlPath, html);
  // The chart alone, for a README or a paper.
  writeFileAtomic(join(base.out, 'sensitivity.svg'), `<?xml version="1.0" encoding="utf-8"?>\n${svg}\n`);
  return {
    rows,
    design,
    runs: new Set(res.rows.map((r) => r.id)).size,
    reused: res.reused,
    failure: failureSummary(res.rows),
    csvPath,
    htmlPath,
  };
}

/**
 * Global sensitivity by Morris elementary effects over scenario parameters given in a JSON file:
 * {"parameters": [{"path": "population.personas.bargain_hunter.share", "min": 0, "max": 0.4}, ...]}.
 * Each trajectory point is run with every seed (its output is the mean over the seeds); a
 * trajectory with a failed run is left out, and sensitivity.csv says how many were used.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../analysis/index.ts';
import { UsageError, show } from '../errors.ts';
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
import { failureSummary, metricNames, runPlan, type PlannedRun, type RunnerOptions } from './runner.ts';

export interface ParamSpec {
  path: string;
  min: number;
  max: number;
}

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
  const root = json as { parameters?: unknown };
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new UsageError(`${where}: expected {"parameters": [...]}, got ${show(json)}`);
  for (const key of Object.keys(json))
    if (key !== 'parameters') throw new UsageError(`${where}: unknown key ${show(key)} (expected only "parameters")`);
  if (!Array.isArray(root.parameters) || root.parameters.length === 0)
    throw new UsageError(
      `${where}: parameters must be a non-empty array of {path, min, max}, got ${show(root.parameters)}`,
    );
  const seen = new Set<string>();
  return root.parameters.map((p: unknown, i: number) => {
    const f = `${where}: parameters[${i}]`;
    if (typeof p !== 'object' || p === null || Array.isArray(p))
      throw new UsageError(`${f} must be an object {path, min, max}, got ${show(p)}`);
    const q = p as Record<string, unknown>;
    for (const key of Object.keys(q))
      if (!['path', 'min', 'max'].includes(key))
        throw new UsageError(`${f}: unknown key ${show(key)} (expected path, min, max)`);
    if (typeof q.path !== 'string' || q.path === '')
      throw new UsageError(`${f}.path must be a scenario path, got ${show(q.path)}`);
    if (seen.has(q.path)) throw new UsageError(`${f}.path ${show(q.path)} is listed twice`);
    seen.add(q.path);
    if (typeof q.min !== 'number' || !Number.isFinite(q.min))
      throw new UsageError(`${f}.min must be a number, got ${show(q.min)}`);
    if (typeof q.max !== 'number' || !Number.isFinite(q.max) || q.max <= q.min)
      throw new UsageError(`${f}.max must be a number greater than min (${q.min}), got ${show(q.max)}`);
    return { path: q.path, min: q.min, max: q.max };
  });
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
  const res = await runPlan(plan, {
    out: base.out,
    identity,
    keepRuns: base.keepRuns,
    concurrency: base.parallel,
    threads: base.threads,
    workerEntry: req.workerEntry,
    label: 'sensitivity',
    queue: base.queue,
    say: req.say,
  });
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

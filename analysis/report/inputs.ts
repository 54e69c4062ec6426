/**
 * The report's optional inputs: the analysis (analysis.json, features.csv, clusters.csv), the
 * validation checklist (validation.json), the recommender evaluation (analysis/recommend.json)
 * and a baseline run to compare with. Each reader returns undefined, with the reason, when its
 * file is absent or does not have the expected shape, so the report can say why a section is left
 * out instead of failing.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { AnalysisResult } from '../analyze.ts';
import { streamCsv } from './stream-csv.ts';

/** A value or the reason it is missing. */
export type Maybe<T> = { ok: true; value: T; path: string } | { ok: false; reason: string };

function readJson(path: string, what: string): Maybe<unknown> {
  if (!existsSync(path)) return { ok: false, reason: `${path} is missing (${what})` };
  try {
    return { ok: true, value: JSON.parse(readFileSync(path, 'utf8')), path };
  } catch (e) {
    return { ok: false, reason: `${path} is not valid JSON: ${(e as Error).message}` };
  }
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** DIR/analysis/analysis.json, as written by `musika analyze`. */
export function readAnalysis(dir: string): Maybe<AnalysisResult> {
  const path = join(dir, 'analysis', 'analysis.json');
  const j = readJson(path, `run "musika analyze ${dir}" to make it`);
  if (!j.ok) return j;
  const a = j.value;
  if (!isObj(a) || !Array.isArray(a.perK) || !isObj(a.personaByCluster))
    return { ok: false, reason: `${path} has no perK or personaByCluster: not an analysis.json` };
  if (!Array.isArray(a.predictionStrength))
    return {
      ok: false,
      reason: `${path} has no predictionStrength: written by an older musika (run "musika analyze ${dir}" again)`,
    };
  return { ok: true, value: a as unknown as AnalysisResult, path };
}

export interface Check {
  id: string;
  name: string;
  value: unknown;
  threshold: unknown;
  pass: boolean;
  detail: string;
}

export interface Validation {
  checks: Check[];
  passed: number;
  failed: number;
}

/** DIR/validation.json: the validation checklist. */
export function readValidation(dir: string): Maybe<Validation> {
  const path = join(dir, 'validation.json');
  const j = readJson(path, `run "musika validate ${dir}" to make it`);
  if (!j.ok) return j;
  const v = j.value;
  if (!isObj(v) || !Array.isArray(v.checks)) return { ok: false, reason: `${path} has no checks array` };
  const checks: Check[] = v.checks.filter(isObj).map((c, i) => ({
    id: String(c.id ?? i + 1),
    name: String(c.name ?? c.id ?? `check ${i + 1}`),
    value: c.value,
    threshold: c.threshold,
    pass: c.pass === true,
    detail: typeof c.detail === 'string' ? c.detail : '',
  }));
  const passed = typeof v.passed === 'number' ? v.passed : checks.filter((c) => c.pass).length;
  const failed = typeof v.failed === 'number' ? v.failed : checks.length - passed;
  return { ok: true, value: { checks, passed, failed }, path };
}

export interface RecommenderScore {
  name: string;
  /** One sentence: what it ranks by (when given). */
  description: string;
  hitRate: number;
  recall: number;
  ndcg: number;
  coverage: number;
  /** Scores per persona, when given (NaN for a missing metric). */
  byPersona: { persona: string; hitRate: number; ndcg: number }[];
}

export interface Recommendations {
  recommenders: RecommenderScore[];
  /** List length, test weeks and traders scored, when given. */
  k?: number;
  testWeeks?: number;
  evaluated?: number;
}

/** A metric from a byPersona entry: a number (taken as the hit rate), or an object with the field. */
function metricOf(x: unknown, field: 'hitRate' | 'ndcg'): number {
  if (typeof x === 'number') return field === 'hitRate' ? x : NaN;
  if (isObj(x) && typeof x[field] === 'number') return x[field];
  return NaN;
}

/** DIR/analysis/recommend.json: the recommender evaluation. */
export function readRecommend(dir: string): Maybe<Recommendations> {
  const path = join(dir, 'analysis', 'recommend.json');
  const j = readJson(path, `run "musika recommend ${dir}" to make it`);
  if (!j.ok) return j;
  const v = j.value;
  if (!isObj(v) || !Array.isArray(v.recommenders)) return { ok: false, reason: `${path} has no recommenders array` };
  const n = (x: unknown): number => (typeof x === 'number' ? x : NaN);
  const recommenders: RecommenderScore[] = v.recommenders.filter(isObj).map((r) => {
    let byPersona: { persona: string; hitRate: number; ndcg: number }[] = [];
    if (Array.isArray(r.byPersona)) {
      byPersona = r.byPersona.filter(isObj).map((e) => ({
        persona: String(e.persona ?? e.name ?? ''),
        hitRate: metricOf(e, 'hitRate'),
        ndcg: metricOf(e, 'ndcg'),
      }));
    } else if (isObj(r.byPersona)) {
      byPersona = Object.entries(r.byPersona).map(([persona, e]) => ({
        persona,
        hitRate: metricOf(e, 'hitRate'),
        ndcg: metricOf(e, 'ndcg'),
      }));
    }
    return {
      name: String(r.name ?? '?'),
      description: typeof r.description === 'string' ? r.description : '',
      hitRate: n(r.hitRate),
      recall: n(r.recall),
      ndcg: n(r.ndcg),
      coverage: n(r.coverage),
      byPersona: byPersona.filter((e) => e.persona && (Number.isFinite(e.hitRate) || Number.isFinite(e.ndcg))),
    };
  });
  if (!recommenders.length) return { ok: false, reason: `${path} lists no recommenders` };
  const split = isObj(v.split) ? v.split : {};
  const counts = isObj(v.counts) ? v.counts : {};
  const opt = (x: unknown): number | undefined => (typeof x === 'number' ? x : undefined);
  return {
    ok: true,
    value: { recommenders, k: opt(v.k), testWeeks: opt(split.testWeeks), evaluated: opt(counts.evaluated) },
    path,
  };
}

/**
 * The best recommender against the popularity baseline, by NDCG (ranking quality; the hit rate of
 * a top-k list saturates near 1 when traders buy many products), or by hit rate when NDCG is absent.
 */
export function recommenderLift(
  recs: RecommenderScore[],
): { best: RecommenderScore; baseline: RecommenderScore; lift: number; metric: 'ndcg' | 'hitRate' } | undefined {
  const baseline = recs.find((r) => r.name.toLowerCase().includes('popular'));
  if (!baseline) return undefined;
  const metric: 'ndcg' | 'hitRate' = baseline.ndcg > 0 ? 'ndcg' : 'hitRate';
  if (!(baseline[metric] > 0)) return undefined;
  const others = recs.filter((r) => r !== baseline && Number.isFinite(r[metric]));
  if (!others.length) return undefined;
  const best = others.reduce((a, b) => (b[metric] > a[metric] ? b : a));
  return { best, baseline, lift: best[metric] / baseline[metric], metric };
}

export interface Projection {
  /** Explained variance share of the two components. */
  explained: [number, number];
  /** The plotted traders (a systematic sample when there are many). */
  points: { trader: number; x: number; y: number; cluster: number; persona: string }[];
  /** Traders projected in total. */
  of: number;
}

/** Most points drawn per panel: enough to see the shape, small enough to keep the page light. */
export const MAX_POINTS = 1500;

/**
 * PCA of DIR/analysis/features.csv (already standardised by the analysis) to two components, each
 * trader labelled with its cluster (clusters.csv) and its persona (from the caller).
 */
export async function readProjection(dir: string, personaOf: (trader: number) => string): Promise<Maybe<Projection>> {
  const fpath = join(dir, 'analysis', 'features.csv');
  const cpath = join(dir, 'analysis', 'clusters.csv');
  for (const p of [fpath, cpath])
    if (!existsSync(p)) return { ok: false, reason: `${p} is missing (run "musika analyze ${dir}" to make it)` };
  const clusterOf = new Map<number, number>();
  await streamCsv(cpath, ['trader_id', 'cluster'], (r, ix) =>
    clusterOf.set(Number(r[ix.trader_id]), Number(r[ix.cluster])),
  );
  const rows: number[][] = [];
  const ids: number[] = [];
  let d = 0;
  await streamCsv(fpath, ['trader_id'], (r, ix) => {
    const values = r.filter((_, k) => k !== ix.trader_id).map(Number);
    d = values.length;
    if (values.every(Number.isFinite)) {
      rows.push(values);
      ids.push(Number(r[ix.trader_id]));
    }
  });
  if (rows.length < 3 || d < 2) return { ok: false, reason: `${fpath} has too few rows or columns to project` };
  const { PCA } = await import('ml-pca');
  // The covariance method works on a d x d matrix, whatever the number of traders.
  const pca = new PCA(rows, { method: 'covarianceMatrix', center: true, scale: false });
  const ev = pca.getExplainedVariance();
  const step = Math.max(1, Math.ceil(rows.length / MAX_POINTS));
  const picked: number[][] = [];
  const pickedIds: number[] = [];
  for (let i = 0; i < rows.length; i += step) {
    picked.push(rows[i]);
    pickedIds.push(ids[i]);
  }
  const proj = pca.predict(picked, { nComponents: 2 });
  const points = pickedIds.map((t, i) => ({
    trader: t,
    x: proj.get(i, 0),
    y: proj.get(i, 1),
    cluster: clusterOf.get(t) ?? -1,
    persona: personaOf(t),
  }));
  return { ok: true, value: { explained: [ev[0] ?? NaN, ev[1] ?? NaN], points, of: rows.length }, path: fpath };
}

/**
 * The run to compare with: the --baseline directory when given, else the sibling written by
 * `musika compare` (DIR/../uniform beside DIR/../personas or DIR/../distinct, or the other way round).
 */
export function findBaseline(dir: string, explicit?: string): { dir: string; how: 'flag' | 'sibling' } | undefined {
  if (explicit) return { dir: explicit, how: 'flag' };
  const abs = resolve(dir);
  const parent = dirname(abs);
  const name = basename(abs);
  const isDir = (p: string): boolean => existsSync(p) && statSync(p).isDirectory();
  // compare writes OUT/uniform beside OUT/personas (or OUT/distinct with --scenario distinct).
  if (!isDir(join(parent, 'uniform'))) return undefined;
  if (name === 'personas' || name === 'distinct') return { dir: join(parent, 'uniform'), how: 'sibling' };
  if (name === 'uniform') {
    for (const other of ['personas', 'distinct'])
      if (isDir(join(parent, other))) return { dir: join(parent, other), how: 'sibling' };
  }
  return undefined;
}

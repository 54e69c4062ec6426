/**
 * `report DIR`: one self-contained HTML page about a run directory. The data sections come from
 * the run's CSV files (streamed once); the analysis, validation and recommendation sections appear
 * when their files exist and are replaced by a note when they do not. Charts are Vega-Lite specs
 * rendered to SVG here, so the page needs no script and no network to open.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalysisResult } from '../analyze.ts';
import { RunDirError } from '../run/index.ts';
import { writeFileAtomic } from '../common/index.ts';
import { aggregateRun, type RunAggregate } from './aggregate.ts';
import { int, liftText, num, page, type Headline, type Section } from './html.ts';
import {
  findBaseline,
  readAnalysis,
  readProjection,
  readRecommend,
  readValidation,
  recommenderLift,
  type Maybe,
} from './inputs.ts';
import {
  clustersSection,
  kSweepSection,
  predictionStrengthSection,
  projectionSection,
  recommendSection,
  validationSection,
} from './analysis-sections.ts';
import {
  pricePaidSection,
  priceSection,
  runSection,
  sharesSection,
  spendSection,
  timeSection,
} from './data-sections.ts';
import { marketSection } from './market-section.ts';

export interface ReportOptions {
  /** A run directory to compare with (its analysis/analysis.json); default: the compare sibling, if any. */
  baseline?: string;
  /** Where to write the page (default DIR/report.html). */
  out?: string;
  /** The run's aggregates, when already read (the pipeline's one pass, pipeline-inputs.ts). */
  aggregate?: RunAggregate;
}

export interface ReportResult {
  path: string;
  bytes: number;
  seconds: number;
  baseline?: string;
  sections: { id: string; title: string; included: boolean; chart: boolean; note?: string }[];
}

function headline(
  agg: { traders: number; transactions: number },
  analysis: Maybe<AnalysisResult>,
  baseline: Maybe<AnalysisResult> | undefined,
  sections: { validation: ReturnType<typeof readValidation>; recommend: ReturnType<typeof readRecommend> },
): Headline[] {
  const out: Headline[] = [
    { label: 'traders', value: int(agg.traders) },
    { label: 'items bought', value: int(agg.transactions) },
  ];
  if (analysis.ok) {
    const a = analysis.value;
    const b = baseline?.ok ? baseline.value : undefined;
    const kText = (r: AnalysisResult): string => (r.clusterStructure ? String(r.naturalK) : '1 (no structure)');
    out.push({
      label: 'natural k (prediction strength)',
      value: kText(a),
      sub: b ? `${b.run.scenario}: ${kText(b)}` : undefined,
    });
    out.push({
      label: 'silhouette k',
      value: String(a.silhouetteK),
      sub: b ? `${b.run.scenario}: ${b.silhouetteK}` : undefined,
    });
    const shown = (r: AnalysisResult): string => `k = ${r.clusteredK}${r.clustersForced ? ', forced' : ''}`;
    out.push({
      label: `silhouette (${shown(a)})`,
      value: num(a.silhouette),
      sub: b ? `${b.run.scenario} (${shown(b)}): ${num(b.silhouette)}` : undefined,
    });
    out.push({
      label: `ARI vs personas (${shown(a)})`,
      value: num(a.ari),
      sub: b ? `${b.run.scenario} (${shown(b)}): ${num(b.ari)}` : undefined,
    });
  }
  if (sections.validation.ok) {
    const v = sections.validation.value;
    out.push({
      label: 'checks passed',
      value: `${v.passed} / ${v.passed + v.failed}`,
      cls: v.failed ? 'fail' : 'pass',
    });
  }
  if (sections.recommend.ok) {
    const l = recommenderLift(sections.recommend.value.recommenders);
    const k = sections.recommend.value.k;
    if (l)
      out.push({
        label: `recommender lift (${l.metric === 'ndcg' ? 'NDCG' : 'hit rate'}${k ? `@${k}` : ''})`,
        value: liftText(l.lift),
        sub: `${l.best.name} over ${l.baseline.name}`,
      });
  }
  return out;
}

/** Writes the report of run directory `dir`; returns where and what it wrote. */
export async function writeReport(dir: string, options: ReportOptions = {}): Promise<ReportResult> {
  const t0 = performance.now();
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new RunDirError(`${dir} is not a directory`);
  const agg = options.aggregate ?? (await aggregateRun(dir));
  const analysis = readAnalysis(dir);
  const validation = readValidation(dir);
  const recommend = readRecommend(dir);
  const found = findBaseline(dir, options.baseline);
  const baseline = found ? { dir: found.dir, analysis: readAnalysis(found.dir) } : undefined;
  const personaOf = (t: number): string => {
    const p = t >= 0 && t < agg.traders ? agg.traderPersona[t] : -1;
    return p >= 0 ? agg.personas[p] : 'unknown';
  };
  const projection = analysis.ok
    ? await readProjection(dir, personaOf)
    : ({ ok: false, reason: analysis.reason } as const);

  const sections: Section[] = [
    runSection(agg, dir, analysis.ok ? analysis.value : undefined),
    await sharesSection(agg),
    await spendSection(agg),
    await timeSection(agg),
    await priceSection(agg),
    await pricePaidSection(agg),
    await marketSection(agg),
    await kSweepSection(analysis, baseline),
    await predictionStrengthSection(analysis, baseline),
    await clustersSection(analysis),
    await projectionSection(projection, agg.personas),
    validationSection(validation),
    await recommendSection(recommend, agg.personas),
  ];
  const s = agg.manifest.scenario;
  const html = page({
    title: `musika run report: ${s.name}`,
    subtitle: `${int(agg.traders)} traders \u00d7 ${s.weeks} weeks from ${s.calendar.startDate}, seed ${agg.manifest.seed} \u2014 ${dir}`,
    headline: headline(agg, analysis, baseline?.analysis, { validation, recommend }),
    sections,
    footer: `Written by musika report. Charts: Vega-Lite, rendered to SVG when the report was made; the page needs no network.`,
  });
  const path = options.out ?? join(dir, 'report.html');
  writeFileAtomic(path, html);
  return {
    path,
    bytes: Buffer.byteLength(html),
    seconds: (performance.now() - t0) / 1000,
    baseline: baseline?.analysis.ok ? baseline.dir : undefined,
    sections: sections.map((x) => ({
      id: x.id,
      title: x.title,
      included: x.body !== undefined,
      chart: x.body !== undefined && x.chart,
      note: x.note,
    })),
  };
}

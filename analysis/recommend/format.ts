/** Plain-text tables of recommendation results, for the terminal. */
import { fixed, percent } from '../common/index.ts';
import type { RecommendResult } from './run.ts';

/** A gain over a baseline: "+12.3%", "-5.0%". */
const pct = (x: number | null | undefined): string => percent(x, 1, { signed: true });

function segmentLine(r: RecommendResult): string {
  const s = r.segments;
  const sil = s.perK.find((p) => p.k === s.k)?.silhouette;
  const how = s.chosenBy === 'flag' ? 'from --segments' : `silhouette k, silhouette ${fixed(sil)}`;
  const pa = r.recommenders.find((x) => x.name === 'price-aware')?.details?.priceSensitiveSegments as
    | number[]
    | undefined;
  return `  segments   ${s.k} (${how}; ${s.featureSet} features of the training weeks)${pa ? `; price-sensitive: ${pa.length > 0 ? pa.join(', ') : 'none'}` : ''}`;
}

export function formatRecommend(r: RecommendResult): string {
  const { split, counts, k } = r;
  const lines = [
    `musika recommend: ${r.run.scenario}, ${r.run.traders} traders x ${r.run.weeks} weeks, seed ${r.run.seed}`,
    `  split      training weeks 1-${split.trainWeeks} (${split.trainTransactions} items), test weeks ${split.trainWeeks + 1}-${split.weeks} (${split.testTransactions} items), from day ${split.splitDay}`,
    `  evaluated  ${counts.evaluated} traders with a purchase in both periods (${counts.withTrainingPurchase} bought in training, ${counts.withTestPurchase} in test; catalogue ${counts.catalogue})`,
    `  relevance  products bought in the test weeks, binary; re-buying a training product counts as a hit`,
    segmentLine(r),
    '',
    `  recommender    HitRate@${k}  Recall@${k}  NDCG@${k}  vs popularity  coverage`,
  ];
  for (const x of r.recommenders) {
    lines.push(
      `  ${x.name.padEnd(13)}  ${fixed(x.hitRate).padStart(10)}  ${fixed(x.recall).padStart(9)}  ${fixed(x.ndcg).padStart(7)}  ${pct(x.ndcgGainVsPopularity).padStart(13)}  ${fixed(x.coverage).padStart(8)}`,
    );
  }
  const personas = r.recommenders[0]?.byPersona ?? [];
  if (personas.length > 0) {
    const w = Math.max(7, ...personas.map((p) => p.persona.length));
    lines.push(
      '',
      `  NDCG@${k} by persona`,
      `  ${'persona'.padEnd(w)}  ${'traders'.padStart(7)}  ${r.recommenders.map((x) => x.name.padStart(12)).join('  ')}`,
    );
    for (const p of personas) {
      const cells = r.recommenders.map((x) =>
        fixed(x.byPersona.find((q) => q.persona === p.persona)?.ndcg).padStart(12),
      );
      lines.push(`  ${p.persona.padEnd(w)}  ${String(p.traders).padStart(7)}  ${cells.join('  ')}`);
    }
  }
  return lines.join('\n');
}

/** NDCG@k and the gain over popularity of each recommender, before (uniform) against after (personas). */
export function formatRecommendComparison(after: RecommendResult, before: RecommendResult): string {
  const names = [...new Set([...after.recommenders.map((x) => x.name), ...before.recommenders.map((x) => x.name)])];
  const get = (r: RecommendResult, name: string) => r.recommenders.find((x) => x.name === name);
  const bHead = `before: ${before.run.scenario}`;
  const aHead = `after: ${after.run.scenario}`;
  const lines = [
    `recommendations, last ${after.split.testWeeks} weeks held out; NDCG@${after.k} (gain over popularity)`,
    `  ${'segments (k)'.padEnd(13)}  ${String(before.segments.k).padStart(18)}  ${String(after.segments.k).padStart(18)}`,
    `  ${'traders scored'.padEnd(13)}  ${String(before.counts.evaluated).padStart(18)}  ${String(after.counts.evaluated).padStart(18)}`,
    `  ${'recommender'.padEnd(13)}  ${bHead.padStart(18)}  ${aHead.padStart(18)}`,
  ];
  for (const n of names) {
    const cell = (x: ReturnType<typeof get>): string =>
      x ? `${fixed(x.ndcg)} (${pct(x.ndcgGainVsPopularity)})` : 'n/a';
    lines.push(`  ${n.padEnd(13)}  ${cell(get(before, n)).padStart(18)}  ${cell(get(after, n)).padStart(18)}`);
  }
  return lines.join('\n');
}

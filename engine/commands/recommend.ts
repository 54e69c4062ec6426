/** `musika recommend DIR`: recommenders fitted on the training weeks, scored on the last weeks. */
import { join } from 'node:path';
import {
  RecommendOptionError,
  SEGMENT_FEATURE_SETS,
  formatRecommend,
  recommendRun,
  type RecommendOptions,
  type SegmentFeatureSet,
} from '../../analysis/index.ts';
import { parse, positiveInt, str } from '../cli-args.ts';
import { UsageError, show } from '../errors.ts';
import { requireRunDir } from './analyze.ts';

export const RECOMMEND_HELP = `Usage: musika recommend DIR [options]

Holds out the last weeks of the run in DIR, fits five recommenders on the weeks before (global
popularity, personal history, segment popularity, item-to-item co-occurrence, price-aware for
price-sensitive segments), asks each for a top-k list per trader and scores the lists against the
products each trader bought in the held-out weeks: HitRate@k, Recall@k, NDCG@k (binary relevance;
re-buying a product counts), catalogue coverage, overall and by persona. Traders with a purchase in
both periods are scored. Writes DIR/analysis/recommend.json.

Options:
  --k K                   list length (default 10)
  --test-weeks W          weeks held out at the end (default 4; less than the run's weeks)
  --segments K            k-means segments (default: the silhouette k, the highest silhouette
                          over k = 2..12 on the training weeks' features; not the analysis's
                          natural k by prediction strength: segments serve ranking)
  --segment-features SET  behaviour+categories (default) or behaviour (the analysis's features only)
  -h, --help              show this help
`;

export const recommendOptions = {
  k: { type: 'string' },
  'test-weeks': { type: 'string' },
  segments: { type: 'string' },
  'segment-features': { type: 'string' },
} as const;

export function recommendOptionsFrom(values: Record<string, unknown>): RecommendOptions {
  const features = str(values, 'segment-features');
  if (features !== undefined && !(SEGMENT_FEATURE_SETS as readonly string[]).includes(features)) {
    throw new UsageError(`--segment-features must be ${SEGMENT_FEATURE_SETS.join(' or ')}, got ${show(features)}`);
  }
  return {
    k: positiveInt(values, 'k', 10_000),
    testWeeks: positiveInt(values, 'test-weeks', 10_000),
    segments: positiveInt(values, 'segments', 10_000),
    segmentFeatures: features as SegmentFeatureSet | undefined,
  };
}

export async function recommendCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, recommendOptions, 1);
  if (values.help) {
    process.stdout.write(RECOMMEND_HELP);
    return 0;
  }
  const dir = requireRunDir(positionals[0], 'recommend');
  const options = recommendOptionsFrom(values);
  let r;
  try {
    r = await recommendRun(dir, options);
  } catch (e) {
    if (e instanceof RecommendOptionError) throw new UsageError(e.message);
    throw e;
  }
  process.stdout.write(
    `${formatRecommend(r)}\n  written to ${join(dir, 'analysis', 'recommend.json')} in ${r.seconds.toFixed(1)} s\n`,
  );
  return 0;
}

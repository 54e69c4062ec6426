/**
 * Everything the pipeline needs from a run in one pass over its transactions: the features, the
 * training weeks' features (for the recommenders' segments), the validation data, the
 * recommenders' split and the report's sums, each a reader of analysis/run sharing one scan
 * (run/shared-scan.ts), plus the truth. The run's files are checked against the manifest once.
 */
import { readRunData, type RunData } from './validation/index.ts';
import { computeFeatures, type FeatureTable } from './features/index.ts';
import { readSplit, temporalSplit } from './recommend/index.ts';
import { aggregateRun, type RunAggregate } from './report/index.ts';
import { guarded, type Run } from './run/index.ts';
import { readTruth, type Truth } from './agreement/index.ts';

export interface RunInputs {
  features: FeatureTable;
  truth: Truth;
  runData: RunData;
  split: Awaited<ReturnType<typeof readSplit>>;
  /** Features of the training weeks only (tick < the split tick). */
  trainingFeatures: FeatureTable;
  aggregate: RunAggregate;
}

/** Readers sharing the pass in {@link readRunInputs}. */
export const PIPELINE_READERS = 5;

/**
 * Reads a run once for analyze, validate, recommend and report. `run` must be opened with
 * `consumers: PIPELINE_READERS`; the caller closes it.
 */
export async function readRunInputs(run: Run, options: { testWeeks: number; leakBins: number }): Promise<RunInputs> {
  return guarded(run, async () => {
    const m = run.manifest;
    const splitTick = temporalSplit(m, options.testWeeks).splitTick;
    // A reader that fails before it registers must not leave the others waiting for it.
    const watch = <T>(p: Promise<T>): Promise<T> =>
      p.catch((e: unknown) => {
        run.abortScan(e);
        throw e;
      });
    const [features, trainingFeatures, runData, split, aggregate] = await Promise.all([
      watch(computeFeatures(run)),
      watch(computeFeatures(run, { maxTick: splitTick })),
      watch(readRunData(run, options.leakBins)),
      watch(readSplit(run, options.testWeeks)),
      watch(aggregateRun(run)),
    ]);
    const truth = await readTruth(
      run,
      m.counts.traders,
      m.scenario.population.personas.map((p) => p.id),
    );
    await run.verified();
    return { features, truth, runData, split, trainingFeatures, aggregate };
  });
}

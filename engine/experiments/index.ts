/** Experiments: runs of runs (sweep, counterfactual, Morris sensitivity), their runner and journal. */
export { runOne, metricValue } from './run-one.ts';
export type { Metrics, RunJob, RunOutput } from './run-one.ts';
export { runPlan, metricNames, failureSummary } from './runner.ts';
export type { PlannedRun, RunnerOptions, RunnerResult } from './runner.ts';
export { Journal } from './journal.ts';
export type { Identity, RunRow, RunStatus } from './journal.ts';
export { parseRange, parseValues, runId, runLabel, seedList } from './plan.ts';
export { describeBase, experimentHelp, experimentOptions, readBase, runScenario, stderr, stdout } from './base.ts';
export type { Base, ExperimentDeps } from './base.ts';
export { planSweep, runSweep, sweepCsv } from './sweep.ts';
export type { SweepRequest, SweepResult } from './sweep.ts';
export { MECHANISMS, MECHANISM_NAMES, mechanismHelp, parseMechanisms, withoutSets } from './mechanisms.ts';
export type { Mechanism, MechanismName } from './mechanisms.ts';
export { pairedDifferences, planCounterfactual, runCounterfactual } from './counterfactual.ts';
export type { CounterfactualRequest, CounterfactualResult, MetricDifference } from './counterfactual.ts';
export { morrisDesign, morrisEffects } from './morris.ts';
export type { Effects, Trajectory } from './morris.ts';
export { planSensitivity, readParams, runSensitivity } from './sensitivity.ts';
export type { ParamSpec, SensitivityRequest, SensitivityResult, SensitivityRow } from './sensitivity.ts';
export { meanInterval } from './stats.ts';
export type { Interval } from './stats.ts';
export { keptMetrics, placeKeptRun } from './kept-run.ts';
export { checkVersion, connectQueue } from './queue-connect.ts';
export type { QueueConnection } from './queue-connect.ts';
export {
  BACKOFF_MS,
  DEFAULT_ATTEMPTS,
  QUEUE_NAME,
  VERSION_KEY,
  experimentId,
  jobIdOf,
  jobOptions,
} from './queue-protocol.ts';
export type { QueuedRun } from './queue-protocol.ts';
export { runOnQueue } from './queue-runner.ts';
export type { QueueRunOptions } from './queue-runner.ts';
export { runQueueWorker } from './queue-worker.ts';
export type { QueueWorkerOptions } from './queue-worker.ts';
export { parseQueueUrl } from './queue-url.ts';
export type { QueueUrl } from './queue-url.ts';

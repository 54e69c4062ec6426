/**
 * Validating a run against the model's checklist: one pass gathers the data (run-data.ts), each
 * check in checks/ is a function of it and its thresholds (thresholds.ts), validate-run.ts runs them.
 */
export { chiSquareGoodnessOfFit, chiSquareSurvival } from './chi-square.ts';
export type { GoodnessOfFit } from './chi-square.ts';
export { readRunData } from './run-data.ts';
export type { RunData } from './run-data.ts';
export { DEFAULT_THRESHOLDS, THRESHOLD_RANGES, overrideThresholds } from './thresholds.ts';
export type { ThresholdOverrides, ThresholdRange, ValidationThresholds } from './thresholds.ts';
export { CHECK_IDS, formatValidation, validateRun, writeValidation } from './validate-run.ts';
export type { CheckResult, ValidationResult } from './validate-run.ts';

/**
 * Validating a run against MODEL.md's checklist ("What the data must show"): nine checks, each
 * computed from the outputs and the ground truth (traders.csv), each able to fail. One streaming
 * pass gathers the data (run-data.ts); each check is a function of that data and its
 * thresholds (checks/*.ts; thresholds and their reasoning in thresholds.ts).
 */
import { join } from 'node:path';
import type { CheckResult } from './check-result.ts';
import { checkCorrelations } from './checks/correlations.ts';
import { checkDistributions } from './checks/distributions.ts';
import { checkLeakage } from './checks/leakage.ts';
import { checkLifecycle } from './checks/lifecycle.ts';
import { checkPersonaDistribution } from './checks/persona-distribution.ts';
import { checkPriceSensitivity } from './checks/price-sensitivity.ts';
import { checkRepeat } from './checks/repeat.ts';
import { readRunData, type RunData } from './run-data.ts';
import type { Run } from '../run/index.ts';
import { checkSpecialisation } from './checks/specialisation.ts';
import { checkTemporal } from './checks/temporal.ts';
import { DEFAULT_THRESHOLDS, type ValidationThresholds } from './thresholds.ts';
import { brief, writeFileAtomic } from '../common/index.ts';

export type { CheckResult } from './check-result.ts';

export interface ValidationResult {
  checks: CheckResult[];
  passed: number;
  failed: number;
  thresholds: ValidationThresholds;
}

/** The check ids in report order. */
export const CHECK_IDS = [
  'persona-distribution',
  'feature-correlations',
  'temporal-patterns',
  'category-specialisation',
  'price-sensitivity',
  'repeat-purchases',
  'lifecycle',
  'realistic-distributions',
  'no-truth-leak',
] as const;

/**
 * Runs every check on a run directory. Throws RunDirError when the directory is not a usable run
 * (no manifest, a missing file or column, trader ids that do not match traders.csv).
 */
export async function validateRun(
  dir: string | Run,
  thresholds: ValidationThresholds = DEFAULT_THRESHOLDS,
  read?: RunData,
): Promise<ValidationResult> {
  // `read`: the data already gathered (the pipeline's one pass, pipeline-inputs.ts), at the same leak bins.
  const data = read ?? (await readRunData(dir, thresholds.leakage.bins));
  const checks = [
    checkPersonaDistribution(data, thresholds.personaDistribution),
    checkCorrelations(data, thresholds.correlations),
    checkTemporal(data, thresholds.temporal),
    checkSpecialisation(data, thresholds.specialisation),
    checkPriceSensitivity(data, thresholds.priceSensitivity),
    checkRepeat(data, thresholds.repeat),
    checkLifecycle(data, thresholds.lifecycle),
    checkDistributions(data, thresholds.distributions),
    checkLeakage(data, thresholds.leakage),
  ];
  const passed = checks.filter((c) => c.pass).length;
  return { checks, passed, failed: checks.length - passed, thresholds };
}

/** Writes DIR/validation.json (atomically) and returns its path. */
export function writeValidation(dir: string, result: ValidationResult): string {
  const path = join(dir, 'validation.json');
  writeFileAtomic(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}

/** "name value, name value": the measured values or thresholds of a check, on one line. */
function namedValues(record: Record<string, number | null>): string {
  return Object.entries(record)
    .map(([k, v]) => `${k} ${brief(v)}`)
    .join(', ');
}

/** One line per check: PASS/FAIL, name, measured values, thresholds. */
export function formatValidation(r: ValidationResult): string {
  const width = Math.max(...r.checks.map((c) => c.name.length));
  const lines = r.checks.map(
    (c) =>
      `${c.pass ? 'PASS' : 'FAIL'}  ${c.name.padEnd(width)}  ${namedValues(c.value)}  [${namedValues(c.threshold)}]`,
  );
  lines.push(
    `${r.passed} of ${r.checks.length} checks passed${
      r.failed
        ? `; failed: ${r.checks
            .filter((c) => !c.pass)
            .map((c) => c.id)
            .join(', ')}`
        : ''
    }`,
  );
  return lines.join('\n');
}

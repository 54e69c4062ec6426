/**
 * Runs for the validation tests (tests/analysis/validate-*.test.ts), simulated once per `npm test`
 * and shared between the files (helpers/shared-run.ts), validated (default thresholds) by the tests
 * that ask for the result, once per file: a test that runs the validation itself asks for the run only.
 *
 * A mutated run is compared with the unmutated run of the same size and seed (`base`), and must
 * fail exactly its own check: the checks measure separate things. Those runs are 1,200 traders x 22
 * weeks, large enough for ~100 newcomers observed 16 weeks after joining (the lifecycle check's
 * ratio then has a standard error near 0.045, 3.5 of them from its threshold on either side; see
 * analysis/validation/thresholds.ts).
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECK_IDS, validateRun, type ValidationResult } from '../../analysis/validation/validate-run.ts';
import { resolveScenario } from '../../engine/scenario-load.ts';
import type { Scenario } from '../../engine/scenario.ts';
import { tempDir } from '../helpers/run.ts';
import { sealRun } from '../helpers/seal.ts';
import { sharedRun } from '../helpers/shared-run.ts';

export interface Validated {
  dir: string;
  result: ValidationResult;
}

const runs = new Map<string, Promise<string>>();
const results = new Map<string, Promise<Validated>>();

/** Simulates a (possibly mutated) scenario once per file for each key; resolves to its run directory. */
export function simulated(
  key: string,
  preset: 'personas' | 'uniform',
  traders: number,
  weeks: number,
  seed: string,
  mutate?: (s: Scenario) => void,
): Promise<string> {
  let p = runs.get(key);
  if (!p) {
    p = (async () => {
      const s = resolveScenario({ preset, traders, weeks, seed });
      mutate?.(s);
      return (await sharedRun(s, join(tempDir(`musika-validate-${key}-`), 'run'), { threads: 1 })).dir;
    })();
    runs.set(key, p);
  }
  return p;
}

/** Simulates (as `simulated`) and validates, once per file for each key. */
export function validated(...args: Parameters<typeof simulated>): Promise<Validated> {
  const key = args[0];
  let p = results.get(key);
  if (!p) {
    p = simulated(...args).then(async (dir) => ({ dir, result: await validateRun(dir) }));
    results.set(key, p);
  }
  return p;
}

/** The default run's size, on which the default thresholds were set (seeds 42-44). */
export const DEFAULT_RUN = { traders: 2000, weeks: 26 } as const;

export const MUTATED = { traders: 1200, weeks: 22, seed: 'validate' } as const;

const BASE = ['base', 'personas', MUTATED.traders, MUTATED.weeks, MUTATED.seed] as const;

/** The unmutated run the mutated ones are compared with. */
export const base = (): Promise<Validated> => validated(...BASE);

/** base()'s run directory, for a file that validates it itself (validation is a second or more of CPU). */
export const baseRun = (): Promise<string> => simulated(...BASE);

export const mutated = (key: string, mutate: (s: Scenario) => void): Promise<Validated> =>
  validated(key, 'personas', MUTATED.traders, MUTATED.weeks, MUTATED.seed, mutate);

const SMALL = [
  'small',
  'personas',
  800,
  16,
  'validate-small',
  (s: Scenario) => {
    s.population.lifecycle.enabled = false;
  },
] as const;

/** A small run for the tampered files: lifecycle off (it could not be observed in 16 weeks anyway). */
export const small = (): Promise<Validated> => validated(...SMALL);

/** small()'s run directory, for a file that validates it itself. */
export const smallRun = (): Promise<string> => simulated(...SMALL);

export const check = (r: ValidationResult, id: string) => r.checks.find((c) => c.id === id)!;

export const failing = (r: ValidationResult): string[] => r.checks.filter((c) => !c.pass).map((c) => c.id);

/** Checks that fail on `after` but passed on `before`. */
export const newFailures = (before: ValidationResult, after: ValidationResult): string[] =>
  failing(after).filter((id) => check(before, id).pass);

/** The checks as lines, for assertion messages. */
export const table = (r: ValidationResult): string =>
  r.checks.map((c) => `${c.pass ? 'PASS' : 'FAIL'} ${c.id} ${JSON.stringify(c.value)}`).join('\n');

/** A copy of a run directory: files symlinked except those given new content, sealed anew. */
export function copyRun(from: string, replace: Record<string, string>): string {
  const dir = join(tempDir('musika-validate-tampered-'), 'run');
  mkdirSync(dir);
  for (const f of ['manifest.json', 'traders.csv', 'transactions.csv', 'prices.csv']) {
    if (f in replace) writeFileSync(join(dir, f), replace[f]);
    else if (f === 'manifest.json') writeFileSync(join(dir, f), readFileSync(join(from, f)));
    else symlinkSync(join(from, f), join(dir, f));
  }
  // A consistent run with odd content, not a damaged one: the manifest records the new files.
  sealRun(dir);
  return dir;
}

/** Every check, in CHECK_IDS order, and every one passed. */
export function assertAllPass(result: ValidationResult): void {
  assert.deepEqual(
    result.checks.map((c) => c.id),
    [...CHECK_IDS],
  );
  assert.deepEqual(failing(result), [], table(result));
  assert.equal(result.passed, CHECK_IDS.length);
  assert.equal(result.failed, 0);
}

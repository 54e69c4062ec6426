/**
 * `musika validate --thresholds FILE.json`: a JSON file overriding any of the validation thresholds
 * (analysis/validation/thresholds.ts holds the defaults, their reasoning and ranges). Checked
 * strictly with the house's one-line messages: an unknown key, a value of the wrong type or out of
 * its range is a UsageError naming the field and the value.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  THRESHOLD_RANGES,
  overrideThresholds,
  type ThresholdOverrides,
  type ThresholdRange,
  type ValidationThresholds,
} from '../analysis/validation/index.ts';
import { UsageError, parseInput, show } from './errors.ts';

/** An overrides file's schema, from the ranges: any subset of the sections and of their keys. */
const OVERRIDES = z.strictObject(
  Object.fromEntries(
    Object.entries(THRESHOLD_RANGES).map(([section, keys]) => [
      section,
      z
        .strictObject(
          Object.fromEntries(
            Object.entries(keys as Record<string, ThresholdRange>).map(([key, r]) => {
              const error = `expected ${r.integer ? 'an integer' : 'a number'} in [${r.min}, ${r.max}]`;
              const n = z.number({ error }).min(r.min, { error }).max(r.max, { error });
              return [key, (r.integer ? n.int({ error }) : n).optional()];
            }),
          ),
          { error: 'expected an object' },
        )
        .optional(),
    ]),
  ),
  { error: 'expected a JSON object' },
);

/**
 * The defaults overlaid with `override` (a parsed JSON value): any subset of the sections and keys.
 *
 * @param source - what to name in messages, e.g. the file path
 * @throws SchemaError (a UsageError), one line naming the field and the value, on an unknown section
 *   or key, a non-object section, a value that is not a finite number, a count that is not an
 *   integer, or a value outside its range
 */
export function resolveThresholds(override: unknown = {}, source = 'thresholds'): ValidationThresholds {
  const parsed = parseInput(OVERRIDES, override, { label: 'thresholds', prefix: `${source}: ` });
  return overrideThresholds(parsed as ThresholdOverrides);
}

/**
 * Reads a thresholds file (JSON) and resolves it against the defaults.
 *
 * @throws UsageError when the file is missing or unreadable, is not JSON, or fails resolveThresholds
 */
export function loadThresholdsFile(path: string): ValidationThresholds {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`thresholds file not found or unreadable: ${show(path)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(
      `thresholds file ${show(path)} is not valid JSON: ${(e as Error).message.replace(/\s+/g, ' ')}`,
    );
  }
  return resolveThresholds(json, `thresholds file ${show(path)}`);
}

/**
 * Resolving a scenario: preset, then a JSON override file, then command-line values; validated
 * once, here, by the scenario's schema (scenario-schema.ts), with errors that name the field and
 * the value. Nothing downstream re-checks.
 */
import { readFileSync } from 'node:fs';
import { SchemaError, UsageError, isPlainObject, parseInput, show } from './errors.ts';
import { presetScenario } from './scenario-presets.ts';
import { applyAssignment, nameAssignment, type Assignment } from './scenario-paths.ts';
import { scenarioSchema } from './scenario-schema.ts';
import { SCENARIO_NAMES, type Scenario, type ScenarioName } from './scenario.ts';

/**
 * Overlays `override` (a --config file's JSON) on `target` in place: objects are merged key by
 * key, anything else (arrays included) replaces the target's value whole. Nothing is checked here:
 * the merged scenario goes through the schema, which names an unknown key or a bad value by its path.
 */
export function overlay(target: Record<string, unknown>, override: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(override)) {
    const current = target[key];
    if (isPlainObject(current) && isPlainObject(value)) overlay(current, value);
    else target[key] = structuredClone(value);
  }
}

/** Checks every field of a resolved scenario against the schema; throws a one-line UsageError naming the first bad one. */
export function validateScenario(s: Scenario): void {
  parseInput(scenarioSchema, s, { label: 'scenario' });
}

export interface ScenarioRequest {
  preset: string;
  configFile?: string;
  traders?: number;
  weeks?: number;
  seed?: string;
  /** `--set PATH=VALUE` assignments, applied in order after the config file (scenario-paths.ts). */
  sets?: Assignment[];
}

/** Builds, overrides and validates a scenario. Throws UsageError on any bad input. */
export function resolveScenario(req: ScenarioRequest): Scenario {
  if (!(SCENARIO_NAMES as readonly string[]).includes(req.preset)) {
    throw new UsageError(`--scenario must be one of ${SCENARIO_NAMES.join(', ')}, got ${show(req.preset)}`);
  }
  const s = presetScenario(req.preset as ScenarioName);
  if (req.configFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(req.configFile, 'utf8');
    } catch {
      throw new UsageError(`--config file not found or unreadable: ${show(req.configFile)}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new UsageError(
        `--config ${show(req.configFile)} is not valid JSON: ${(e as Error).message.replace(/\s+/g, ' ')}`,
      );
    }
    if (!isPlainObject(json))
      throw new UsageError(`--config ${show(req.configFile)}: expected a JSON object, got ${show(json)}`);
    if ('name' in json)
      throw new UsageError(
        `--config ${show(req.configFile)}: name: the preset cannot be overridden, choose it with --scenario`,
      );
    // "$schema" points an editor at `musika schema`'s output; it is not a scenario field.
    const { $schema: _, ...fields } = json;
    overlay(s as unknown as Record<string, unknown>, fields);
    // Checked before the command line's values apply: a bad value in the file is an error even
    // where --set or --weeks would replace it, and the message names the file.
    try {
      validateScenario(s);
    } catch (e) {
      throw new SchemaError(
        `--config ${show(req.configFile)}: ${(e as Error).message}`,
        e instanceof SchemaError ? e.path : [],
      );
    }
  }
  const applied = (req.sets ?? []).map((a) => ({ a, concrete: applyAssignment(s, a) }));
  if (req.traders !== undefined) s.traders = req.traders;
  if (req.weeks !== undefined) s.weeks = req.weeks;
  if (req.seed !== undefined) s.seed = req.seed;
  try {
    validateScenario(s);
  } catch (e) {
    throw nameAssignment(e, applied);
  }
  return s;
}

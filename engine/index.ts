/**
 * The engine's public API: scenarios (presets, loading, validation), a run of one (simulate) and
 * its manifest, and the command line's main(). bench/ and end-to-end tests import the engine
 * through this file; the engine's own modules import each other directly. The musika program is
 * engine/bin.mjs, which runs cli.ts.
 */
export { main } from './cli-main.ts';
export { UsageError } from './errors.ts';
export type { Manifest } from './manifest.ts';
export { SCENARIO_NAMES } from './scenario.ts';
export type { Scenario, ScenarioName } from './scenario.ts';
export { resolveScenario, validateScenario } from './scenario-load.ts';
export type { ScenarioRequest } from './scenario-load.ts';
export { distinctScenario, personasScenario, presetScenario, uniformScenario } from './scenario-presets.ts';
export { simulate } from './simulate.ts';
export type { SimulateOptions, SimulationSummary } from './simulate.ts';

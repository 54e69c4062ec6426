/**
 * A scenario: every parameter of a run in one typed place. The presets (personas, uniform,
 * distinct) are in scenario-presets.ts; a JSON file may override any field (scenario-load.ts).
 */
import type { PopulationConfig } from '../agents/index.ts';
import type { MarketConfig } from '../market/index.ts';
import type { CalendarConfig } from './clock.ts';

export const SCENARIO_NAMES = ['personas', 'uniform', 'distinct'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface Scenario {
  name: ScenarioName;
  traders: number;
  weeks: number;
  seed: string;
  calendar: CalendarConfig;
  population: PopulationConfig;
  market: MarketConfig;
}

/**
 * The agents' part of a scenario: who the traders are and how they live.
 * Defaults are in engine/scenario-defaults.ts, which composes this with the market's part.
 */
import type { PersonaSpec, HourPeak } from './personas.ts';

export interface VariationConfig {
  /** Sigma of the lognormal individual activity factor. */
  activitySigma: number;
  /** Sigma of the lognormal individual budget factor (also scales quantities). */
  budgetSigma: number;
  /** Sigma of the normal shift of repeat probability on the logit scale. */
  repeatSigma: number;
  /** Sigma of the lognormal individual price-sensitivity factor. */
  sensitivitySigma: number;
  /** Sigma of the per-item lognormal quantity noise. */
  quantitySigma: number;
}

export interface EdgeCaseConfig {
  /** Share of traders who are power users (activity and budget multiplied by powerUserFactor). */
  powerUserShare: number;
  powerUserFactor: number;
  /** Share of traders who go dormant for good. */
  dormantShare: number;
  /**
   * A dormant trader stops after a uniform time of 0 to twice this many weeks from when it joined or
   * the run started, whichever is later: a process in the trader's own time, not the run's length.
   */
  dormantAfterWeeks: number;
}

export interface LifecycleConfig {
  enabled: boolean;
  /** Weeks a new trader takes to ramp from rampStart to full activity. */
  rampWeeks: number;
  /** Activity factor in a trader's first week. */
  rampStart: number;
  /** Share of traders already trading when the simulation starts. */
  existingShare: number;
  /** Existing traders joined up to this many weeks before the start. */
  tenureWeeks: number;
  /**
   * Newcomers arrive in calendar time: each waits an exponential time with this mean, in weeks,
   * from the start, so a longer (or extended) run sees more of them join, never a different set.
   */
  joinMeanWeeks: number;
  /** Share of traders whose activity declines later in their tenure. */
  declineShare: number;
  /** A declining trader's decline begins at a tenure uniform in [0.5, 1.5] x this many weeks. */
  declineAfterWeeks: number;
  /** Weeks the decline takes to reach its depth; the activity then stays there. */
  declineWeeks: number;
  /** Activity lost at the end of a decline (0.5 = halved). */
  declineDepth: number;
}

export interface UniformConfig {
  /** Every multiplier is drawn independently, uniformly in [low, high]. */
  low: number;
  high: number;
  /** Number of preferred categories, uniformly in [min, max]. */
  categoryCount: [number, number];
  /** The one time-of-day profile every trader shares. */
  hours: HourPeak[];
}

export interface BudgetConfig {
  /** 'monthly': the whole budget arrives on payday and runs down; 'daily': it accrues evenly. */
  cycle: 'monthly' | 'daily';
  /** Day of the month the money arrives. */
  payday: number;
  /** Monthly budget in USD of a trader with every multiplier at 1. */
  base: number;
}

export interface PopulationConfig {
  /** 'personas': behaviour follows the persona table; 'uniform': the brief's "before", one distribution for all. */
  mode: 'personas' | 'uniform';
  personas: PersonaSpec[];
  /** Market visits per week of a trader with every multiplier at 1. */
  baseVisitsPerWeek: number;
  budget: BudgetConfig;
  variation: VariationConfig;
  edgeCases: EdgeCaseConfig;
  lifecycle: LifecycleConfig;
  uniform: UniformConfig;
  /** Products remembered for repeat purchases. */
  memorySize: number;
  /** Weight of a product's discount today (price against its seasonal normal) in the choice, per unit of sensitivity. */
  dealWeight: number;
  /** Elasticity of quantity to price per unit of sensitivity: buy less when dear. */
  quantityElasticity: number;
}

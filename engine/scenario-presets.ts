/**
 * The scenario defaults and the three presets.
 *
 * - personas: the brief's model with realistic overlap between people (the default).
 * - uniform: the brief's "before": one distribution for everyone, no lifecycle, no seasons, no
 *   budget cycle, no persona hours; same catalogue, zones and price process.
 * - distinct: textbook personas, for teaching or testing clustering: little individual variation,
 *   no edge cases, persona parameters pushed further apart.
 * Choices not given by the brief are written here, with the reason.
 */
import { DEFAULT_PERSONAS, type PersonaSpec } from '../agents/index.ts';
import { DEFAULT_CATALOGUE, DEFAULT_ZONES } from '../market/index.ts';
import type { Scenario, ScenarioName } from './scenario.ts';

function clone<T>(x: T): T {
  return structuredClone(x);
}

export function personasScenario(): Scenario {
  return {
    name: 'personas',
    traders: 2000,
    weeks: 26,
    seed: '42',
    calendar: {
      // A Monday in the rainy season, so a half-year run crosses the lean season and the harvest.
      startDate: '2025-01-06',
      openHour: 5,
      closeHour: 19,
      // Friday and Saturday are the big market days; Sunday is quiet.
      weekly: [0.95, 0.85, 0.9, 0.95, 1.1, 1.4, 0.55],
      monthlyAmplitude: 0.2,
    },
    population: {
      mode: 'personas',
      personas: clone(DEFAULT_PERSONAS),
      baseVisitsPerWeek: 1.5,
      // A normal household's monthly market budget, in USD.
      budget: { cycle: 'monthly', payday: 1, base: 100 },
      variation: { activitySigma: 0.3, budgetSigma: 0.3, repeatSigma: 0.5, sensitivitySigma: 0.3, quantitySigma: 0.35 },
      // Dormant traders stop within a year (half a year on average) of joining or of the start.
      edgeCases: { powerUserShare: 0.01, powerUserFactor: 3, dormantShare: 0.02, dormantAfterWeeks: 26 },
      lifecycle: {
        enabled: true,
        rampWeeks: 12,
        rampStart: 0.5,
        existingShare: 0.6,
        tenureWeeks: 52,
        // Newcomers arrive over months: a quarter on average, so half a year sees most of them.
        joinMeanWeeks: 13,
        declineShare: 0.3,
        // Some traders tire after about a year in the market (half a year to a year and a half),
        // and over the next half year their visits fall to half.
        declineAfterWeeks: 52,
        declineWeeks: 26,
        declineDepth: 0.5,
      },
      uniform: { low: 0.8, high: 1.2, categoryCount: [2, 6], hours: [[11, 3.5, 1]] },
      memorySize: 8,
      dealWeight: 2,
      quantityElasticity: 0.5,
    },
    market: {
      catalogue: clone(DEFAULT_CATALOGUE),
      zones: clone(DEFAULT_ZONES),
      price: {
        seasonality: 1,
        noiseSigma: 0.03,
        reversion: 0.9,
        // A vendor whose stock covers half the day's expected sales asks about 19% more
        // (0.25 x log 2); with a quarter, about 41%. Slack stock is marked down by the same rule.
        demandResponse: 0.25,
        // The same slope for the pace of trade: a vendor who has sold a tenth of the morning's
        // stock more than expected by this hour asks 2.5% more, about what stock 10% short of the
        // rest of the day's sales adds (0.25 x -log 0.9, 2.6%); one whose trade lags asks less. This is what
        // moves a dry-goods stall's price within the day while its reserve keeps cover above one.
        paceResponse: 0.25,
        // Leftover greens go for up to a third off (e^-0.4) in the last three hours before close.
        markdownMax: 0.4,
        markdownHours: 3,
        maxDeviation: 0.5,
      },
      stock: {
        enabled: true,
        // Greens, tomatoes, fruit, fresh fish and bread do not keep overnight in an open market.
        spoilage: true,
        // Vendors bring 5% over what they expect to sell plus one standard deviation of the
        // day's requests: out of stock on about one day in six if demand were normal. Running
        // out loses customers, but unsold perishables are a loss too.
        margin: 0.05,
        safety: 1,
        // Perishables a quarter sd over the mean, our assumption: the one-day newsvendor rule
        // (a unit short loses the ~25% margin, a unit left at close its ~75% cost; critical ratio
        // about 0.25) would stock below the mean, but a stall often bare loses its regulars, a
        // cost that rule leaves out, and markdowns sell part of the surplus before close.
        perishableSafety: 0.25,
        // Maize meal, rice, oil, beans and sugar keep: a dry-goods stall holds about two more days
        // of sales than today's target (our assumption: restocked from wholesalers twice a week,
        // topped up daily), so one wholesaler's bulk order does not empty it.
        reserveDays: 2,
        // At least two households' worth of anything on the catalogue, so rare items are on the stall.
        minHouseholds: 2,
        // A day's delivery varies about 15% around its target (transport, harvest, cash for stock).
        deliveryNoise: 0.15,
        // Out of season supply falls short of what sells: at a seasonal price offset of +0.3
        // (mango in winter) deliveries are e^-0.15, about 14%, short of the vendor's target.
        seasonalSupply: 0.5,
        // Expectations per weekday follow the last few weeks' requests (weight 0.3 on the newest).
        learningRate: 0.3,
        // Vendors know paydays: each day of the month's rush or lull, against its weekday, is
        // learnt half way from the last month.
        monthRate: 0.5,
      },
    },
  };
}

export function uniformScenario(): Scenario {
  const s = personasScenario();
  s.name = 'uniform';
  s.population.mode = 'uniform';
  s.population.lifecycle.enabled = false;
  s.population.budget.cycle = 'daily';
  s.population.edgeCases = { powerUserShare: 0, powerUserFactor: 1, dormantShare: 0, dormantAfterWeeks: 26 };
  s.calendar.weekly = [1, 1, 1, 1, 1, 1, 1];
  s.calendar.monthlyAmplitude = 0;
  s.market.price.seasonality = 0;
  return s;
}

/** Pushes a persona's parameters apart from the crowd: more of what makes it itself. */
const DISTINCT: Record<string, Partial<PersonaSpec>> = {
  bulk_wholesaler: { activity: 3, repeat: 0.95, categoryCount: [1, 1], hours: [[5.5, 0.6, 1]] },
  small_retailer: { repeat: 0.75, categoryCount: [3, 3], hours: [[7.5, 0.8, 1]] },
  frequent_individual: { repeat: 0.55, categoryCount: [6, 7], hours: [[17.5, 0.8, 1]] },
  occasional_buyer: { activity: 0.4, repeat: 0.15, offPreference: 0.5, hours: [[12.5, 1.5, 1]] },
  category_specialist: { repeat: 0.97, hours: [[9.5, 0.8, 1]] },
  bargain_hunter: { repeat: 0.05, priceSensitivity: 3, hours: [[16.5, 0.8, 1]] },
};

export function distinctScenario(): Scenario {
  const s = personasScenario();
  s.name = 'distinct';
  s.population.variation = {
    activitySigma: 0.1,
    budgetSigma: 0.1,
    repeatSigma: 0.15,
    sensitivitySigma: 0.1,
    quantitySigma: 0.2,
  };
  s.population.edgeCases = { powerUserShare: 0, powerUserFactor: 1, dormantShare: 0, dormantAfterWeeks: 26 };
  s.population.personas = s.population.personas.map((p) => ({ ...p, ...clone(DISTINCT[p.id] ?? {}) }));
  return s;
}

export function presetScenario(name: ScenarioName): Scenario {
  switch (name) {
    case 'personas':
      return personasScenario();
    case 'uniform':
      return uniformScenario();
    case 'distinct':
      return distinctScenario();
  }
}

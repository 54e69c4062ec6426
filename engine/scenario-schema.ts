/**
 * The scenario's schema: every field of a run's parameters with its type and its rule, in one
 * place. It checks a resolved scenario (scenario-load.ts: preset, --config overlay, --set values)
 * and a checkpoint's scenario on --extend, and `musika schema` prints it as JSON Schema for editors.
 *
 * The TypeScript interfaces (scenario.ts, agents/config.ts, market/config.ts, clock.ts) keep their
 * documentation; `satisfies` and the type assertions at the end make the compiler hold them and
 * the schema to one shape, so a field added to one and not the other does not compile.
 */
import { z } from 'zod';
import type {
  BudgetConfig,
  EdgeCaseConfig,
  LifecycleConfig,
  PopulationConfig,
  UniformConfig,
  VariationConfig,
  HourPeak,
  PersonaSpec,
} from '../agents/index.ts';
import {
  boolean,
  crossIssue,
  integer,
  marketSchema,
  positive,
  range,
  sharesSumToOne,
  slug,
  uniqueIds,
} from '../market/index.ts';
import { parseStartDate, type CalendarConfig } from './clock.ts';
import { SCENARIO_NAMES, type Scenario } from './scenario.ts';

const nonNegative = (): z.ZodNumber =>
  z.number({ error: 'expected a number >= 0' }).min(0, { error: 'expected a number >= 0' });

const calendar = z
  .strictObject({
    startDate: z
      .string({ error: 'expected a date YYYY-MM-DD' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date YYYY-MM-DD' })
      .refine(
        (d) => {
          try {
            parseStartDate(d);
            return true;
          } catch {
            return false;
          }
        },
        { error: 'expected a date YYYY-MM-DD' },
      ),
    openHour: integer(0, 23, 'an integer hour 0-23'),
    closeHour: integer(1, 24, 'an integer hour 1-24, after openHour'),
    weekly: z
      .array(nonNegative(), { error: 'expected 7 numbers >= 0 (Monday..Sunday)' })
      .length(7, { error: 'expected 7 numbers >= 0 (Monday..Sunday)' }),
    monthlyAmplitude: range(0, 0.95),
  })
  .superRefine((c, ctx) => {
    if (c.closeHour <= c.openHour)
      crossIssue(
        ctx,
        ['closeHour'],
        `expected an integer hour after openHour (${c.openHour}) and at most 24`,
        c.closeHour,
      );
  }) satisfies z.ZodType<CalendarConfig>;

const HOURS_RULE = 'expected a non-empty array of [centre 0-24, spread > 0, weight >= 0]';
const hourPeak = z.tuple([range(0, 24), positive(), nonNegative()], {
  error: 'expected [centre 0-24, spread > 0, weight >= 0]',
}) satisfies z.ZodType<HourPeak>;
const hours = z.array(hourPeak, { error: HOURS_RULE }).min(1, { error: HOURS_RULE });

/** [min, max] preferred categories; max against the catalogue is checked by the scenario's schema. */
const categoryCount = z
  .tuple([integer(1, 255, 'an integer >= 1'), integer(1, 255, 'an integer >= 1')], {
    error: 'expected [min, max] with 1 <= min <= max',
  })
  .refine(([lo, hi]) => lo <= hi, { error: 'expected [min, max] with 1 <= min <= max' });

const persona = z.strictObject({
  id: slug,
  share: range(0, 1),
  activity: positive(10),
  budget: positive(100),
  repeat: range(0.001, 0.999),
  priceSensitivity: range(0, 4),
  categoryCount,
  categoryFocus: range(0.01, 1),
  offPreference: range(0, 1),
  basketSize: range(1, 50),
  bulk: boolean,
  quantityScale: positive(100),
  hours,
  weekend: nonNegative(),
}) satisfies z.ZodType<PersonaSpec>;

const personas = z
  .array(persona, { error: 'expected a list of 1 to 255 personas' })
  .min(1, { error: 'expected a list of 1 to 255 personas' })
  .max(255, { error: 'expected a list of 1 to 255 personas' })
  .superRefine((list, ctx) => {
    uniqueIds(list, ctx);
    // After --set rescales the others, shares still sum to 1 up to rounding, far within this.
    sharesSumToOne(list, ctx);
  });

// Lognormal sigmas: 2 already spreads the middle 95% of traders over a factor of 2,500.
const variation = z.strictObject({
  activitySigma: range(0, 2),
  budgetSigma: range(0, 2),
  repeatSigma: range(0, 3),
  sensitivitySigma: range(0, 2),
  quantitySigma: range(0, 2),
}) satisfies z.ZodType<VariationConfig>;

const edgeCases = z
  .strictObject({
    powerUserShare: range(0, 1),
    powerUserFactor: positive(10),
    dormantShare: range(0, 1),
    dormantAfterWeeks: positive(),
  })
  .superRefine((e, ctx) => {
    if (e.dormantShare > 1 - e.powerUserShare)
      crossIssue(
        ctx,
        ['dormantShare'],
        `expected a number in [0, 1 - powerUserShare (${e.powerUserShare})]`,
        e.dormantShare,
      );
  }) satisfies z.ZodType<EdgeCaseConfig>;

const lifecycle = z.strictObject({
  enabled: boolean,
  rampWeeks: positive(),
  rampStart: range(0.01, 1),
  existingShare: range(0, 1),
  tenureWeeks: nonNegative(),
  joinMeanWeeks: positive(),
  declineShare: range(0, 1),
  declineAfterWeeks: positive(),
  declineWeeks: positive(),
  declineDepth: range(0, 1),
}) satisfies z.ZodType<LifecycleConfig>;

const uniform = z.strictObject({ low: positive(), high: positive(), categoryCount, hours }).superRefine((u, ctx) => {
  if (u.low > u.high) crossIssue(ctx, ['low'], `expected a positive number <= high (${u.high})`, u.low);
}) satisfies z.ZodType<UniformConfig>;

const budget = z.strictObject({
  cycle: z.enum(['monthly', 'daily'], { error: 'expected "monthly" or "daily"' }),
  payday: integer(1, 28, 'a day of the month 1-28'),
  base: positive(1_000_000),
}) satisfies z.ZodType<BudgetConfig>;

const population = z.strictObject({
  mode: z.enum(['personas', 'uniform'], { error: 'expected "personas" or "uniform"' }),
  personas,
  // Ten visits a day for a trader with every multiplier at 1.
  baseVisitsPerWeek: positive(70),
  budget,
  variation,
  edgeCases,
  lifecycle,
  uniform,
  memorySize: integer(1, 255),
  dealWeight: range(0, 10),
  quantityElasticity: range(0, 5),
}) satisfies z.ZodType<PopulationConfig>;

export const scenarioSchema = z
  .strictObject({
    name: z.enum(SCENARIO_NAMES, { error: `expected one of ${SCENARIO_NAMES.join(', ')}` }),
    traders: integer(1, 50_000_000, 'a positive integer up to 50,000,000'),
    weeks: integer(1, 520, 'a positive integer up to 520'),
    seed: z.string({ error: 'expected a non-empty string' }).min(1, { error: 'expected a non-empty string' }),
    calendar,
    population,
    market: marketSchema,
  })
  .superRefine((s, ctx) => {
    const categories = s.market.catalogue.categories.length;
    s.population.personas.forEach((p, i) => {
      if (p.categoryCount[1] > categories)
        crossIssue(
          ctx,
          ['population', 'personas', i, 'categoryCount'],
          `expected [min, max] with max <= ${categories} categories`,
          p.categoryCount,
        );
    });
    if (s.population.uniform.categoryCount[1] > categories) {
      crossIssue(
        ctx,
        ['population', 'uniform', 'categoryCount'],
        `expected [min, max] with max <= ${categories} categories`,
        s.population.uniform.categoryCount,
      );
    }
    const tradingHours = s.calendar.closeHour - s.calendar.openHour;
    if (s.market.price.markdownHours > tradingHours) {
      crossIssue(
        ctx,
        ['market', 'price', 'markdownHours'],
        `expected an integer from 1 to the ${tradingHours} trading hours`,
        s.market.price.markdownHours,
      );
    }
  });

// The schema's type and the documented interfaces are one shape (each assignable to the other).
type Parsed = z.output<typeof scenarioSchema>;
const toInterface = (s: Parsed): Scenario => s;
const toParsed = (s: Scenario): Parsed => s;
void toInterface;
void toParsed;

/**
 * The scenario's JSON Schema (draft 2020-12). `full`: a whole scenario, every field required (a
 * manifest's `scenario`); otherwise a --config file: any subset of the fields, objects merged into
 * the preset and arrays replaced whole (so an array's elements are whole), no `name` (the preset is
 * chosen with --scenario), and a `$schema` key for editors.
 */
export function scenarioJsonSchema(full = false): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  schema.title = full ? 'musika scenario' : 'musika scenario overrides (--config FILE.json)';
  schema.description = full
    ? 'A whole musika scenario, as in manifest.json.'
    : 'Fields of a musika scenario to override: objects are merged into the preset chosen with --scenario, arrays replaced whole. Every field and its default: engine/scenario-presets.ts.';
  if (full) return schema;
  const props = schema.properties as Record<string, unknown>;
  delete props.name;
  props.$schema = { type: 'string', description: 'the JSON Schema this file follows (musika schema > FILE)' };
  // Objects reached through properties only are partial; anything inside an array stays whole.
  const optional = (node: Record<string, unknown>): void => {
    delete node.required;
    for (const child of Object.values((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
      if (child.type === 'object') optional(child);
    }
  };
  optional(schema);
  return schema;
}

/**
 * Resolving a scenario: preset, then a JSON override file, then command-line values; validated
 * once, here, with errors that name the field and the value. Nothing downstream re-checks.
 */
import { readFileSync } from 'node:fs';
import type { PersonaSpec } from '../agents/personas.ts';
import { checkCatalogue, checkZones } from '../market/catalogue-check.ts';
import { UsageError, show } from './errors.ts';
import { parseStartDate } from './clock.ts';
import { presetScenario } from './scenario-presets.ts';
import { applyAssignment, nameAssignment, type Assignment } from './scenario-paths.ts';
import { SCENARIO_NAMES, type Scenario, type ScenarioName } from './scenario.ts';

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * Overlays `override` on `target` in place. The target's shape is the schema: an unknown key or a
 * value of another type is an error. Arrays are replaced whole and checked by validateScenario.
 */
export function overlay(target: Record<string, unknown>, override: unknown, path: string): void {
  if (!isPlainObject(override)) throw new UsageError(`${path || 'config'} must be a JSON object, got ${show(override)}`);
  for (const [key, value] of Object.entries(override)) {
    const where = path ? `${path}.${key}` : key;
    if (!(key in target)) throw new UsageError(`unknown key ${where}`);
    const current = target[key];
    if (Array.isArray(current)) {
      if (!Array.isArray(value)) throw new UsageError(`${where} must be an array, got ${show(value)}`);
      target[key] = value;
    } else if (isPlainObject(current)) {
      overlay(current, value, where);
    } else if (typeof current === 'number') {
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new UsageError(`${where} must be a number, got ${show(value)}`);
      target[key] = value;
    } else if (typeof value !== typeof current) {
      throw new UsageError(`${where} must be a ${typeof current}, got ${show(value)}`);
    } else {
      target[key] = value;
    }
  }
}

function need(ok: boolean, field: string, rule: string, value: unknown): void {
  if (!ok) throw new UsageError(`${field} must be ${rule}, got ${show(value)}`);
}

const num = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const positiveInt = (x: unknown): boolean => Number.isSafeInteger(x) && (x as number) > 0;
const inRange = (x: unknown, lo: number, hi: number): boolean => num(x) && x >= lo && x <= hi;

function checkHours(peaks: unknown, field: string): void {
  need(Array.isArray(peaks) && peaks.length > 0, field, 'a non-empty array of [centre, spread, weight]', peaks);
  (peaks as unknown[]).forEach((p, k) => {
    const ok = Array.isArray(p) && p.length === 3 && inRange(p[0], 0, 24) && num(p[1]) && p[1] > 0 && num(p[2]) && p[2] >= 0;
    need(ok, `${field}[${k}]`, '[centre 0-24, spread > 0, weight >= 0]', p);
  });
}

function checkPersonas(personas: PersonaSpec[], categories: number): void {
  const field = 'population.personas';
  need(Array.isArray(personas) && personas.length > 0 && personas.length <= 255, field, 'a list of 1 to 255 personas', personas);
  const ids = new Set<string>();
  let total = 0;
  personas.forEach((p, i) => {
    const f = `${field}[${i}]`;
    need(isPlainObject(p), f, 'an object', p);
    need(typeof p.id === 'string' && /^[a-z0-9_]+$/.test(p.id) && !ids.has(p.id), `${f}.id`, 'a unique slug [a-z0-9_]+', p.id);
    ids.add(p.id);
    need(inRange(p.share, 0, 1), `${f}.share`, 'a number in [0, 1]', p.share);
    total += p.share;
    need(num(p.activity) && p.activity > 0, `${f}.activity`, 'a positive number', p.activity);
    need(num(p.budget) && p.budget > 0, `${f}.budget`, 'a positive number', p.budget);
    need(inRange(p.repeat, 0.001, 0.999), `${f}.repeat`, 'a probability in [0.001, 0.999]', p.repeat);
    need(inRange(p.priceSensitivity, 0, 4), `${f}.priceSensitivity`, 'a number in [0, 4]', p.priceSensitivity);
    const cc = p.categoryCount;
    need(
      Array.isArray(cc) && cc.length === 2 && positiveInt(cc[0]) && positiveInt(cc[1]) && cc[0] <= cc[1] && cc[1] <= categories,
      `${f}.categoryCount`,
      `[min, max] with 1 <= min <= max <= ${categories}`,
      cc,
    );
    need(inRange(p.categoryFocus, 0.01, 1), `${f}.categoryFocus`, 'a number in [0.01, 1]', p.categoryFocus);
    need(inRange(p.offPreference, 0, 1), `${f}.offPreference`, 'a number in [0, 1]', p.offPreference);
    need(inRange(p.basketSize, 1, 50), `${f}.basketSize`, 'a number in [1, 50]', p.basketSize);
    need(typeof p.bulk === 'boolean', `${f}.bulk`, 'true or false', p.bulk);
    need(num(p.quantityScale) && p.quantityScale > 0, `${f}.quantityScale`, 'a positive number', p.quantityScale);
    checkHours(p.hours, `${f}.hours`);
    need(num(p.weekend) && p.weekend >= 0, `${f}.weekend`, 'a number >= 0', p.weekend);
  });
  need(Math.abs(total - 1) < 1e-9, `${field}[*].share`, 'shares summing to 1', total);
}

/** Checks every field of a resolved scenario; throws a UsageError naming the first bad one. */
export function validateScenario(s: Scenario): void {
  need(positiveInt(s.traders) && s.traders <= 50_000_000, 'traders', 'a positive integer up to 50,000,000', s.traders);
  need(positiveInt(s.weeks) && s.weeks <= 520, 'weeks', 'a positive integer up to 520', s.weeks);
  need(typeof s.seed === 'string' && s.seed.length > 0, 'seed', 'a non-empty string', s.seed);
  const c = s.calendar;
  try {
    parseStartDate(c.startDate);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  need(Number.isInteger(c.openHour) && c.openHour >= 0 && c.openHour < 24, 'calendar.openHour', 'an integer hour 0-23', c.openHour);
  need(Number.isInteger(c.closeHour) && c.closeHour > c.openHour && c.closeHour <= 24, 'calendar.closeHour', `an integer hour after openHour (${c.openHour}) and at most 24`, c.closeHour);
  need(Array.isArray(c.weekly) && c.weekly.length === 7 && c.weekly.every((w) => num(w) && w >= 0), 'calendar.weekly', '7 numbers >= 0 (Monday..Sunday)', c.weekly);
  need(inRange(c.monthlyAmplitude, 0, 0.95), 'calendar.monthlyAmplitude', 'a number in [0, 0.95]', c.monthlyAmplitude);

  const m = s.market;
  try {
    checkCatalogue(m.catalogue, 'market.catalogue');
    checkZones(m.zones, m.catalogue.categories.map((x) => x.id), 'market.zones');
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  need(m.catalogue.products.length <= 32767, 'market.catalogue.products', 'at most 32767 products', m.catalogue.products.length);
  need(m.zones.length <= 255, 'market.zones', 'at most 255 zones', m.zones.length);
  const pr = m.price;
  need(inRange(pr.seasonality, 0, 3), 'market.price.seasonality', 'a number in [0, 3]', pr.seasonality);
  need(inRange(pr.noiseSigma, 0, 1), 'market.price.noiseSigma', 'a number in [0, 1]', pr.noiseSigma);
  need(inRange(pr.reversion, 0, 1), 'market.price.reversion', 'a number in [0, 1]', pr.reversion);
  need(inRange(pr.demandResponse, 0, 2), 'market.price.demandResponse', 'a number in [0, 2]', pr.demandResponse);
  need(inRange(pr.markdownMax, 0, 2), 'market.price.markdownMax', 'a number in [0, 2]', pr.markdownMax);
  need(
    Number.isInteger(pr.markdownHours) && pr.markdownHours >= 1 && pr.markdownHours <= c.closeHour - c.openHour,
    'market.price.markdownHours',
    `an integer from 1 to the ${c.closeHour - c.openHour} trading hours`,
    pr.markdownHours,
  );
  need(inRange(pr.maxDeviation, 0, 3), 'market.price.maxDeviation', 'a number in [0, 3]', pr.maxDeviation);
  const st = m.stock;
  need(typeof st.enabled === 'boolean', 'market.stock.enabled', 'true or false', st.enabled);
  need(typeof st.spoilage === 'boolean', 'market.stock.spoilage', 'true or false', st.spoilage);
  need(inRange(st.margin, 0, 10), 'market.stock.margin', 'a number in [0, 10]', st.margin);
  need(inRange(st.safety, 0, 10), 'market.stock.safety', 'a number in [0, 10]', st.safety);
  need(inRange(st.perishableSafety, 0, 10), 'market.stock.perishableSafety', 'a number in [0, 10]', st.perishableSafety);
  need(inRange(st.minHouseholds, 0, 1000), 'market.stock.minHouseholds', 'a number in [0, 1000]', st.minHouseholds);
  need(inRange(st.deliveryNoise, 0, 2), 'market.stock.deliveryNoise', 'a number in [0, 2]', st.deliveryNoise);
  need(inRange(st.seasonalSupply, 0, 5), 'market.stock.seasonalSupply', 'a number in [0, 5]', st.seasonalSupply);
  need(inRange(st.learningRate, 0.001, 1), 'market.stock.learningRate', 'a number in [0.001, 1]', st.learningRate);
  need(inRange(st.monthRate, 0, 1), 'market.stock.monthRate', 'a number in [0, 1]', st.monthRate);

  const p = s.population;
  need(p.mode === 'personas' || p.mode === 'uniform', 'population.mode', '"personas" or "uniform"', p.mode);
  checkPersonas(p.personas, m.catalogue.categories.length);
  need(num(p.baseVisitsPerWeek) && p.baseVisitsPerWeek > 0, 'population.baseVisitsPerWeek', 'a positive number', p.baseVisitsPerWeek);
  need(p.budget.cycle === 'monthly' || p.budget.cycle === 'daily', 'population.budget.cycle', '"monthly" or "daily"', p.budget.cycle);
  need(Number.isInteger(p.budget.payday) && p.budget.payday >= 1 && p.budget.payday <= 28, 'population.budget.payday', 'a day of the month 1-28', p.budget.payday);
  need(num(p.budget.base) && p.budget.base > 0, 'population.budget.base', 'a positive number', p.budget.base);
  for (const [k, v] of Object.entries(p.variation)) need(inRange(v, 0, 3), `population.variation.${k}`, 'a number in [0, 3]', v);
  const e = p.edgeCases;
  need(inRange(e.powerUserShare, 0, 1), 'population.edgeCases.powerUserShare', 'a number in [0, 1]', e.powerUserShare);
  need(inRange(e.dormantShare, 0, 1 - e.powerUserShare), 'population.edgeCases.dormantShare', 'a number in [0, 1 - powerUserShare]', e.dormantShare);
  need(num(e.powerUserFactor) && e.powerUserFactor > 0, 'population.edgeCases.powerUserFactor', 'a positive number', e.powerUserFactor);
  const l = p.lifecycle;
  need(num(l.rampWeeks) && l.rampWeeks > 0, 'population.lifecycle.rampWeeks', 'a positive number', l.rampWeeks);
  need(inRange(l.rampStart, 0.01, 1), 'population.lifecycle.rampStart', 'a number in [0.01, 1]', l.rampStart);
  need(num(e.dormantAfterWeeks) && e.dormantAfterWeeks > 0, 'population.edgeCases.dormantAfterWeeks', 'a positive number', e.dormantAfterWeeks);
  for (const k of ['joinMeanWeeks', 'declineAfterWeeks', 'declineWeeks'] as const) {
    need(num(l[k]) && l[k] > 0, `population.lifecycle.${k}`, 'a positive number', l[k]);
  }
  for (const k of ['existingShare', 'declineShare', 'declineDepth'] as const) {
    need(inRange(l[k], 0, 1), `population.lifecycle.${k}`, 'a number in [0, 1]', l[k]);
  }
  need(num(l.tenureWeeks) && l.tenureWeeks >= 0, 'population.lifecycle.tenureWeeks', 'a number >= 0', l.tenureWeeks);
  const u = p.uniform;
  need(num(u.low) && u.low > 0 && num(u.high) && u.high >= u.low, 'population.uniform.low', 'a positive number <= uniform.high', u.low);
  const ucc = u.categoryCount;
  need(
    Array.isArray(ucc) && ucc.length === 2 && positiveInt(ucc[0]) && positiveInt(ucc[1]) && ucc[0] <= ucc[1] && ucc[1] <= m.catalogue.categories.length,
    'population.uniform.categoryCount',
    '[min, max] within the number of categories',
    ucc,
  );
  checkHours(u.hours, 'population.uniform.hours');
  need(Number.isInteger(p.memorySize) && p.memorySize >= 1 && p.memorySize <= 255, 'population.memorySize', 'an integer 1-255', p.memorySize);
  need(inRange(p.dealWeight, 0, 10), 'population.dealWeight', 'a number in [0, 10]', p.dealWeight);
  need(inRange(p.quantityElasticity, 0, 5), 'population.quantityElasticity', 'a number in [0, 5]', p.quantityElasticity);
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
      throw new UsageError(`--config ${show(req.configFile)} is not valid JSON: ${(e as Error).message.replace(/\s+/g, ' ')}`);
    }
    if (isPlainObject(json) && 'name' in json) throw new UsageError('config key name cannot be overridden: choose the preset with --scenario');
    overlay(s as unknown as Record<string, unknown>, json, '');
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

/**
 * Spawning a population: each trader's persona, zone, join day and individual factors.
 *
 * Trader i's draws come from its own keyed stream, so a trader is the same whatever the
 * population size or thread count. Budget is derived, not drawn: base x persona budget x the
 * trader's activity x zone budget x an individual factor, so high-activity traders have more money.
 */
import type { CategorySpec, ZoneSpec } from '../market/index.ts';
import type { PopulationConfig } from './config.ts';
import { standardNormal, type RandomSource } from './random-source.ts';
import { EdgeCase, MAX_PREFERRED, type TraderTable } from './trader-table.ts';
import { sensitivityLevel } from './choice.ts';
import { LifeState } from './lifecycle.ts';

export interface SpawnContext {
  population: PopulationConfig;
  zones: ZoneSpec[];
  categories: CategorySpec[];
}

function pickCumulative(u: number, weights: number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i] / total;
    if (u < acc) return i;
  }
  return weights.length - 1;
}

/**
 * A persona by an exponential race: one Exp(1) draw per persona, the winner the smallest
 * draw / share. It picks persona k with probability share_k, like a draw against cumulative
 * shares, but when one share changes and the others are rescaled in proportion, only traders who
 * move to or from that persona change: every other pair keeps its order. So a sweep over one
 * persona's share relabels as few traders as possible (common random numbers), where cumulative
 * shares move every boundary.
 */
function raceShares(rng: RandomSource, shares: number[]): number {
  let best = 0;
  let bestTime = Number.POSITIVE_INFINITY;
  for (let k = 0; k < shares.length; k++) {
    const time = -Math.log(1 - rng.next()) / shares[k];
    if (time < bestTime) {
      bestTime = time;
      best = k;
    }
  }
  return best;
}

function between(rng: RandomSource, low: number, high: number): number {
  return low + (high - low) * rng.next();
}

function intBetween(rng: RandomSource, min: number, max: number): number {
  return min + Math.floor(rng.next() * (max - min + 1));
}

/** Share-weighted mean of a persona field: the centre of the uniform "before" distribution. */
function personaMean(pop: PopulationConfig, field: (p: PopulationConfig['personas'][number]) => number): number {
  let sum = 0;
  for (const p of pop.personas) sum += p.share * field(p);
  return sum;
}

/**
 * Fills rows [from, to) of the table. `rngFor(i)` must return trader i's spawn stream.
 */
export function spawnTraders(
  table: TraderTable,
  ctx: SpawnContext,
  from: number,
  to: number,
  rngFor: (trader: number) => RandomSource,
): void {
  const { population: pop, zones, categories } = ctx;
  const C = categories.length;
  const shares = pop.personas.map((p) => p.share);
  const zoneShares = zones.map((z) => z.share);
  const uniform = pop.mode === 'uniform';
  const v = pop.variation;
  const life = pop.lifecycle;
  const catWeights = new Float64Array(C);
  const chosen = new Float64Array(C);

  for (let i = from; i < to; i++) {
    const rng = rngFor(i);
    const personaIdx = raceShares(rng, shares);
    const persona = pop.personas[personaIdx];
    const zoneIdx = pickCumulative(rng.next(), zoneShares);
    const zone = zones[zoneIdx];
    table.persona[i] = personaIdx;
    table.behaviour[i] = uniform ? 0 : personaIdx;
    table.zone[i] = zoneIdx;

    let activityFactor: number;
    let activity: number;
    let budget: number;
    let repeat: number;
    let sensitivity: number;
    let quantityScale: number;
    let prefMin: number;
    let prefMax: number;
    let focus: number;
    let offPreference: number;
    if (uniform) {
      // The brief's "before": each multiplier independent of the others and of persona and zone.
      const { low, high } = pop.uniform;
      activityFactor = between(rng, low, high);
      activity = pop.baseVisitsPerWeek * personaMean(pop, (p) => p.activity) * activityFactor;
      budget = pop.budget.base * personaMean(pop, (p) => p.budget * p.activity) * between(rng, low, high);
      repeat = personaMean(pop, (p) => p.repeat) * between(rng, low, high);
      sensitivity = personaMean(pop, (p) => p.priceSensitivity) * between(rng, low, high);
      quantityScale = personaMean(pop, (p) => p.quantityScale) * between(rng, low, high);
      [prefMin, prefMax] = pop.uniform.categoryCount;
      focus = 1;
      offPreference = 0.1;
    } else {
      activityFactor = Math.exp(v.activitySigma * standardNormal(rng));
      const budgetFactor = Math.exp(v.budgetSigma * standardNormal(rng));
      activity = pop.baseVisitsPerWeek * persona.activity * zone.activity * activityFactor;
      budget = pop.budget.base * persona.budget * (persona.activity * activityFactor) * zone.budget * budgetFactor;
      const logit = Math.log(persona.repeat / (1 - persona.repeat)) + v.repeatSigma * standardNormal(rng);
      repeat = 1 / (1 + Math.exp(-logit));
      sensitivity = persona.priceSensitivity * Math.exp(v.sensitivitySigma * standardNormal(rng));
      // Richer traders buy more per item as well as more often.
      quantityScale = persona.quantityScale * budgetFactor * Math.sqrt(zone.budget);
      [prefMin, prefMax] = persona.categoryCount;
      focus = persona.categoryFocus;
      offPreference = persona.offPreference;
    }

    // Edge cases: a few power users and traders who fall dormant, on purpose.
    let edge: number = EdgeCase.none;
    let dormantAfter = -1;
    const edgeDraw = rng.next();
    if (!uniform) {
      if (edgeDraw < pop.edgeCases.powerUserShare) {
        edge = EdgeCase.powerUser;
        activity *= pop.edgeCases.powerUserFactor;
        budget *= pop.edgeCases.powerUserFactor;
      } else if (edgeDraw < pop.edgeCases.powerUserShare + pop.edgeCases.dormantShare) {
        edge = EdgeCase.dormant;
        dormantAfter = Math.floor(rng.next() * 2 * pop.edgeCases.dormantAfterWeeks * 7);
      }
    }

    // Lifecycle, in calendar time and the trader's own tenure: some traders were already trading at
    // the start, the rest arrive one by one after exponential waits; some decline later in tenure.
    // The four draws are made whether or not the lifecycle is on, so switching it off (a
    // counterfactual) leaves every later draw of the trader, its preferences, unchanged.
    const existing = rng.next();
    const wait = rng.next();
    const declineDraw = rng.next();
    const tenureDraw = rng.next();
    let joinDay: number;
    let declines = 0;
    let declineDay = 0x7fffffff;
    if (!uniform && life.enabled) {
      if (existing < life.existingShare) joinDay = -Math.floor(wait * life.tenureWeeks * 7);
      else joinDay = Math.floor(-Math.log(1 - wait) * life.joinMeanWeeks * 7);
      declines = declineDraw < life.declineShare ? 1 : 0;
      if (declines === 1) declineDay = joinDay + Math.floor((0.5 + tenureDraw) * life.declineAfterWeeks * 7);
    } else {
      joinDay = -Math.max(1, life.rampWeeks) * 7 - 1;
    }
    const dormantDay = dormantAfter < 0 ? 0x7fffffff : Math.max(joinDay, 0) + dormantAfter;

    table.joinDay[i] = joinDay;
    table.activity[i] = activity;
    table.budget[i] = budget;
    table.repeat[i] = Math.min(1, Math.max(0, repeat));
    table.sensitivity[i] = sensitivity;
    table.sensLevel[i] = sensitivityLevel(sensitivity);
    table.quantityScale[i] = quantityScale;
    table.individualFactor[i] = activityFactor;
    table.edge[i] = edge;
    table.declines[i] = declines;
    table.declineDay[i] = declineDay;
    table.dormantDay[i] = dormantDay;

    // Preferred categories: weighted sampling without replacement by popularity x zone tilt.
    for (let c = 0; c < C; c++) {
      const tilt = uniform ? 1 : (zone.categoryTilt[categories[c].id] ?? 1);
      catWeights[c] = categories[c].popularity * tilt;
      chosen[c] = 0;
    }
    const count = Math.min(C, MAX_PREFERRED, intBetween(rng, prefMin, prefMax));
    table.prefCount[i] = count;
    let rankWeight = 1;
    for (let r = 0; r < count; r++) {
      let total = 0;
      for (let c = 0; c < C; c++) if (chosen[c] === 0) total += catWeights[c];
      let u = rng.next() * total;
      let pick = -1;
      for (let c = 0; c < C; c++) {
        if (chosen[c] !== 0) continue;
        pick = c;
        u -= catWeights[c];
        if (u < 0) break;
      }
      chosen[pick] = rankWeight;
      table.prefCats[i * MAX_PREFERRED + r] = pick;
      rankWeight *= focus;
    }
    let prefTotal = 0;
    let baseTotal = 0;
    for (let c = 0; c < C; c++) {
      prefTotal += chosen[c];
      baseTotal += catWeights[c];
    }
    let acc = 0;
    for (let c = 0; c < C; c++) {
      acc += (1 - offPreference) * (chosen[c] / prefTotal) + offPreference * (catWeights[c] / baseTotal);
      table.categoryCdf[i * C + c] = acc;
    }

    table.remaining[i] = 0;
    table.visitDue[i] = -Math.log(1 - rng.next());
    table.lifeState[i] = LifeState.notJoined;
    table.memoryHead[i] = 0;
    table.memoryCount[i] = 0;
  }
}

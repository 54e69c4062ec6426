/**
 * Shopping: the throughput of agents/visit.ts requestVisit and pay, the engine's innermost calls
 * (an item's repeat-or-explore choice, quantity, budget cap, then, as if the hour cleared in full,
 * the payment, memory update and the row added to the batch), on a real population: the personas
 * preset's 20,000 traders spawned as a run spawns them, a day of the market's prices (seasonal
 * normal and one day's noise), the choice tables built from them.
 *
 * Then the A/B behind the choice tables (agents/choice.ts): a product pick as a walk of the day's
 * cumulative table against computing the same weights with exp per pick, which is what the tables
 * save; and what building the tables costs when every price moves and every zone is read.
 *
 *   npx tsx bench/micro/choice.bench.ts
 */
import seedrandom from 'seedrandom';
import { buildBehaviours } from '../../agents/behaviour.ts';
import { ChoiceTables, MAX_SENSITIVITY, SENSITIVITY_LEVELS } from '../../agents/choice.ts';
import { DayState } from '../../agents/lifecycle.ts';
import { pay, requestVisit, type RequestSink, type VisitContext } from '../../agents/visit.ts';
import { Clock } from '../../engine/clock.ts';
import { Domain, KeyedStream, rootKey } from '../../engine/random.ts';
import { resolveScenario } from '../../engine/scenario-load.ts';
import { spawnPopulation } from '../../engine/simulate.ts';
import { TxnBatch } from '../../engine/txn-batch.ts';
import { PriceProcess, roundPrice } from '../../market/prices.ts';
import { finish, keep, measure, printGroup } from '../lib/micro.ts';

const s = resolveScenario({ preset: 'personas', traders: 20_000, weeks: 4 });
const root = rootKey(s.seed);
const table = spawnPopulation(s, root);
const clock = new Clock(s.calendar);
const { catalogue, zones } = s.market;
const products = catalogue.products;
const P = products.length;

const market = new PriceProcess(s.market);
const day0 = clock.dayInfo(0);
market.advance(new KeyedStream(root).key(Domain.market, 0, 0));
market.quote(day0.month);
const price = market.normal.map((n, zp) => Math.max(0.001, roundPrice(n * Math.exp(market.deviation[zp]))));
const choice = new ChoiceTables(catalogue, zones, s.population.dealWeight);
choice.setNormals(market.normal);
choice.update(price);
const ctx: VisitContext = {
  choice,
  price,
  step: Float64Array.from(products, (p) => p.step),
  householdQty: Float64Array.from(products, (p) => p.householdQty),
  bulkQty: Float64Array.from(products, (p) => p.bulkQty),
  behaviours: buildBehaviours(s.population, s.calendar.openHour, s.calendar.closeHour),
  quantitySigma: s.population.variation.quantitySigma,
  quantityElasticity: s.population.quantityElasticity,
};

// --- shopVisit --------------------------------------------------------------------------------
/** Sweeps over the population: visit v is trader v % traders's visit number floor(v / traders). */
const SWEEPS = 15;
const VISITS = s.traders * SWEEPS;
const batch = new TxnBatch(1 << 20);
const rng = new KeyedStream(root);

/**
 * Every repeat starts from the spawned state: full monthly budgets, empty memories, everyone at
 * home. Budgets then run down over the sweeps as they do over a month, so some visits end early
 * on an empty purse, as in a run.
 */
function resetTraders(): void {
  table.remaining.set(table.budget);
  table.memoryCount.fill(0);
  table.memoryHead.fill(0);
  table.dayState.fill(DayState.atHome);
  batch.clear();
}

/** Fills every request at once, as an hour with ample stock does. */
let bought = 0;
const fillAtOnce: RequestSink = {
  request(trader, product, _zp, quantity, isRepeat, _key, cost) {
    // A request filled in full pays the cost it carries, as the engine's settleHour does.
    const total = pay(table, trader, product, cost);
    batch.add(trader, product, quantity, total, isRepeat, 0);
    bought++;
  },
};

function visits(): number {
  const t = table;
  bought = 0;
  for (let v = 0; v < VISITS; v++) {
    const i = v % t.count;
    if (t.dayState[i] === DayState.budgetSpent) continue;
    // The engine keys a stream per (trader, day, visit) before each visit; part of the cost.
    rng.key(Domain.basket, i, 0, (v / t.count) | 0);
    requestVisit(t, i, ctx, rng, fillAtOnce, 0, (v / t.count) | 0);
  }
  return bought;
}

// Items bought depend only on the state and the keys, so a dry run gives the op count.
resetTraders();
const ITEMS = visits();
const visitGroup = measure(
  `requestVisit + buy, ${s.traders.toLocaleString('en-US')} traders (personas) x ${SWEEPS} visits`,
  [
    {
      name: 'requestVisit + buy (with its KeyedStream.key)',
      ops: ITEMS,
      unit: 'items',
      before: resetTraders,
      run: visits,
    },
  ],
);
for (const r of visitGroup.results)
  r.extra = { visitsPerSecond: VISITS / (r.ms / 1000), itemsPerVisit: ITEMS / VISITS };
printGroup(visitGroup, [
  { key: 'visitsPerSecond', label: 'visits/s', format: (x) => Math.round(x).toLocaleString('en-US') },
  { key: 'itemsPerVisit', label: 'items/visit', format: (x) => x.toFixed(2) },
]);

// --- a product pick: the table walk against exp per pick ---------------------------------------
const PICKS = 2_000_000;
const C = catalogue.categories.length;
const rand = seedrandom.alea('choice-bench');
const pickZone = new Uint8Array(PICKS);
const pickLevel = new Uint8Array(PICKS);
const pickCat = new Uint8Array(PICKS);
const pickU = new Float64Array(PICKS);
for (let k = 0; k < PICKS; k++) {
  pickZone[k] = Math.floor(rand() * zones.length);
  pickLevel[k] = Math.floor(rand() * SENSITIVITY_LEVELS);
  pickCat[k] = Math.floor(rand() * C);
  pickU[k] = rand();
}

// The per-pick alternative needs the constants ChoiceTables keeps private; derived the same way.
const logPopularity = Float64Array.from(products, (p) => Math.log(p.popularity));
const logBase = new Float64Array(zones.length * P);
const logRef = new Float64Array(zones.length * C);
for (let z = 0; z < zones.length; z++) {
  for (let p = 0; p < P; p++) logBase[z * P + p] = Math.log(products[p].basePrice * zones[z].priceLevel);
  for (let c = 0; c < C; c++) {
    let sum = 0;
    for (let j = choice.catStart[c]; j < choice.catStart[c + 1]; j++) sum += logBase[z * P + choice.catProducts[j]];
    logRef[z * C + c] = sum / (choice.catStart[c + 1] - choice.catStart[c]);
  }
}
const dealWeight = s.population.dealWeight;
const scratch = new Float64Array(P);

/** The weights of agents/choice.ts computed for the one (zone, level, category) asked, in the same order, so the picks are identical. */
function pickByExp(z: number, level: number, c: number, u: number): number {
  const sens = (level / (SENSITIVITY_LEVELS - 1)) * MAX_SENSITIVITY;
  const start = choice.catStart[c];
  const end = choice.catStart[c + 1];
  let acc = 0;
  for (let j = start; j < end; j++) {
    const p = choice.catProducts[j];
    const zp = z * P + p;
    const logPrice = Math.log(price[zp]);
    const logNormal = Math.log(market.normal[zp]);
    const logAvail = logBase[zp] - logNormal;
    acc += Math.exp(
      logPopularity[p] + logAvail - sens * (logPrice - logRef[z * C + c]) - sens * dealWeight * (logPrice - logNormal),
    );
    scratch[j - start] = acc;
  }
  const target = u * acc;
  let j = start;
  while (j < end - 1 && scratch[j - start] <= target) j++;
  return choice.catProducts[j];
}

function picksByTable(): number {
  let sum = 0;
  for (let k = 0; k < PICKS; k++) sum += choice.pick(pickZone[k], pickLevel[k], pickCat[k], pickU[k]);
  return sum;
}
function picksByExp(): number {
  let sum = 0;
  for (let k = 0; k < PICKS; k++) sum += pickByExp(pickZone[k], pickLevel[k], pickCat[k], pickU[k]);
  return sum;
}
for (let k = 0; k < PICKS; k++) {
  const a = choice.pick(pickZone[k], pickLevel[k], pickCat[k], pickU[k]);
  const b = pickByExp(pickZone[k], pickLevel[k], pickCat[k], pickU[k]);
  if (a !== b)
    throw new Error(
      `choice.bench: pick ${k} differs (table ${a}, exp ${b}); the two variants must compute the same weights`,
    );
}
const pickGroup = measure('a product pick within a category', [
  { name: 'ChoiceTables.pick (table walk)', ops: PICKS, unit: 'picks', run: picksByTable },
  { name: 'weights with exp per pick', ops: PICKS, unit: 'picks', run: picksByExp },
]);
printGroup(pickGroup);

// --- building the tables: per shard per trading hour, for the zones read ----------------------
// The worst case, as at scale: every price moves every hour and every (zone, category) is read.
// Tables are rebuilt at their first read after a move, so each update is followed by a pick in each.
const UPDATES = 200;
const moved = price.map((x) => x + 0.001);
function updates(): number {
  let sum = 0;
  for (let k = 0; k < UPDATES; k++) {
    choice.update(k % 2 === 0 ? moved : price);
    for (let z = 0; z < zones.length; z++)
      for (let c = 0; c < C; c++) sum += choice.pick(z, SENSITIVITY_LEVELS - 1, c, 0.5);
  }
  return sum;
}
const updateGroup = measure(
  `ChoiceTables.update and rebuild (${zones.length} zones x ${SENSITIVITY_LEVELS} levels x ${P} products, every price moved)`,
  [{ name: 'ChoiceTables.update + a pick per (zone, category)', ops: UPDATES, unit: 'updates', run: updates }],
);
printGroup(updateGroup);
keep(batch.length);

finish({
  bench: 'choice',
  groups: [visitGroup, pickGroup, updateGroup],
  notes: [
    `${ITEMS.toLocaleString('en-US')} items in ${VISITS.toLocaleString('en-US')} visits a repeat; items/s is the number to compare between commits.`,
    `The table walk and the exp-per-pick variant returned the same product for all ${PICKS.toLocaleString('en-US')} picks.`,
  ],
});

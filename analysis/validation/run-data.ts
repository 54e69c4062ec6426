/**
 * Everything the validation checks need from a run directory, gathered in one streaming pass over
 * transactions.csv (after traders.csv, the ground truth, and prices.csv): fixed-size accumulators
 * per trader and per day, so memory grows with traders and days, not with transactions.
 *
 * Only the data contract is read (README, "Run directory"); the manifest supplies the configured
 * persona table, calendar, payday and catalogue.
 */
import { calendarDays } from '../features/index.ts';
import {
  RunDirError,
  isNumericColumn,
  sqlIdent,
  readPriceBook,
  readTable,
  relativePrice,
  requireColumns,
  scanTransactions,
  withRun,
  type ExtraColumn,
  type Run,
  type RunManifest,
} from '../run/index.ts';
import { LeakTable } from './leak-table.ts';

export interface InvalidValues {
  /** Rows with the problem. */
  count: number;
  /** The first one, for the report: "transactions.csv row 17: quantity = -1". */
  example: string;
}

export interface RunData {
  manifest: RunManifest;
  days: number;
  weeks: number;
  /** Persona ids: the manifest's table in order, then any unknown persona met in traders.csv. */
  personas: string[];
  /** Configured share and repeat probability per persona (0 / NaN for unknown ones). */
  configuredShare: number[];
  configuredRepeat: number[];

  // The ground truth, per trader id (traders.csv).
  traders: number;
  persona: Int32Array;
  joinWeek: Int32Array;
  budget: Float64Array;
  dormant: Uint8Array;
  declines: Uint8Array;

  // Per trader, from transactions.csv.
  items: Float64Array;
  spend: Float64Array;
  /** Distinct purchase hours (ticks). */
  visits: Float64Array;
  repeats: Float64Array;
  /** Items the trader chose itself (not bought as a substitute for a sold-out one): the repeat rate's denominator. */
  chosen: Float64Array;
  /** Items in the trader's most bought category. */
  topCategoryItems: Float64Array;
  /** Sum over purchases of the relative price (run/price-book.ts: log of unit_price over the category's geometric mean price in that zone that day). */
  relativePriceSum: Float64Array;
  relativePriceCount: Float64Array;
  /** Items in weeks 1-4 and 13-16 after the join week (week 0, partly before joining, is left out). */
  rampEarly: Float64Array;
  rampLate: Float64Array;

  // Per day of the run.
  itemsPerDay: Float64Array;
  weekday: Uint8Array;
  dayOfMonth: Uint8Array;

  transactions: number;
  invalid: { quantity: InvalidValues; unitPrice: InvalidValues; price: InvalidValues; hours: InvalidValues };

  // Leakage: persona against id deciles, and per-column prediction tables.
  traderDecile: Float64Array;
  txnDecile: Float64Array;
  columnLeaks: LeakTable[];
}

/** Weeks after the join week that count as "first four weeks" and as "weeks 12-16" (see lifecycle.ts). */
export const RAMP_EARLY_WEEKS = [1, 4] as const;
export const RAMP_LATE_WEEKS = [13, 16] as const;

/** Columns examined for leakage besides the ids (and besides the derived hour of day). */
const ID_COLUMNS = ['txn_id', 'trader_id'];
export const HOUR_OF_DAY = 'hour_of_day (from tick)';

function invalid(): InvalidValues {
  return { count: 0, example: '' };
}

function flag(v: InvalidValues, what: string): void {
  if (v.count++ === 0) v.example = what;
}

/**
 * Reads the run directory once (through analysis/run: manifest checked, CSV or Parquet).
 * `leakBins` is the most bins a column is cut into.
 */
export async function readRunData(dir: string | Run, leakBins: number): Promise<RunData> {
  return withRun(dir, { require: ['traders', 'transactions', 'prices'] }, (run) => gather(run, leakBins));
}

/**
 * The leak columns as the pass asks for them. A text column's bins are decided from its first
 * rows (leak-table.ts), read here before the pass, so that one binned into categories can arrive
 * as codes rather than a string per row: decoding the strings was half of validateRun's time
 * (2.2 CPU-s for 309k transactions, 1.1 without the text columns). The bins, and so every count,
 * are those the rows would have given through add.
 */
async function leakExtras(
  run: Run,
  from: string,
  columns: readonly string[],
  leaks: readonly LeakTable[],
): Promise<ExtraColumn[]> {
  const text = columns.flatMap((c, k) => (isNumericColumn('transactions', c) ? [] : [k]));
  if (text.length === 0) return [...columns];
  const casts = text.map((k, j) => `CAST(${sqlIdent(columns[k])} AS VARCHAR) AS c${j}`).join(', ');
  const first = await readTable(run, `SELECT ${casts} FROM ${from} LIMIT ${leaks[0].buffer}`);
  const extra: ExtraColumn[] = [...columns];
  text.forEach((k, j) => {
    leaks[k].decideOn(first[`c${j}`].map((v) => (v === null ? '' : String(v))));
    const codes = leaks[k].textCategories();
    if (codes) extra[k] = { column: columns[k], codes };
  });
  return extra;
}

async function gather(run: Run, leakBins: number): Promise<RunData> {
  const m = run.manifest;
  const D = m.days;
  const weeks = Math.floor(D / 7);
  const N = m.counts.traders;
  const { categories } = m.scenario.market.catalogue;
  const C = categories.length;
  const open = m.scenario.calendar.openHour;
  const close = m.scenario.calendar.closeHour;

  // ------------------------------------------------------------------ traders (the truth)
  const personas = m.scenario.population.personas.map((p) => p.id);
  const persona = new Int32Array(N).fill(-1);
  const joinWeek = new Int32Array(N);
  const budget = new Float64Array(N);
  const dormant = new Uint8Array(N);
  const declines = new Uint8Array(N);
  const traders = run.table('traders');
  const tradersPath = `${run.dir}/${traders.files[0]}`;
  requireColumns(traders, ['trader_id', 'persona', 'join_week', 'budget', 'edge_case', 'declines']);
  const tc = await readTable(
    run,
    `SELECT trader_id, persona, join_week, budget, edge_case, declines FROM ${traders.sql}`,
  );
  for (let r = 0; r < tc.trader_id.length; r++) {
    const t = tc.trader_id[r] as number | null;
    if (t === null || !Number.isInteger(t) || t < 0 || t >= N)
      throw new RunDirError(
        `${tradersPath}: trader_id ${JSON.stringify(t)} is not an id 0..${N - 1} (manifest counts.traders = ${N})`,
      );
    if (persona[t] >= 0) throw new RunDirError(`${tradersPath}: trader_id ${t} appears twice`);
    const name = String(tc.persona[r] ?? '');
    let p = personas.indexOf(name);
    if (p < 0) p = personas.push(name) - 1;
    persona[t] = p;
    joinWeek[t] = Number(tc.join_week[r]);
    budget[t] = Number(tc.budget[r]);
    dormant[t] = tc.edge_case[r] === 'dormant' ? 1 : 0;
    declines[t] = Number(tc.declines[r]) === 1 ? 1 : 0;
  }
  const missing = persona.indexOf(-1);
  if (missing >= 0)
    throw new RunDirError(`${tradersPath}: trader_id ${missing} is missing (manifest counts.traders = ${N})`);
  const K = personas.length;
  const configured = m.scenario.population.personas;
  const configuredShare = personas.map((_, k) => (k < configured.length ? configured[k].share : 0));
  const configuredRepeat = personas.map((_, k) => (k < configured.length ? configured[k].repeat : NaN));

  // --------------------------------------------------------------------------- calendar
  const { weekday, dayOfMonth } = calendarDays(m.scenario.calendar.startDate, D);

  // ------------------------------------------------- prices: the relative price's reference
  const book = await readPriceBook(run);
  const invalidPrice: InvalidValues = { ...book.invalid };

  // ---------------------------------------------------------------- transactions, one pass
  const items = new Float64Array(N);
  const spend = new Float64Array(N);
  const visits = new Float64Array(N);
  const repeats = new Float64Array(N);
  const chosen = new Float64Array(N);
  const relativePriceSum = new Float64Array(N);
  const relativePriceCount = new Float64Array(N);
  const rampEarly = new Float64Array(N);
  const rampLate = new Float64Array(N);
  const lastTick = new Float64Array(N).fill(-1);
  const catCount = new Float64Array(N * (C + 1));
  const itemsPerDay = new Float64Array(D);
  const txnDecile = new Float64Array(10 * K);
  const inv = { quantity: invalid(), unitPrice: invalid(), price: invalidPrice, hours: invalid() };
  const nTx = Math.max(1, m.counts.transactions);

  const tx = run.table('transactions');
  requireColumns(tx, [
    'txn_id',
    'trader_id',
    'tick',
    'category',
    'zone',
    'quantity',
    'unit_price',
    'total',
    'is_repeat',
    'is_substitute',
  ]);
  const txFile = tx.files.length === 1 ? tx.files[0] : 'transactions/';
  const txPath = `${run.dir}/${txFile}`;
  // Every column but the ids, as the file has them (a Parquet dataset's hive key excluded).
  const leakColumns = tx.columns.filter((c) => !ID_COLUMNS.includes(c));
  const columnLeaks = [...leakColumns, HOUR_OF_DAY].map((c) => new LeakTable(c, K, leakBins));
  const hourLeak = columnLeaks[columnLeaks.length - 1];
  const extra = await leakExtras(run, tx.sql, leakColumns, columnLeaks);
  const coded = extra.map((e) => typeof e !== 'string');
  let row = 0;
  await scanTransactions(
    run,
    (b) => {
      for (let i = 0; i < b.length; i++) {
        row++;
        const t = b.trader[i];
        if (!(t >= 0 && t < N)) throw new RunDirError(`${txPath} row ${row}: trader_id ${t} is not in traders.csv`);
        const p = persona[t];
        const tick = b.tick[i];
        const day = Math.floor(tick / 24);
        const hour = tick - day * 24;
        if (tick < 0 || day >= D || hour < open || hour >= close) {
          flag(
            inv.hours,
            `${txFile} row ${row}: tick ${tick} (hour ${hour}, trading hours ${open}:00-${close}:00 over ${D} days)`,
          );
        }
        const q = b.quantity[i];
        if (!(q > 0) || !Number.isFinite(q)) flag(inv.quantity, `${txFile} row ${row}: quantity = ${q}`);
        const price = b.unitPrice[i];
        const priceOk = price > 0 && Number.isFinite(price);
        if (!priceOk) flag(inv.unitPrice, `${txFile} row ${row}: unit_price = ${price}`);
        const total = b.total[i];

        items[t]++;
        if (Number.isFinite(total)) spend[t] += total;
        if (tick !== lastTick[t]) {
          visits[t]++;
          lastTick[t] = tick;
        }
        if (b.isRepeat[i] === 1) repeats[t]++;
        if (b.isSubstitute[i] !== 1) chosen[t]++;
        const c = b.category[i] >= 0 ? b.category[i] : C;
        catCount[t * (C + 1) + c]++;
        if (day >= 0 && day < D) {
          itemsPerDay[day]++;
          const rel = relativePrice(book, day, b.zone[i], b.category[i], price);
          if (!Number.isNaN(rel)) {
            relativePriceSum[t] += rel;
            relativePriceCount[t]++;
          }
          const sinceJoin = Math.floor(day / 7) - joinWeek[t];
          if (sinceJoin >= RAMP_EARLY_WEEKS[0] && sinceJoin <= RAMP_EARLY_WEEKS[1]) rampEarly[t]++;
          else if (sinceJoin >= RAMP_LATE_WEEKS[0] && sinceJoin <= RAMP_LATE_WEEKS[1]) rampLate[t]++;
        }

        const id = b.txnId[i];
        const decile = Number.isFinite(id)
          ? Math.min(9, Math.max(0, Math.floor((10 * (id - 1)) / nTx)))
          : Math.min(9, Math.floor((10 * (row - 1)) / nTx));
        txnDecile[decile * K + p]++;
        for (let k = 0; k < leakColumns.length; k++) {
          const v = b.extra[k][i];
          if (coded[k]) columnLeaks[k].addCode(v as number, p);
          else columnLeaks[k].add(v === null ? '' : v, p);
        }
        hourLeak.add(hour, p);
      }
    },
    { extra },
  );

  const topCategoryItems = new Float64Array(N);
  for (let t = 0; t < N; t++) {
    let top = 0;
    for (let c = 0; c <= C; c++) top = Math.max(top, catCount[t * (C + 1) + c]);
    topCategoryItems[t] = top;
  }
  const traderDecile = new Float64Array(10 * K);
  for (let t = 0; t < N; t++) traderDecile[Math.floor((10 * t) / N) * K + persona[t]]++;

  return {
    manifest: m,
    days: D,
    weeks,
    personas,
    configuredShare,
    configuredRepeat,
    traders: N,
    persona,
    joinWeek,
    budget,
    dormant,
    declines,
    items,
    spend,
    visits,
    repeats,
    chosen,
    topCategoryItems,
    relativePriceSum,
    relativePriceCount,
    rampEarly,
    rampLate,
    itemsPerDay,
    weekday,
    dayOfMonth,
    transactions: row,
    invalid: inv,
    traderDecile,
    txnDecile,
    columnLeaks,
  };
}

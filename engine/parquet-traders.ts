/** traders.parquet, the ground truth: traders.csv's columns, typed, staged from the trader table at set-up. */
import { MAX_PREFERRED, type TraderTable } from '../agents/index.ts';
import { dictionary } from './parquet-schema.ts';
import { StagedPart, TableLayout, nullCode } from './parquet-table.ts';
import type { Scenario } from './scenario.ts';
import { EDGE_NAMES } from './traders-csv.ts';
import { roundTo } from './transactions-columns.ts';

/** Every trader's row, staged; the caller writes the part. */
export function stageTraders(s: Scenario, t: TraderTable): StagedPart {
  const cats = s.market.catalogue.categories.map((c) => c.id);
  // preferred_categories is a short list of category ids: a dictionary of the lists that occur.
  const code = new Uint16Array(t.count);
  // Each list is keyed by a number (its categories as digits in base categories + 1), so no
  // string is built per trader; a list's text is made once, when it is first seen.
  const lists = new Map<number, number>();
  const texts: string[] = [];
  const base = cats.length + 1;
  for (let i = 0; i < t.count; i++) {
    let key = 0;
    for (let k = 0; k < t.prefCount[i]; k++) key = key * base + t.prefCats[i * MAX_PREFERRED + k] + 1;
    let c = lists.get(key);
    if (c === undefined) {
      c = lists.size;
      lists.set(key, c);
      const list: string[] = [];
      for (let k = 0; k < t.prefCount[i]; k++) list.push(cats[t.prefCats[i * MAX_PREFERRED + k]]);
      texts.push(list.join(';'));
    }
    code[i] = c;
  }
  const personas = dictionary(s.population.personas.map((p) => p.id));
  const zones = dictionary(s.market.zones.map((z) => z.id));
  const table = new StagedPart(
    new TableLayout([
      { name: 'trader_id', type: 'INTEGER' },
      { name: 'persona', type: { enum: personas.values } },
      { name: 'zone', type: { enum: zones.values } },
      { name: 'join_week', type: 'INTEGER' },
      { name: 'activity', type: 'DOUBLE' },
      { name: 'budget', type: 'DOUBLE' },
      { name: 'repeat_prob', type: 'DOUBLE' },
      { name: 'price_sensitivity', type: 'DOUBLE' },
      { name: 'quantity_scale', type: 'DOUBLE' },
      { name: 'preferred_categories', type: { enum: texts }, nullable: true },
      { name: 'individual_factor', type: 'DOUBLE' },
      { name: 'edge_case', type: { enum: EDGE_NAMES.slice(1) }, nullable: true },
      { name: 'declines', type: 'BOOLEAN' },
    ]),
  );
  const emptyList = lists.get(0);
  for (let i = 0; i < t.count; i++) {
    // The block may change at every next(): read it per row.
    const c = table.cols;
    const p = table.pos;
    c[0][p] = i;
    c[1][p] = personas.index[t.persona[i]];
    c[2][p] = zones.index[t.zone[i]];
    c[3][p] = Math.floor(t.joinDay[i] / 7);
    c[4][p] = roundTo(t.activity[i], 1000);
    c[5][p] = roundTo(t.budget[i], 100);
    c[6][p] = roundTo(t.repeat[i], 1000);
    c[7][p] = roundTo(t.sensitivity[i], 1000);
    c[8][p] = roundTo(t.quantityScale[i], 1000);
    // An empty field in the CSV: null here.
    c[9][p] = code[i] === emptyList ? nullCode(c[9]) : code[i];
    c[10][p] = roundTo(t.individualFactor[i], 1000);
    c[11][p] = t.edge[i] === 0 ? nullCode(c[11]) : t.edge[i] - 1;
    c[12][p] = t.declines[i];
    table.next();
  }
  return table;
}

/** traders.csv: the ground truth, one row per trader. Written at set-up, streamed. */
import { MAX_PREFERRED, type TraderTable } from '../agents/index.ts';
import { type ByteWriter, csvField, joinBytes } from './byte-writer.ts';
import type { Scenario } from './scenario.ts';

export const TRADER_COLUMNS = [
  'trader_id',
  'persona',
  'zone',
  'join_week',
  'activity',
  'budget',
  'repeat_prob',
  'price_sensitivity',
  'quantity_scale',
  'preferred_categories',
  'individual_factor',
  'edge_case',
  'declines',
] as const;

/** edge_case's values by the trader table's code (0: none, an empty field). */
export const EDGE_NAMES = ['', 'power_user', 'dormant'];

export function writeTradersCsv(s: Scenario, t: TraderTable, w: ByteWriter): void {
  const persona = s.population.personas.map((p) => joinBytes(',', csvField(p.id), ','));
  const zone = s.market.zones.map((z) => joinBytes(csvField(z.id), ','));
  // Category ids as bytes: no string is built per trader (a joined string per row cost 1.7 s at 1M traders).
  const category = s.market.catalogue.categories.map((c) => joinBytes(c.id));
  const edge = EDGE_NAMES.map((e) => joinBytes(',', csvField(e), ','));
  w.text(`${TRADER_COLUMNS.join(',')}\n`);
  for (let i = 0; i < t.count; i++) {
    w.int(i);
    w.bytes(persona[t.persona[i]]);
    w.bytes(zone[t.zone[i]]);
    w.int(Math.floor(t.joinDay[i] / 7));
    w.byte(44);
    w.fixed(t.activity[i], 3);
    w.byte(44);
    w.fixed(t.budget[i], 2);
    w.byte(44);
    w.fixed(t.repeat[i], 3);
    w.byte(44);
    w.fixed(t.sensitivity[i], 3);
    w.byte(44);
    w.fixed(t.quantityScale[i], 3);
    w.byte(44);
    for (let k = 0; k < t.prefCount[i]; k++) {
      if (k > 0) w.byte(59);
      w.bytes(category[t.prefCats[i * MAX_PREFERRED + k]]);
    }
    w.byte(44);
    w.fixed(t.individualFactor[i], 3);
    w.bytes(edge[t.edge[i]]);
    w.int(t.declines[i]);
    w.byte(10);
  }
}

/** traders.csv: the ground truth, one row per trader. Written at set-up, streamed. */
import { MAX_PREFERRED, type TraderTable } from '../agents/trader-table.ts';
import { ByteWriter, csvField, joinBytes } from './byte-writer.ts';
import type { Scenario } from './scenario.ts';


export const TRADER_COLUMNS = [
  'trader_id', 'persona', 'zone', 'join_week', 'activity', 'budget', 'repeat_prob', 'price_sensitivity',
  'quantity_scale', 'preferred_categories', 'individual_factor', 'edge_case', 'declines',
] as const;

const EDGE_NAMES = ['', 'power_user', 'dormant'];

export function writeTradersCsv(s: Scenario, t: TraderTable, w: ByteWriter): void {
  const persona = s.population.personas.map((p) => joinBytes(',', csvField(p.id), ','));
  const zone = s.market.zones.map((z) => joinBytes(csvField(z.id), ','));
  const category = s.market.catalogue.categories.map((c) => c.id);
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
    const prefs: string[] = [];
    for (let k = 0; k < t.prefCount[i]; k++) prefs.push(category[t.prefCats[i * MAX_PREFERRED + k]]);
    w.text(prefs.join(';'));
    w.byte(44);
    w.fixed(t.individualFactor[i], 3);
    w.bytes(edge[t.edge[i]]);
    w.int(t.declines[i]);
    w.byte(10);
  }
}

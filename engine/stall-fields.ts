/**
 * The ",zone,product_id," bytes of every (zone, product), laid out [zone * products + product]:
 * encoded once for the files with a row per stall (prices.csv, market.csv), whose rows put the
 * stall between a leading day (and hour or date) and their numbers.
 */
import { csvField, joinBytes } from './byte-writer.ts';
import type { Scenario } from './scenario.ts';

export function stallFields(scenario: Scenario): Uint8Array[] {
  const { zones, catalogue } = scenario.market;
  return zones.flatMap((z) => catalogue.products.map((_, p) => joinBytes(',', csvField(z.id), `,${p},`)));
}

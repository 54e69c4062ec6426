/**
 * The ",zone,product_id," bytes of every (zone, product), laid out [zone * products + product]:
 * encoded once for the files with a row per stall (prices.csv, market.csv), whose rows put the
 * stall between a leading day (and hour or date) and their numbers.
 */
import { type ByteWriter, csvField, joinBytes } from './byte-writer.ts';
import type { Scenario } from './scenario.ts';

export class StallFields {
  private readonly bytes: Uint8Array[];
  /** The longest of them. */
  private readonly max: number;

  constructor(scenario: Scenario) {
    const { zones, catalogue } = scenario.market;
    this.bytes = zones.flatMap((z) => catalogue.products.map((_, p) => joinBytes(',', csvField(z.id), `,${p},`)));
    this.max = Math.max(...this.bytes.map((b) => b.length));
  }

  /** Stalls: zones x products. */
  get count(): number {
    return this.bytes.length;
  }

  /**
   * Starts stall zp's row: one reservation for the lead, the stall's fields and `numbers` more
   * bytes (so the caller writes the rest straight into w.buf), then the lead and the fields.
   * Returns the position after them.
   */
  begin(w: ByteWriter, lead: Uint8Array, zp: number, numbers: number): number {
    const need = lead.length + this.max + numbers;
    if (w.pos + need > w.buf.length) w.ensure(need);
    const buf = w.buf;
    const fields = this.bytes[zp];
    buf.set(lead, w.pos);
    buf.set(fields, w.pos + lead.length);
    return w.pos + lead.length + fields.length;
  }
}

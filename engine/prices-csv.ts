/** prices.csv: every (zone, product) price of a day, appended day by day. */
import { ByteWriter, csvField, joinBytes } from './byte-writer.ts';
import type { Scenario } from './scenario.ts';

export const PRICE_COLUMNS = ['day', 'date', 'zone', 'product_id', 'price'] as const;

export class PriceRows {
  private readonly zone: Uint8Array[];
  constructor(private readonly scenario: Scenario) {
    this.zone = scenario.market.zones.map((z) => joinBytes(',', csvField(z.id), ','));
  }

  header(w: ByteWriter): void {
    w.text(`${PRICE_COLUMNS.join(',')}\n`);
  }

  /** Writes the day's prices, laid out [zone * products + product]. */
  day(day: number, date: string, price: Float64Array, w: ByteWriter): void {
    const P = this.scenario.market.catalogue.products.length;
    const dayBytes = new TextEncoder().encode(`${day},${date}`);
    for (let z = 0; z < this.zone.length; z++) {
      for (let p = 0; p < P; p++) {
        w.bytes(dayBytes);
        w.bytes(this.zone[z]);
        w.int(p);
        w.byte(44);
        w.fixed(price[z * P + p], 3);
        w.byte(10);
      }
    }
  }
}

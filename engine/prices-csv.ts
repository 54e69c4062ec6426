/**
 * prices.csv: every (zone, product) of a day, appended day by day at close: the opening price and
 * what vendors delivered and threw away. Delivered and wasted are empty on a day of unlimited stock
 * (stock switched off, or the first day, when vendors learn what sells).
 */
import { type ByteWriter, csvField, joinBytes } from './byte-writer.ts';
import type { Scenario } from './scenario.ts';

export const PRICE_COLUMNS = ['day', 'date', 'zone', 'product_id', 'price', 'delivered', 'wasted'] as const;

/** A day's prices at close, as either format records them; arrays are laid out [zone * products + product]. */
export interface PricesDay {
  day: number;
  date: string;
  /** The day's opening prices. */
  price: Float64Array;
  /** What vendors delivered and threw away: not recorded on a day of unlimited stock. */
  delivered: Float64Array;
  wasted: Float64Array;
  unlimited: boolean;
}

export class PriceRows {
  private readonly zone: Uint8Array[];
  constructor(private readonly scenario: Scenario) {
    this.zone = scenario.market.zones.map((z) => joinBytes(',', csvField(z.id), ','));
  }

  header(w: ByteWriter): void {
    w.text(`${PRICE_COLUMNS.join(',')}\n`);
  }

  /** Writes the day's rows. */
  day({ day, date, price, delivered, wasted, unlimited }: PricesDay, w: ByteWriter): void {
    const P = this.scenario.market.catalogue.products.length;
    const dayBytes = new TextEncoder().encode(`${day},${date}`);
    for (let z = 0; z < this.zone.length; z++) {
      for (let p = 0; p < P; p++) {
        const zp = z * P + p;
        w.bytes(dayBytes);
        w.bytes(this.zone[z]);
        w.int(p);
        w.byte(44);
        w.fixed(price[zp], 3);
        w.byte(44);
        if (!unlimited) w.fixed(delivered[zp], 2);
        w.byte(44);
        if (!unlimited) w.fixed(wasted[zp], 2);
        w.byte(10);
      }
    }
  }
}

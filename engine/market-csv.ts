/**
 * market.csv: one row per (day, trading hour, zone, product): the posted price, whether it is a
 * markdown, the stock at the start of the hour (empty when stock is unlimited), and the units sold
 * and left unmet in the hour.
 */
import { type ByteWriter, csvField, joinBytes } from './byte-writer.ts';
import type { HourlyBook } from '../market/index.ts';
import type { Scenario } from './scenario.ts';

export const MARKET_COLUMNS = [
  'day',
  'hour',
  'zone',
  'product_id',
  'price',
  'markdown',
  'stock',
  'sold',
  'unmet',
] as const;

export class MarketRows {
  private readonly zone: Uint8Array[];
  private readonly products: number;

  constructor(
    scenario: Scenario,
    private readonly openHour: number,
  ) {
    this.zone = scenario.market.zones.map((z) => joinBytes(',', csvField(z.id), ','));
    this.products = scenario.market.catalogue.products.length;
  }

  header(w: ByteWriter): void {
    w.text(`${MARKET_COLUMNS.join(',')}\n`);
  }

  /** Writes hour h of a day from the market's hourly book. */
  hour(day: number, h: number, book: HourlyBook, w: ByteWriter): void {
    const { hourPrice: price, hourAdjust: adjust, hourStock: stock, hourSold: sold, hourUnmet: unmet } = book;
    const P = this.products;
    const lead = new TextEncoder().encode(`${day},${this.openHour + h}`);
    const row = h * this.zone.length * P;
    for (let z = 0; z < this.zone.length; z++) {
      for (let p = 0; p < P; p++) {
        const k = row + z * P + p;
        w.bytes(lead);
        w.bytes(this.zone[z]);
        w.int(p);
        w.byte(44);
        w.fixed(price[k], 3);
        w.byte(44);
        w.byte(adjust[k] < 0 ? 49 : 48);
        w.byte(44);
        if (stock[k] !== Number.POSITIVE_INFINITY) w.fixed(stock[k], 2);
        w.byte(44);
        w.fixed(sold[k], 2);
        w.byte(44);
        w.fixed(unmet[k], 2);
        w.byte(10);
      }
    }
  }
}

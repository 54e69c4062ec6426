/**
 * market.csv: one row per (day, trading hour, zone, product): the posted price, whether it is a
 * markdown, the stock at the start of the hour (empty when stock is unlimited), and the units sold
 * and left unmet in the hour.
 */
import { type ByteWriter, writeCents, writeMillis } from './byte-writer.ts';
import type { HourlyBook } from '../market/index.ts';
import type { Scenario } from './scenario.ts';
import { stallFields } from './stall-fields.ts';

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

/** Room for one row's numbers: price, markdown, stock, sold and unmet, with their commas and newline. */
const NUMBERS_MAX = 4 * 32 + 8;
const COMMA = 44;
const ZERO = 48;
const NEWLINE = 10;

export class MarketRows {
  /** ",zone,product_id," per (zone * products + product). */
  private readonly middle: Uint8Array[];
  private readonly middleMax: number;

  constructor(
    scenario: Scenario,
    private readonly openHour: number,
  ) {
    this.middle = stallFields(scenario);
    this.middleMax = Math.max(...this.middle.map((b) => b.length));
  }

  header(w: ByteWriter): void {
    w.text(`${MARKET_COLUMNS.join(',')}\n`);
  }

  /** Writes hour h of a day from the market's hourly book: one reservation per row, then straight into the buffer. */
  hour(day: number, h: number, book: HourlyBook, w: ByteWriter): void {
    const { hourPrice: price, hourAdjust: adjust, hourStock: stock, hourSold: sold, hourUnmet: unmet } = book;
    const middle = this.middle;
    const size = middle.length;
    const lead = new TextEncoder().encode(`${day},${this.openHour + h}`);
    const rowMax = lead.length + this.middleMax + NUMBERS_MAX;
    const row = h * size;
    for (let zp = 0; zp < size; zp++) {
      const k = row + zp;
      if (w.pos + rowMax > w.buf.length) w.ensure(rowMax);
      const buf = w.buf;
      let pos = w.pos;
      buf.set(lead, pos);
      pos += lead.length;
      buf.set(middle[zp], pos);
      pos += middle[zp].length;
      pos = writeMillis(buf, pos, price[k]);
      buf[pos++] = COMMA;
      buf[pos++] = adjust[k] < 0 ? ZERO + 1 : ZERO;
      buf[pos++] = COMMA;
      if (stock[k] !== Number.POSITIVE_INFINITY) pos = writeCents(buf, pos, stock[k]);
      buf[pos++] = COMMA;
      pos = writeCents(buf, pos, sold[k]);
      buf[pos++] = COMMA;
      pos = writeCents(buf, pos, unmet[k]);
      buf[pos++] = NEWLINE;
      w.pos = pos;
    }
  }
}

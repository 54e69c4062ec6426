/**
 * market.csv: one row per (day, trading hour, zone, product): the posted price, whether it is a
 * markdown, the stock at the start of the hour (empty when stock is unlimited), and the units sold
 * and left unmet in the hour.
 */
import { type ByteWriter, COMMA, NEWLINE, ZERO, writeCents, writeMillis } from './byte-writer.ts';
import type { HourlyBook } from '../market/index.ts';
import type { Scenario } from './scenario.ts';
import { StallFields } from './stall-fields.ts';

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

export class MarketRows {
  private readonly stalls: StallFields;

  constructor(
    scenario: Scenario,
    private readonly openHour: number,
  ) {
    this.stalls = new StallFields(scenario);
  }

  header(w: ByteWriter): void {
    w.text(`${MARKET_COLUMNS.join(',')}\n`);
  }

  /** Writes hour h of a day from the market's hourly book: one reservation per row, then straight into the buffer. */
  hour(day: number, h: number, book: HourlyBook, w: ByteWriter): void {
    const { hourPrice: price, hourAdjust: adjust, hourStock: stock, hourSold: sold, hourUnmet: unmet } = book;
    const stalls = this.stalls;
    const size = stalls.count;
    const lead = new TextEncoder().encode(`${day},${this.openHour + h}`);
    const row = h * size;
    for (let zp = 0; zp < size; zp++) {
      const k = row + zp;
      let pos = stalls.begin(w, lead, zp, NUMBERS_MAX);
      const buf = w.buf;
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

/**
 * prices.csv: every (zone, product) of a day, appended day by day at close: the opening price and
 * what vendors delivered and threw away. Delivered and wasted are empty on a day of unlimited stock
 * (stock switched off, or the first day, when vendors learn what sells).
 */
import { type ByteWriter, writeCents, writeMillis } from './byte-writer.ts';
import type { Scenario } from './scenario.ts';
import { stallFields } from './stall-fields.ts';

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

/** Room for one row's numbers: price, delivered and wasted, with their commas and newline. */
const NUMBERS_MAX = 3 * 32 + 4;
const COMMA = 44;
const NEWLINE = 10;

export class PriceRows {
  /** ",zone,product_id," per (zone * products + product). */
  private readonly middle: Uint8Array[];
  private readonly middleMax: number;

  constructor(scenario: Scenario) {
    this.middle = stallFields(scenario);
    this.middleMax = Math.max(...this.middle.map((b) => b.length));
  }

  header(w: ByteWriter): void {
    w.text(`${PRICE_COLUMNS.join(',')}\n`);
  }

  /** Writes the day's rows: one reservation per row, then straight into the buffer. */
  day({ day, date, price, delivered, wasted, unlimited }: PricesDay, w: ByteWriter): void {
    const middle = this.middle;
    const lead = new TextEncoder().encode(`${day},${date}`);
    const rowMax = lead.length + this.middleMax + NUMBERS_MAX;
    for (let zp = 0; zp < middle.length; zp++) {
      if (w.pos + rowMax > w.buf.length) w.ensure(rowMax);
      const buf = w.buf;
      buf.set(lead, w.pos);
      let pos = w.pos + lead.length;
      buf.set(middle[zp], pos);
      pos += middle[zp].length;
      pos = writeMillis(buf, pos, price[zp]);
      buf[pos++] = COMMA;
      if (!unlimited) pos = writeCents(buf, pos, delivered[zp]);
      buf[pos++] = COMMA;
      if (!unlimited) pos = writeCents(buf, pos, wasted[zp]);
      buf[pos++] = NEWLINE;
      w.pos = pos;
    }
  }
}

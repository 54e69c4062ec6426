/**
 * prices.csv: every (zone, product) of a day, appended day by day at close: the opening price and
 * what vendors delivered and threw away. Delivered and wasted are empty on a day of unlimited stock
 * (stock switched off, or the first day, when vendors learn what sells).
 */
import { type ByteWriter, COMMA, NEWLINE, writeCents, writeMillis } from './byte-writer.ts';
import type { Scenario } from './scenario.ts';
import { StallFields } from './stall-fields.ts';

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

export class PriceRows {
  private readonly stalls: StallFields;

  constructor(scenario: Scenario) {
    this.stalls = new StallFields(scenario);
  }

  header(w: ByteWriter): void {
    w.text(`${PRICE_COLUMNS.join(',')}\n`);
  }

  /** Writes the day's rows: one reservation per row, then straight into the buffer. */
  day({ day, date, price, delivered, wasted, unlimited }: PricesDay, w: ByteWriter): void {
    const stalls = this.stalls;
    const lead = new TextEncoder().encode(`${day},${date}`);
    for (let zp = 0; zp < stalls.count; zp++) {
      let pos = stalls.begin(w, lead, zp, NUMBERS_MAX);
      const buf = w.buf;
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

/**
 * The simulation clock: a tick is one hour since 00:00 on the start date, in Harare time
 * (Africa/Harare is UTC+02:00 all year, no daylight saving, so plain UTC arithmetic is exact).
 * The market trades from openHour to closeHour; the clock also knows weekdays, paydays and the
 * weekly and monthly cycles of activity.
 */

export interface CalendarConfig {
  /** First simulated day, YYYY-MM-DD. */
  startDate: string;
  /** First trading hour (a visit at 5 happens between 05:00 and 06:00). */
  openHour: number;
  /** Trading ends at this hour. */
  closeHour: number;
  /** Visit multipliers Monday..Sunday (market days and the quiet Sunday). */
  weekly: number[];
  /** Payday lift: visits are (1 + a) times normal just after payday, (1 - a) at the month's end. */
  monthlyAmplitude: number;
}

export interface DayInfo {
  day: number;
  /** YYYY-MM-DD */
  date: string;
  /** 0 = Monday .. 6 = Sunday */
  weekday: number;
  /** 1-based day of month. */
  dayOfMonth: number;
  daysInMonth: number;
  /** Fractional calendar month: 1.0 = 1 January, 1.5 = mid January. */
  month: number;
  /** Visit multiplier of the weekly and monthly cycles. */
  cycleFactor: number;
}

const MS_PER_DAY = 86_400_000;

export function parseStartDate(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new Error(`calendar.startDate must be a date YYYY-MM-DD, got ${JSON.stringify(date)}`);
  }
  return ms;
}

export class Clock {
  private readonly startMs: number;

  constructor(readonly config: CalendarConfig) {
    this.startMs = parseStartDate(config.startDate);
  }

  get openHour(): number {
    return this.config.openHour;
  }

  get tradingHours(): number {
    return this.config.closeHour - this.config.openHour;
  }

  /** Tick of the given trading-hour index on a day. */
  tick(day: number, hourIndex: number): number {
    return day * 24 + this.config.openHour + hourIndex;
  }

  dayInfo(day: number): DayInfo {
    const d = new Date(this.startMs + day * MS_PER_DAY);
    const year = d.getUTCFullYear();
    const monthIdx = d.getUTCMonth();
    const dayOfMonth = d.getUTCDate();
    const daysInMonth = new Date(Date.UTC(year, monthIdx + 1, 0)).getUTCDate();
    const weekday = (d.getUTCDay() + 6) % 7;
    const a = this.config.monthlyAmplitude;
    const monthly = 1 + a * (1 - (2 * (dayOfMonth - 1)) / (daysInMonth - 1));
    return {
      day,
      date: d.toISOString().slice(0, 10),
      weekday,
      dayOfMonth,
      daysInMonth,
      month: monthIdx + 1 + (dayOfMonth - 0.5) / daysInMonth,
      cycleFactor: this.config.weekly[weekday] * monthly,
    };
  }
}

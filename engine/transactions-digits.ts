/**
 * The numbers of a transactions.csv row, written two digits at a time from a table of the pairs
 * "00".."99": half the divisions of byte-writer.ts's digit-by-digit loop, for the 15 million rows
 * of a large run. The same bytes as writeInt and writeCents (tests/engine/transactions-digits.test.ts);
 * values beyond int32, which rows practically never hold, go to those.
 */
import { writeCents, writeInt } from './byte-writer.ts';

const ZERO = 48;
const DOT = 46;
const MINUS = 45;
const INT32_MAX = 0x7fffffff;

/** PAIRS[2n], PAIRS[2n + 1]: the two digits of n, 0 <= n < 100. */
const PAIRS = new Uint8Array(200);
for (let n = 0; n < 100; n++) {
  PAIRS[2 * n] = ZERO + ((n / 10) | 0);
  PAIRS[2 * n + 1] = ZERO + (n % 10);
}

/** Decimal digits of 0 <= n <= INT32_MAX. */
function digits(n: number): number {
  if (n < 100000) return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : 5;
  return n < 1000000 ? 6 : n < 10000000 ? 7 : n < 100000000 ? 8 : n < 1000000000 ? 9 : 10;
}

/** Writes 0 <= m <= INT32_MAX (an int32) ending just before `end`, from the right. */
function pairsBefore(buf: Uint8Array, end: number, m: number): void {
  let k = end;
  while (m >= 100) {
    const q = (m / 100) | 0;
    const r = (m - q * 100) << 1;
    buf[--k] = PAIRS[r + 1];
    buf[--k] = PAIRS[r];
    m = q;
  }
  if (m >= 10) {
    buf[--k] = PAIRS[(m << 1) + 1];
    buf[--k] = PAIRS[m << 1];
  } else buf[--k] = ZERO + m;
}

/** As writeInt: a safe integer at buf[pos] (24 bytes reserved); returns the next position. */
export function writeId(buf: Uint8Array, pos: number, n: number): number {
  if (n < 0 || n > INT32_MAX) return writeInt(buf, pos, n);
  const end = pos + digits(n);
  pairsBefore(buf, end, n | 0);
  return end;
}

/** As writeCents: x to 2 decimals, rounded half away from zero (32 bytes reserved); returns the next position. */
export function writeMoney(buf: Uint8Array, pos: number, x: number): number {
  const r = Math.round((x < 0 ? -x : x) * 100);
  if (r > INT32_MAX) return writeCents(buf, pos, x);
  if (x < 0 && r !== 0) buf[pos++] = MINUS;
  const whole = (r / 100) | 0;
  const frac = (r - whole * 100) << 1;
  const end = pos + digits(whole);
  pairsBefore(buf, end, whole);
  buf[end] = DOT;
  buf[end + 1] = PAIRS[frac];
  buf[end + 2] = PAIRS[frac + 1];
  return end + 3;
}

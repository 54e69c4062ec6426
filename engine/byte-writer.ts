/**
 * A CSV byte encoder: numbers and pre-encoded strings go straight into a reused byte buffer, with no
 * string building per row. Template strings with toFixed top out near a million rows a second; this
 * reaches several million (bench/micro/csv.bench.ts).
 *
 * Fixed precision: `fixed(x, d)` writes x rounded half away from zero to d decimals, the way
 * Math.round(x * 10^d) / 10^d rounds; the values it is given are already rounded that way upstream.
 */

const MINUS = 45;
const DOT = 46;
/** Bytes every CSV writer puts between and after its fields, and the digit 0. */
export const COMMA = 44;
export const NEWLINE = 10;
export const ZERO = 48;
const INT32_MAX = 0x7fffffff;
const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];
const encoder = new TextEncoder();

/**
 * PAIRS[2n], PAIRS[2n + 1]: the two digits of n, 0 <= n < 100. Numbers are written two digits at
 * a time from it: half the divisions of a digit-by-digit loop, for the 15 million rows of a large run.
 */
const PAIRS = new Uint8Array(200);
for (let n = 0; n < 100; n++) {
  PAIRS[2 * n] = ZERO + ((n / 10) | 0);
  PAIRS[2 * n + 1] = ZERO + (n % 10);
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

/** A NaN or an infinity would write junk (or never end): a row must not hold one. */
function refuseNonFinite(x: number, what: string): void {
  if (!Number.isFinite(x))
    throw new RangeError(`cannot write ${x} as ${what}: a number in an output file must be finite`);
}

/** Encodes a field for CSV once, quoting it only when it needs quotes. */
export function csvField(s: string): Uint8Array {
  const needsQuotes = /[",\n\r]/.test(s);
  return encoder.encode(needsQuotes ? `"${s.replace(/"/g, '""')}"` : s);
}

/** Concatenates byte strings, e.g. a pre-encoded field and its separators. */
export function joinBytes(...parts: (Uint8Array | string)[]): Uint8Array {
  const bytes = parts.map((p) => (typeof p === 'string' ? encoder.encode(p) : p));
  const out = new Uint8Array(bytes.reduce((n, b) => n + b.length, 0));
  let k = 0;
  for (const b of bytes) {
    out.set(b, k);
    k += b.length;
  }
  return out;
}

/** Decimal digits of a non-negative safe integer: comparisons, no division, for the common sizes. */
function digitCount(n: number): number {
  if (n < 100000) return n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : 5;
  if (n < 10000000000) return n < 1000000 ? 6 : n < 10000000 ? 7 : n < 100000000 ? 8 : n < 1000000000 ? 9 : 10;
  let d = 10;
  n = Math.floor(n / 10000000000);
  while (n > 0) {
    n = Math.floor(n / 10);
    d++;
  }
  return d;
}

/**
 * Writes a safe integer at buf[pos] without bounds checks (the caller reserved 24 bytes) and
 * returns the next position. Digits are written from the right, so no reversal pass is needed.
 */
export function writeInt(buf: Uint8Array, pos: number, n: number): number {
  if (n >= 0 && n <= INT32_MAX) {
    if (n < 10) {
      buf[pos] = ZERO + n;
      return pos + 1;
    }
    const end = pos + digitCount(n);
    pairsBefore(buf, end, n | 0);
    return end;
  }
  if (n < 0) {
    buf[pos] = MINUS;
    return writeInt(buf, pos + 1, -n);
  }
  refuseNonFinite(n, 'an integer');
  // Above int32: float division for the low digits, then int32 arithmetic for the rest.
  const end = pos + digitCount(n);
  let k = end;
  while (n > INT32_MAX) {
    const q = Math.floor(n / 10);
    buf[--k] = ZERO + (n - q * 10);
    n = q;
  }
  pairsBefore(buf, k, n | 0);
  return end;
}

/** Writes x to `decimals` places at buf[pos] without bounds checks (32 bytes reserved); returns the next position. */
export function writeFixed(buf: Uint8Array, pos: number, x: number, decimals: number): number {
  refuseNonFinite(x, `a number with ${decimals} decimals`);
  let r = Math.round((x < 0 ? -x : x) * POW10[decimals]);
  if (x < 0 && r !== 0) buf[pos++] = MINUS;
  // At least one digit before the point: 0.050 has digits "0050".
  const digits = Math.max(digitCount(r), decimals + 1);
  const end = pos + digits + 1;
  let k = end;
  // Float division only above int32; quantities, prices and totals almost never get there.
  while (r > INT32_MAX) {
    const q = Math.floor(r / 10);
    buf[--k] = ZERO + (r - q * 10);
    r = q;
    if (end - k === decimals) buf[--k] = DOT;
  }
  let m = r | 0;
  while (k > pos) {
    if (end - k === decimals) {
      buf[--k] = DOT;
      continue;
    }
    const q = (m / 10) | 0;
    buf[--k] = ZERO + (m - q * 10);
    m = q;
  }
  return end;
}

/**
 * writeFixed(buf, pos, x, 2), the same bytes, for the values a row holds most (quantities and
 * totals): the two decimals are written apart from the whole part, so the digit loop has no
 * decimal point to look out for. Returns the next position; 32 bytes reserved by the caller.
 */
export function writeCents(buf: Uint8Array, pos: number, x: number): number {
  if (x === 0) {
    // What most of a small run's market hours sell and leave unmet.
    buf[pos] = ZERO;
    buf[pos + 1] = DOT;
    buf[pos + 2] = ZERO;
    buf[pos + 3] = ZERO;
    return pos + 4;
  }
  const r = Math.round((x < 0 ? -x : x) * 100);
  // Beyond int32, and NaN or an infinity (which writeFixed refuses).
  if (!(r <= INT32_MAX)) return writeFixed(buf, pos, x, 2);
  if (x < 0 && r !== 0) buf[pos++] = MINUS;
  const whole = (r / 100) | 0;
  const frac = (r - whole * 100) << 1;
  const end = pos + digitCount(whole);
  pairsBefore(buf, end, whole);
  buf[end] = DOT;
  buf[end + 1] = PAIRS[frac];
  buf[end + 2] = PAIRS[frac + 1];
  return end + 3;
}

/**
 * writeFixed(buf, pos, x, 3), the same bytes, for prices: the three decimals are written apart
 * from the whole part, as writeCents does for two. Returns the next position; 32 bytes reserved.
 */
export function writeMillis(buf: Uint8Array, pos: number, x: number): number {
  const r = Math.round((x < 0 ? -x : x) * 1000);
  if (!(r <= INT32_MAX)) return writeFixed(buf, pos, x, 3);
  if (x < 0 && r !== 0) buf[pos++] = MINUS;
  const whole = (r / 1000) | 0;
  let frac = r - whole * 1000;
  pos = writeInt(buf, pos, whole);
  buf[pos] = DOT;
  const hundreds = (frac / 100) | 0;
  frac -= hundreds * 100;
  const tens = (frac / 10) | 0;
  buf[pos + 1] = ZERO + hundreds;
  buf[pos + 2] = ZERO + tens;
  buf[pos + 3] = ZERO + (frac - tens * 10);
  return pos + 4;
}

export class ByteWriter {
  buf: Uint8Array;
  pos = 0;

  /**
   * @param capacity initial size; the buffer doubles when a write would overflow it.
   * @param flushAt when set, `onFull` is called (and the buffer emptied) once pos reaches it.
   */
  constructor(
    capacity = 1 << 16,
    private readonly onFull?: (bytes: Uint8Array) => void,
    private readonly flushAt = capacity - 512,
  ) {
    this.buf = new Uint8Array(capacity);
  }

  /** Makes room for n more bytes: flushes when streaming, grows otherwise. */
  ensure(n: number): void {
    if (this.onFull && this.pos >= this.flushAt) this.flush();
    if (this.pos + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.pos + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  flush(): void {
    if (this.pos > 0 && this.onFull) this.onFull(this.buf.subarray(0, this.pos));
    this.pos = 0;
  }

  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  byte(c: number): void {
    this.ensure(1);
    this.buf[this.pos++] = c;
  }

  text(s: string): void {
    this.bytes(encoder.encode(s));
  }

  /** A safe integer in decimal. */
  int(n: number): void {
    this.ensure(24);
    this.pos = writeInt(this.buf, this.pos, n);
  }

  /** x with exactly `decimals` digits after the point (1 <= decimals <= 6). */
  fixed(x: number, decimals: number): void {
    this.ensure(32);
    this.pos = writeFixed(this.buf, this.pos, x, decimals);
  }
}

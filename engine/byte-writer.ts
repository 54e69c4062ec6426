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
const ZERO = 48;
const POW10 = [1, 10, 100, 1000, 10000, 100000, 1000000];
const encoder = new TextEncoder();

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

export class ByteWriter {
  buf: Uint8Array;
  pos = 0;
  private readonly digits = new Uint8Array(24);

  /**
   * @param capacity initial size; the buffer doubles when a write would overflow it.
   * @param flushAt when set, `onFull` is called (and the buffer emptied) once pos reaches it.
   */
  constructor(capacity = 1 << 16, private readonly onFull?: (bytes: Uint8Array) => void, private readonly flushAt = capacity - 512) {
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
    const buf = this.buf;
    if (n < 0) {
      buf[this.pos++] = MINUS;
      n = -n;
    }
    if (n < 10) {
      buf[this.pos++] = ZERO + n;
      return;
    }
    const d = this.digits;
    let k = 0;
    while (n > 0) {
      const q = Math.floor(n / 10);
      d[k++] = n - q * 10;
      n = q;
    }
    while (k > 0) buf[this.pos++] = ZERO + d[--k];
  }

  /** x with exactly `decimals` digits after the point (1 <= decimals <= 6). */
  fixed(x: number, decimals: number): void {
    const scale = POW10[decimals];
    let r = Math.round(Math.abs(x) * scale);
    this.ensure(32);
    if (x < 0 && r !== 0) this.buf[this.pos++] = MINUS;
    const whole = Math.floor(r / scale);
    this.int(whole);
    r -= whole * scale;
    const buf = this.buf;
    buf[this.pos++] = DOT;
    for (let p = scale / 10; p >= 1; p /= 10) {
      const digit = Math.floor(r / p);
      buf[this.pos++] = ZERO + digit;
      r -= digit * p;
    }
  }
}

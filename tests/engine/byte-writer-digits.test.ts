/**
 * The pair-table number writers (byte-writer.ts's writeInt and writeCents, which every output file
 * uses): hand-written strings at every digit count and at the int32 edge, then the same bytes as
 * String(n) over a sweep of integers; and a NaN or an infinity is refused,
 * never written as junk.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeCents, writeFixed, writeInt, writeMillis } from '../../engine/byte-writer.ts';

const decoder = new TextDecoder();

function written(write: (buf: Uint8Array, pos: number, x: number) => number, x: number): string {
  const buf = new Uint8Array(64).fill(35); // '#': anything left over would show
  // From position 3, so a writer that ignored `pos` would fail.
  const end = write(buf, 3, x);
  return decoder.decode(buf.subarray(3, end));
}

test('writeInt writes integers of every length, the int32 edge and beyond it', () => {
  const cases: [number, string][] = [
    [0, '0'],
    [-0, '0'],
    [7, '7'],
    [10, '10'],
    [99, '99'],
    [100, '100'],
    [101, '101'],
    [9999, '9999'],
    [10000, '10000'],
    [123456, '123456'],
    [1000001, '1000001'],
    [15056381, '15056381'],
    [100000000, '100000000'],
    [999999999, '999999999'],
    [1000000000, '1000000000'],
    [2147483647, '2147483647'],
    [2147483648, '2147483648'],
    [2 ** 53 - 1, '9007199254740991'],
    [-1, '-1'],
    [-2147483648, '-2147483648'],
  ];
  for (const [n, expected] of cases) assert.equal(written(writeInt, n), expected, `writeInt(${n})`);
});

test('writeCents writes two decimals, rounded half away from zero', () => {
  const cases: [number, string][] = [
    [0, '0.00'],
    [-0, '0.00'],
    [0.05, '0.05'],
    [0.5, '0.50'],
    [1, '1.00'],
    [7.75, '7.75'],
    [9.99, '9.99'],
    [10, '10.00'],
    [104.85, '104.85'],
    // 1.005 * 100 is 100.49999999999999 in binary, so it rounds down, as the file always has.
    [1.005, '1.00'],
    [0.125, '0.13'],
    [-0.125, '-0.13'],
    [-0.004, '0.00'],
    [-2.5, '-2.50'],
    [21474836.47, '21474836.47'],
    [21474836.48, '21474836.48'],
    [123456789.01, '123456789.01'],
  ];
  for (const [x, expected] of cases) assert.equal(written(writeCents, x), expected, `writeCents(${x})`);
});

test('writeInt writes what String(n) does', () => {
  // Every integer to 100,000 and a geometric sweep beyond: all digit counts, all pair boundaries.
  // (writeCents against writeFixed over a sweep: byte-writer.test.ts.)
  for (let n = -1000; n <= 100000; n++) assert.equal(written(writeInt, n), String(n));
  for (let n = 1; n < 2 ** 53; n = Math.floor(n * 1.37) + 1) {
    for (const m of [n, n - 1, -n]) assert.equal(written(writeInt, m), String(m), `writeInt(${m})`);
  }
});

test('a NaN or an infinity is refused by every number writer, not written', () => {
  const buf = new Uint8Array(64);
  for (const x of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
    assert.throws(() => writeInt(buf, 0, x), /must be finite/, `writeInt(${x})`);
    assert.throws(() => writeCents(buf, 0, x), /must be finite/, `writeCents(${x})`);
    assert.throws(() => writeMillis(buf, 0, x), /must be finite/, `writeMillis(${x})`);
    assert.throws(() => writeFixed(buf, 0, x, 2), /must be finite/, `writeFixed(${x})`);
  }
});

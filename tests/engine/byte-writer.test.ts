/**
 * ByteWriter and csvField: the byte-level CSV encoder every output file goes through.
 * Expected strings are written by hand (or built with integer arithmetic), never with the
 * encoder itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { ByteWriter, csvField, joinBytes, writeCents, writeFixed, writeMillis } from '../../engine/byte-writer.ts';

const decoder = new TextDecoder();

function text(w: ByteWriter): string {
  return decoder.decode(w.buf.subarray(0, w.pos));
}

function fixed(x: number, decimals: number): string {
  const w = new ByteWriter(64);
  w.fixed(x, decimals);
  return text(w);
}

function int(n: number): string {
  const w = new ByteWriter(64);
  w.int(n);
  return text(w);
}

test('int writes zero, single digits, negatives and big safe integers', () => {
  const cases: [number, string][] = [
    [0, '0'],
    [-0, '0'],
    [7, '7'],
    [9, '9'],
    [10, '10'],
    [99, '99'],
    [100, '100'],
    [-1, '-1'],
    [-10, '-10'],
    [-987654321, '-987654321'],
    [1234567890, '1234567890'],
    [2 ** 32, '4294967296'],
    [2 ** 53 - 1, '9007199254740991'],
    [-(2 ** 53 - 1), '-9007199254740991'],
  ];
  for (const [n, expected] of cases) assert.equal(int(n), expected, `int(${n})`);
});

test('fixed writes exactly the requested number of decimals', () => {
  const cases: [number, number, string][] = [
    [0, 1, '0.0'],
    [0, 2, '0.00'],
    [0, 3, '0.000'],
    [0, 6, '0.000000'],
    [-0, 2, '0.00'],
    [1, 2, '1.00'],
    [1.5, 2, '1.50'],
    [-1.5, 2, '-1.50'],
    [0.05, 2, '0.05'],
    [0.001, 3, '0.001'],
    [-0.001, 3, '-0.001'],
    [12.54, 3, '12.540'],
    [1.000001, 6, '1.000001'],
    [10, 3, '10.000'],
    [123456.78, 2, '123456.78'],
  ];
  for (const [x, d, expected] of cases) assert.equal(fixed(x, d), expected, `fixed(${x}, ${d})`);
});

test('fixed rounds binary-exact halves away from zero', () => {
  // 0.125, 0.25, 0.375, 0.0625 are exact in binary, so these are true ties.
  const cases: [number, number, string][] = [
    [0.125, 2, '0.13'],
    [-0.125, 2, '-0.13'],
    [0.375, 2, '0.38'],
    [0.25, 1, '0.3'],
    [-0.25, 1, '-0.3'],
    [0.0625, 3, '0.063'],
    [-0.0625, 3, '-0.063'],
  ];
  for (const [x, d, expected] of cases) assert.equal(fixed(x, d), expected, `fixed(${x}, ${d})`);
});

test('fixed carries into the integer part and never prints a negative zero', () => {
  assert.equal(fixed(0.999, 2), '1.00');
  assert.equal(fixed(-0.999, 2), '-1.00');
  assert.equal(fixed(9.9996, 3), '10.000');
  assert.equal(fixed(99.995001, 2), '100.00');
  assert.equal(fixed(-0.0001, 2), '0.00');
  assert.equal(fixed(-0.004, 2), '0.00');
  assert.equal(fixed(-0.0049, 3), '-0.005');
});

test('fixed prints values already rounded to d decimals exactly (the .5 boundaries included)', () => {
  // Upstream rounds prices to 3 decimals and money to 2 with Math.round(x * 10^d) / 10^d; those
  // doubles are not exact (0.285 is 0.28499999999999998...), so fixed must round them back to the
  // decimal they stand for. Expected strings are built from the integer k with integer arithmetic.
  assert.equal(fixed(0.285, 3), '0.285');
  assert.equal(fixed(1.005, 3), '1.005');
  assert.equal(fixed(2.675, 3), '2.675');
  assert.equal(fixed(0.07, 2), '0.07');
  assert.equal(fixed(1.15, 2), '1.15');
  for (const d of [2, 3]) {
    const scale = 10 ** d;
    for (let k = -20_000; k <= 200_000; k++) {
      const x = Math.round((k / scale) * scale) / scale;
      const a = Math.abs(k);
      const expected = `${k < 0 ? '-' : ''}${Math.floor(a / scale)}.${String(a % scale).padStart(d, '0')}`;
      const got = fixed(x, d);
      if (got !== expected) assert.equal(got, expected, `fixed(${k}/${scale}, ${d})`);
    }
  }
});

test('fixed handles large magnitudes', () => {
  assert.equal(fixed(123456789.125, 2), '123456789.13');
  assert.equal(fixed(-123456789.125, 2), '-123456789.13');
  assert.equal(fixed(2 ** 40 + 0.5, 1), '1099511627776.5');
  assert.equal(fixed(1e12, 3), '1000000000000.000');
});

test('writeCents and writeMillis write the bytes of writeFixed to 2 and 3 decimals', () => {
  const a = new Uint8Array(64);
  const b = new Uint8Array(64);
  const same = (fast: (buf: Uint8Array, pos: number, x: number) => number, x: number, d: number): void => {
    const end = fast(a, 1, x);
    const want = writeFixed(b, 1, x, d);
    const got = decoder.decode(a.subarray(1, end));
    if (end !== want || got !== decoder.decode(b.subarray(1, want)))
      assert.equal(got, decoder.decode(b.subarray(1, want)), `d = ${d}, x = ${x}`);
  };
  // Every value upstream rounding gives in a wide range, ties and both signs, and past int32.
  for (const [fast, d] of [
    [writeCents, 2],
    [writeMillis, 3],
  ] as const) {
    const scale = 10 ** d;
    for (let k = -300_000; k <= 300_000; k++) same(fast, Math.round((k / scale) * scale) / scale, d);
    // Off the grid (a twentieth of a step past a value a tenth of a step apart), and a geometric sweep to 1e12.
    for (let k = 0; k <= 200_000; k++) same(fast, k / (10 * scale) + 0.05 / scale, d);
    for (let x = 0.01; x < 1e12; x = x * 1.9 + 0.37) same(fast, x, d);
    for (const x of [0, -0, 0.0004, -0.0004, 0.0005, -0.0049, 0.125, -0.0625, 9.9996, 99.995001, 2 ** 31, 1e12 + 0.5])
      same(fast, x, d);
  }
  // Hand-written, so a shared mistake in both would show.
  assert.equal(decoder.decode(a.subarray(0, writeMillis(a, 0, 0.005))), '0.005');
  assert.equal(decoder.decode(a.subarray(0, writeMillis(a, 0, -12.34))), '-12.340');
  assert.equal(decoder.decode(a.subarray(0, writeMillis(a, 0, 1e12))), '1000000000000.000');
  assert.equal(decoder.decode(a.subarray(0, writeCents(a, 0, 0.07))), '0.07');
});

test('a growing writer keeps everything; a streaming writer hands over the same bytes in chunks', () => {
  let expected = '';
  const grow = new ByteWriter(8);
  const chunks: Uint8Array[] = [];
  // The chunk is a view of the writer's buffer, valid only during the call: copy it.
  const stream = new ByteWriter(600, (b) => chunks.push(b.slice()));
  for (let i = -500; i < 5000; i++) {
    for (const w of [grow, stream]) {
      w.int(i);
      w.byte(44);
      w.fixed(i / 8, 3);
      w.text(',x\n');
    }
    const a = Math.abs(i);
    const thousandths = (a % 8) * 125;
    expected += `${i},${i < 0 ? '-' : ''}${Math.floor(a / 8)}.${String(thousandths).padStart(3, '0')},x\n`;
  }
  stream.flush();
  assert.equal(text(grow), expected);
  assert.ok(chunks.length > 10, `streamed in many chunks (got ${chunks.length})`);
  assert.equal(decoder.decode(joinBytes(...chunks)), expected);
  assert.equal(stream.pos, 0);
});

test('csvField leaves plain fields alone and quotes commas, quotes and line breaks', () => {
  const cases: [string, string][] = [
    ['', ''],
    ['abc', 'abc'],
    ['Mbare Musika', 'Mbare Musika'],
    ['bucket (20 L)', 'bucket (20 L)'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['"', '""""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rhere', '"cr\rhere"'],
    ['naïve — ñ', 'naïve — ñ'],
  ];
  for (const [raw, expected] of cases)
    assert.equal(decoder.decode(csvField(raw)), expected, `csvField(${JSON.stringify(raw)})`);
});

test('csvField output round-trips through csv-parse', () => {
  const fields = ['plain', 'a,b', 'say "hi", then "bye"', 'multi\nline', '', 'naïve — ñ', ',,,', '""'];
  const line = joinBytes(...fields.flatMap((f, i) => (i === 0 ? [csvField(f)] : [',', csvField(f)])), '\n');
  const rows = parse(Buffer.from(line)) as string[][];
  assert.deepEqual(rows, [fields]);
});

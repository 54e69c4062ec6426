/** The analysis's one set of number formats (analysis/common/number-format.ts), case by case. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brief, csvNumber, fixed, integer, percent, rounded } from '../../analysis/common/number-format.ts';

const MISSING = [null, undefined, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '1', {}];

test('fixed: decimals (default 3), the missing text for anything not a finite number', () => {
  assert.equal(fixed(0.12345), '0.123');
  assert.equal(fixed(-2.5, 1), '-2.5');
  assert.equal(fixed(2, 0), '2');
  for (const x of MISSING) assert.equal(fixed(x), 'n/a', String(x));
  assert.equal(fixed(Number.NaN, 3, '–'), '–');
});

test('brief: integers whole, from 100 up one decimal, otherwise three significant digits', () => {
  assert.equal(brief(7), '7');
  assert.equal(brief(-12), '-12');
  assert.equal(brief(0.012345), '0.0123');
  assert.equal(brief(0.9999), '1');
  assert.equal(brief(99.94), '99.9');
  assert.equal(brief(1234.56), '1234.6');
  assert.equal(brief(-150.25), '-150.3');
  assert.equal(brief(1.2345e-7), '1.23e-7');
  for (const x of MISSING) assert.equal(brief(x), 'n/a', String(x));
});

test('integer: rounded, with thousands separators', () => {
  assert.equal(integer(12345.6), '12,346');
  assert.equal(integer(-1000), '-1,000');
  assert.equal(integer(0.4), '0');
  for (const x of MISSING) assert.equal(integer(x, '–'), '–', String(x));
});

test('percent: a share as a percentage, optionally signed with a chosen minus', () => {
  assert.equal(percent(0.1234), '12.3%');
  assert.equal(percent(0.5, 0), '50%');
  assert.equal(percent(-0.05), '-5.0%');
  assert.equal(percent(0.1234, 1, { signed: true }), '+12.3%');
  assert.equal(percent(0, 1, { signed: true }), '+0.0%');
  assert.equal(percent(-0.05, 1, { signed: true }), '-5.0%');
  assert.equal(percent(-0.0004, 1, { signed: true }), '-0.0%', 'the sign of a small loss is kept');
  assert.equal(percent(1.736 - 1, 1, { signed: true, minus: '\u2212' }), '+73.6%');
  assert.equal(percent(0.8 - 1, 1, { signed: true, minus: '\u2212' }), '\u221220.0%');
  for (const x of MISSING) assert.equal(percent(x), 'n/a', String(x));
  assert.equal(percent(Number.NaN, 1, { missing: '–' }), '–');
});

test('rounded: 6 significant digits for JSON, null when not finite; csvNumber: fixed, empty when not finite', () => {
  assert.equal(rounded(1 / 3), 0.333333);
  assert.equal(rounded(123456789), 123457000);
  assert.equal(rounded(Number.NaN), null);
  assert.equal(rounded(Number.POSITIVE_INFINITY), null);
  assert.equal(csvNumber(1 / 3), '0.333333');
  assert.equal(csvNumber(2.5, 2), '2.50');
  assert.equal(csvNumber(Number.NaN), '');
});

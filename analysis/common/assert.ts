/**
 * Input checks shared by the analysis functions.
 *
 * Every public analysis function validates at its edge and names the offending argument and
 * value, so a caller sees "silhouetteSamples: labels[17] = 9 is out of range 0..5" instead of a
 * NaN or an out-of-bounds read deep inside a kernel.
 */

/**
 * Checks that `x` is a finite row-major n x d matrix.
 *
 * @param fn - name of the calling function, used as the message prefix
 * @param x - feature matrix, row-major
 * @param n - number of rows (at least 1)
 * @param d - number of columns (at least 1)
 * @throws RangeError/TypeError naming the argument and its value
 */
export function assertMatrix(fn: string, x: Float64Array, n: number, d: number): void {
  if (!(x instanceof Float64Array)) {
    throw new TypeError(`${fn}: x must be a Float64Array, got ${describe(x)}`);
  }
  assertCount(fn, 'n', n, 1);
  assertCount(fn, 'd', d, 1);
  if (x.length !== n * d) {
    throw new RangeError(`${fn}: x.length = ${x.length} but n * d = ${n} * ${d} = ${n * d}`);
  }
  for (let i = 0; i < x.length; i++) {
    // A NaN would silently poison every distance sum that touches its row.
    if (!Number.isFinite(x[i])) {
      throw new RangeError(`${fn}: x[${i}] (row ${Math.floor(i / d)}, column ${i % d}) = ${x[i]} is not finite`);
    }
  }
}

/**
 * Checks that `labels` is an Int32Array of length n with every value in 0..k-1.
 *
 * @param fn - name of the calling function, used as the message prefix
 * @param labels - cluster id per row
 * @param n - expected length
 * @param k - number of cluster ids; when omitted it is taken as max(labels) + 1
 * @returns k (the given one, or max + 1)
 * @throws RangeError/TypeError naming the argument and its value
 */
export function assertLabels(fn: string, labels: Int32Array, n: number, k?: number): number {
  if (!(labels instanceof Int32Array)) {
    throw new TypeError(`${fn}: labels must be an Int32Array, got ${describe(labels)}`);
  }
  if (labels.length !== n) {
    throw new RangeError(`${fn}: labels.length = ${labels.length} but n = ${n}`);
  }
  if (k !== undefined) assertCount(fn, 'k', k, 1);
  let max = -1;
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (l < 0 || (k !== undefined && l >= k)) {
      const range = k === undefined ? 'cluster ids start at 0' : `expected 0..${k - 1}`;
      throw new RangeError(`${fn}: labels[${i}] = ${l} is out of range (${range})`);
    }
    if (l > max) max = l;
  }
  return k ?? max + 1;
}

/**
 * Checks that a label array (any non-negative ids, not necessarily dense) is an Int32Array.
 *
 * @param fn - name of the calling function
 * @param name - argument name for the message
 * @param labels - the array
 * @throws RangeError/TypeError naming the argument and its value
 */
export function assertIdArray(fn: string, name: string, labels: Int32Array): void {
  if (!(labels instanceof Int32Array)) {
    throw new TypeError(`${fn}: ${name} must be an Int32Array, got ${describe(labels)}`);
  }
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] < 0) {
      throw new RangeError(`${fn}: ${name}[${i}] = ${labels[i]} is negative`);
    }
  }
}

/**
 * Checks that `value` is an integer no smaller than `min`.
 *
 * @param fn - name of the calling function
 * @param name - argument name for the message
 * @param value - the value to check
 * @param min - smallest allowed value
 * @throws RangeError naming the argument and its value
 */
export function assertCount(fn: string, name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${fn}: ${name} must be an integer >= ${min}, got ${String(value)}`);
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'object') return (v as object).constructor?.name ?? 'object';
  return typeof v;
}

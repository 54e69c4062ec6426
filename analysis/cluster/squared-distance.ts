/**
 * The squared Euclidean distance between two rows, the one kernel that Lloyd's iterations,
 * k-means++ seeding and the cluster-validity indices share. Summed in column order: the tests pin
 * the bits of the results built on it, so the order is part of its definition.
 */
export function squaredDistance(a: Float64Array, ao: number, b: Float64Array, bo: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) {
    const e = a[ao + t] - b[bo + t];
    s += e * e;
  }
  return s;
}

/** Growing columnar buffers: a typed array copied into a new one of the same kind and a larger capacity. */
type Column = Int32Array | Int16Array | Float64Array | Uint8Array;

export function grown<T extends Column>(a: T, capacity: number): T {
  const next = new (a.constructor as new (n: number) => T)(capacity);
  next.set(a as never);
  return next;
}

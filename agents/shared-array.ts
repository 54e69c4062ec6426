/** Typed arrays over SharedArrayBuffer, so worker threads can read and write trader state without copying. */

type TypedArrayCtor<T> = { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };

export function sharedArray<T>(Ctor: TypedArrayCtor<T>, length: number): T {
  return new Ctor(new SharedArrayBuffer(Math.max(1, length) * Ctor.BYTES_PER_ELEMENT));
}

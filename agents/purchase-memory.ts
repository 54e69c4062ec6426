/**
 * Purchase memory: each trader's most recent distinct products, as a ring in one shared Int16Array.
 * A typed-array ring rather than one mnemonist CircularBuffer per trader: a million traders would be
 * a million objects on the heap, and bench/micro/memory.bench.ts measures the difference.
 */
import type { TraderTable } from './trader-table.ts';

/** Records a purchase; a product already remembered is not stored twice. */
export function remember(t: TraderTable, i: number, product: number): void {
  const size = t.memorySize;
  const base = i * size;
  const count = t.memoryCount[i];
  for (let k = 0; k < count; k++) if (t.memory[base + k] === product) return;
  const head = t.memoryHead[i];
  t.memory[base + head] = product;
  t.memoryHead[i] = head + 1 === size ? 0 : head + 1;
  if (count < size) t.memoryCount[i] = count + 1;
}

/** The remembered product at slot k (0 <= k < memoryCount[i]). */
export function recall(t: TraderTable, i: number, k: number): number {
  return t.memory[i * t.memorySize + k];
}

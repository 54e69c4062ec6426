/**
 * Purchase memory: the typed-array ring of agents/purchase-memory.ts (one Int16Array slice per
 * trader inside the shared TraderTable) against one mnemonist CircularBuffer per trader, for speed
 * and for the memory the structure holds.
 *
 * An op is what a visit does with memory for one item (agents/visit.ts): recall a random
 * remembered product, then remember the item bought, which is skipped when the product is already
 * remembered and otherwise overwrites the oldest slot of a full ring. Both variants run the same
 * pre-drawn sequence of 10M (trader, product, slot) ops over 100k traders, and must end with every
 * trader remembering the same set of products (checked before timing). Each repeat starts from
 * empty memories, so every repeat does the same work. A second group repeats it for 1,000 traders,
 * whose memories fit in cache, to separate the cost of the calls from the cost of scattering
 * 100k small objects over the heap.
 *
 *   npx tsx bench/micro/memory.bench.ts
 */
import { CircularBuffer } from 'mnemonist';
import seedrandom from 'seedrandom';
import { recall, remember } from '../../agents/purchase-memory.ts';
import { allocateTraders } from '../../agents/trader-table.ts';
import { resolveScenario } from '../../engine/scenario-load.ts';
import { collect, finish, keep, measure, printGroup, type GroupResult } from '../lib/micro.ts';

const TRADERS = 100_000;
/** A population whose memories fit in the CPU caches. */
const SMALL_TRADERS = 1000;
const OPS = 10_000_000;
/** Products in a trader's habitual range: enough that rings churn, few enough that repeats are common. */
const HABITUAL = 24;

const s = resolveScenario({ preset: 'personas', traders: TRADERS, weeks: 4 });
const CATEGORIES = s.market.catalogue.categories.length;
const PRODUCTS = s.market.catalogue.products.length;
const SIZE = s.population.memorySize;

interface Heap {
  heap: number;
  arrayBuffers: number;
}
function heap(): Heap {
  collect();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, arrayBuffers: m.arrayBuffers };
}

function group(traders: number): GroupResult {
  // The op sequence, drawn once: traders uniformly, products skewed towards each trader's favourites.
  const rand = seedrandom.alea(`memory-bench-${traders}`);
  const opTrader = new Int32Array(OPS);
  const opProduct = new Int16Array(OPS);
  const opSlot = new Uint8Array(OPS);
  for (let k = 0; k < OPS; k++) {
    const i = Math.floor(rand() * traders);
    opTrader[k] = i;
    opProduct[k] = (i * 13 + Math.floor(rand() ** 3 * HABITUAL)) % PRODUCTS;
    opSlot[k] = Math.floor(rand() * 256);
  }

  // --- A: the ring in the TraderTable --------------------------------------------------------
  const h0 = heap();
  const table = allocateTraders(traders, CATEGORIES, SIZE);
  const ringOps = (): number => {
    const t = table;
    let sum = 0;
    for (let k = 0; k < OPS; k++) {
      const i = opTrader[k];
      const count = t.memoryCount[i];
      if (count > 0) sum += recall(t, i, opSlot[k] % count);
      remember(t, i, opProduct[k]);
    }
    return sum;
  };
  const ringReset = (): void => {
    table.memoryCount.fill(0);
    table.memoryHead.fill(0);
  };
  ringOps();
  const h1 = heap();

  // --- B: a mnemonist CircularBuffer per trader ----------------------------------------------
  const buffers: CircularBuffer<number>[] = [];
  for (let i = 0; i < traders; i++) buffers.push(new CircularBuffer<number>(Int16Array, SIZE));
  const bufferOps = (): number => {
    let sum = 0;
    for (let k = 0; k < OPS; k++) {
      const b = buffers[opTrader[k]];
      const size = b.size;
      if (size > 0) sum += b.get(opSlot[k] % size) as number;
      const product = opProduct[k];
      let seen = false;
      for (let j = 0; j < size; j++) {
        if (b.get(j) === product) {
          seen = true;
          break;
        }
      }
      // push on a full buffer overwrites the oldest item, as the ring does.
      if (!seen) b.push(product);
    }
    return sum;
  };
  const bufferReset = (): void => {
    for (let i = 0; i < traders; i++) buffers[i].clear();
  };
  bufferOps();
  const h2 = heap();

  // Same memories from the same ops (the slot order inside a ring differs, so compare as sets).
  for (let i = 0; i < traders; i++) {
    const ring = Array.from(table.memory.subarray(i * SIZE, i * SIZE + table.memoryCount[i])).sort((a, b) => a - b);
    const buf = (Array.from(buffers[i].toArray()) as number[]).sort((a, b) => a - b);
    if (ring.join() !== buf.join())
      throw new Error(`memory.bench: trader ${i} remembers ${ring} in the ring but ${buf} in the CircularBuffer`);
  }

  const ringBytes = table.memory.byteLength + table.memoryHead.byteLength + table.memoryCount.byteLength;
  const g = measure(`purchase memory, ${traders.toLocaleString('en-US')} traders x ${SIZE} slots`, [
    { name: 'typed-array ring (TraderTable)', ops: OPS, unit: 'ops', before: ringReset, run: ringOps },
    { name: 'mnemonist CircularBuffer per trader', ops: OPS, unit: 'ops', before: bufferReset, run: bufferOps },
  ]);
  // The ring lives in the table's SharedArrayBuffers (off the JS heap): its size is exact. The
  // buffers' size is measured: heap growth (objects, and the small typed arrays V8 keeps on the
  // heap) plus array-buffer growth.
  const ringHeap = h1.heap - h0.heap;
  const bufHeap = h2.heap - h1.heap;
  const bufTotal = bufHeap + (h2.arrayBuffers - h1.arrayBuffers);
  g.results[0].extra = {
    heapMB: ringHeap / 2 ** 20,
    structureMB: ringBytes / 2 ** 20,
    bytesPerTrader: ringBytes / traders,
  };
  g.results[1].extra = {
    heapMB: bufHeap / 2 ** 20,
    structureMB: bufTotal / 2 ** 20,
    bytesPerTrader: bufTotal / traders,
  };
  printGroup(g, [
    { key: 'heapMB', label: 'JS heap MiB', format: (x) => (Math.abs(x) < 0.05 ? 0 : x).toFixed(1) },
    { key: 'structureMB', label: 'structure MiB', format: (x) => x.toFixed(1) },
    { key: 'bytesPerTrader', label: 'bytes/trader', format: (x) => x.toFixed(0) },
  ]);
  keep(buffers.length + table.count);
  return g;
}

// The engine's case, then a population small enough to stay in cache: the gap between the two
// groups is what scattering a million small objects over the heap costs, as opposed to the calls.
const groups = [group(TRADERS), group(SMALL_TRADERS)];

finish({
  bench: 'memory',
  groups,
  notes: [
    'An op = recall a random remembered product + remember one bought (deduplicated, oldest overwritten when full).',
    "JS heap MiB: heapUsed growth after building and filling the structure (after a full GC). structure MiB: the ring's three typed arrays exactly",
    '(shared, off-heap) for the ring; heap plus array-buffer growth, measured, for the CircularBuffers.',
  ],
});

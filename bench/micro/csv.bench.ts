/**
 * transactions.csv encoding: bytes written straight into a reused buffer with the ByteWriter
 * primitives (engine/byte-writer.ts writeInt/writeFixed), against the obvious alternative,
 * template strings with toFixed, joined per chunk and encoded with TextEncoder; and the engine's
 * own TransactionEncoder (engine/transactions-csv.ts), which builds on the same primitives and
 * pre-encodes whatever a row shares with others.
 *
 * The rows are synthetic but shaped like the engine's: the personas catalogue's products, units
 * and zones, 28 days of 14 trading hours in tick order, quantities on each product's step, a unit
 * price that is the day's price of the trader's zone (3 decimals; the engine's hourly prices are
 * pre-encoded the same way) and a total in cents, all drawn
 * with seedrandom. All three variants must produce the same bytes (checked by SHA-256 before
 * timing), so the comparison is of equal work.
 *
 *   npx tsx bench/micro/csv.bench.ts
 */
import { createHash } from 'node:crypto';
import seedrandom from 'seedrandom';
import { ByteWriter, csvField, joinBytes } from '../../engine/byte-writer.ts';
import { Clock } from '../../engine/clock.ts';
import { resolveScenario } from '../../engine/scenario-load.ts';
import { TransactionEncoder } from '../../engine/transactions-csv.ts';
import { TxnBatch } from '../../engine/txn-batch.ts';
import { finish, measure, printGroup } from '../lib/micro.ts';

const ROWS = 1_000_000;
const DAYS = 28;
const TRADERS = 100_000;
const CHUNK = 1 << 20;

const s = resolveScenario({ preset: 'personas', traders: TRADERS, weeks: DAYS / 7 });
const { products } = s.market.catalogue;
const zones = s.market.zones;
const clock = new Clock(s.calendar);
const hours = clock.tradingHours;
const openHour = clock.openHour;
const dates = Array.from({ length: DAYS }, (_, d) => clock.dayInfo(d).date);

// --- the synthetic day's rows, in the engine's columnar batch --------------------------------
const rand = seedrandom.alea('csv-bench');
const traderZone = Uint8Array.from({ length: TRADERS }, () => Math.floor(rand() * zones.length));
const P = products.length;
/** Each day's price per (zone * products + product), to a tenth of a cent as the market quotes it. */
const dayPrice = dates.map(() => {
  const price = new Float64Array(zones.length * P);
  for (let z = 0; z < zones.length; z++) {
    for (let p = 0; p < P; p++)
      price[z * P + p] = Math.max(
        0.001,
        Math.round(products[p].basePrice * zones[z].priceLevel * (0.7 + 0.6 * rand()) * 1000) / 1000,
      );
  }
  return price;
});
const batch = new TxnBatch(ROWS);
/** Rows of (day, hour) c are [chunkStart[c], chunkStart[c + 1]): rows arrive hour by hour as in a shard. */
const chunkStart = new Int32Array(DAYS * hours + 1);
for (let c = 0; c < DAYS * hours; c++) {
  const day = Math.floor(c / hours);
  chunkStart[c] = batch.length;
  const n = Math.floor(((c + 1) * ROWS) / (DAYS * hours)) - Math.floor((c * ROWS) / (DAYS * hours));
  for (let k = 0; k < n; k++) {
    const p = Math.floor(rand() * P);
    const trader = Math.floor(rand() * TRADERS);
    const step = products[p].step;
    // As agents/visit.ts makes them: a whole number of steps, the day's price in the trader's
    // zone, a total in cents.
    const q = Math.max(1, Math.round((products[p].householdQty * Math.exp(rand() - 0.5)) / step)) * step;
    const price = dayPrice[day][traderZone[trader] * P + p];
    batch.add(trader, p, q, Math.round(q * price * 100) / 100, rand() < 0.6 ? 1 : 0, 0);
  }
}
chunkStart[DAYS * hours] = batch.length;

// --- what each variant writes to: counts bytes, or hashes them for the equality check ---------
let bytesOut = 0;
let hash: ReturnType<typeof createHash> | undefined;
const sink = (b: Uint8Array): void => {
  bytesOut += b.length;
  hash?.update(b);
};

// --- A: ByteWriter, field by field with writeInt / writeFixed --------------------------------
const COMMA = 44;
const NEWLINE = 10;
const enc = new TextEncoder();
const productBytes = products.map((p, i) => joinBytes(`${i},`, csvField(p.name), ',', csvField(p.category), ','));
const unitBytes = products.map((p) => joinBytes(',', csvField(p.unit), ','));
const zoneBytes = zones.map((z) => joinBytes(csvField(z.id), ','));
const hourBytes = dates.map((date) =>
  Array.from({ length: hours }, (_, h) => enc.encode(`,${date}T${String(openHour + h).padStart(2, '0')}:00:00+02:00,`)),
);

function byteWriter(): number {
  const w = new ByteWriter(CHUNK, sink);
  let id = 1;
  for (let c = 0; c < DAYS * hours; c++) {
    const ts = hourBytes[Math.floor(c / hours)][c % hours];
    const tick = Math.floor(c / hours) * 24 + openHour + (c % hours);
    for (let r = chunkStart[c]; r < chunkStart[c + 1]; r++) {
      const p = batch.product[r];
      w.int(id++);
      w.byte(COMMA);
      w.int(batch.trader[r]);
      w.byte(COMMA);
      w.int(tick);
      w.bytes(ts);
      w.bytes(productBytes[p]);
      w.bytes(zoneBytes[traderZone[batch.trader[r]]]);
      w.fixed(batch.quantity[r], 2);
      w.bytes(unitBytes[p]);
      w.fixed(dayPrice[Math.floor(c / hours)][traderZone[batch.trader[r]] * P + p], 3);
      w.byte(COMMA);
      w.fixed(batch.total[r], 2);
      w.byte(COMMA);
      w.int(batch.repeat[r]);
      w.byte(COMMA);
      w.int(batch.substitute[r]);
      w.byte(NEWLINE);
    }
  }
  w.flush();
  return id;
}

// --- B: template strings and toFixed, joined per 4096 rows, TextEncoder-encoded ----------------
const dec = new TextDecoder();
const productStr = productBytes.map((b) => dec.decode(b));
const unitStr = unitBytes.map((b) => dec.decode(b));
const zoneStr = zoneBytes.map((b) => dec.decode(b));
const hourStr = hourBytes.map((day) => day.map((b) => dec.decode(b)));
const STRING_CHUNK = 4096;

function templateStrings(): number {
  let parts: string[] = [];
  let id = 1;
  for (let c = 0; c < DAYS * hours; c++) {
    const ts = hourStr[Math.floor(c / hours)][c % hours];
    const tick = Math.floor(c / hours) * 24 + openHour + (c % hours);
    for (let r = chunkStart[c]; r < chunkStart[c + 1]; r++) {
      const p = batch.product[r];
      const trader = batch.trader[r];
      parts.push(
        `${id++},${trader},${tick}${ts}${productStr[p]}${zoneStr[traderZone[trader]]}${batch.quantity[r].toFixed(2)}${unitStr[p]}${dayPrice[Math.floor(c / hours)][traderZone[trader] * P + p].toFixed(3)},${batch.total[r].toFixed(2)},${batch.repeat[r]},${batch.substitute[r]}\n`,
      );
      if (parts.length === STRING_CHUNK) {
        sink(enc.encode(parts.join('')));
        parts = [];
      }
    }
  }
  if (parts.length > 0) sink(enc.encode(parts.join('')));
  return id;
}

// --- C: the engine's TransactionEncoder, day by day and hour by hour as a shard calls it -------
const encoder = new TransactionEncoder(s, traderZone);
/** The engine posts a price every hour; here each hour of a day repeats the day's price. */
const hourPrice = dayPrice.map((price) => {
  const all = new Float64Array(hours * price.length);
  for (let h = 0; h < hours; h++) all.set(price, h * price.length);
  return all;
});

function transactionEncoder(): number {
  const w = new ByteWriter(CHUNK, sink);
  let id = 1;
  for (let d = 0; d < DAYS; d++) {
    encoder.startDay(dates[d], d * 24 + openHour, openHour, hours, hourPrice[d]);
    for (let h = 0; h < hours; h++) {
      const c = d * hours + h;
      encoder.encode(batch, chunkStart[c], chunkStart[c + 1], chunkStart[c + 1], h, id, w);
      id += chunkStart[c + 1] - chunkStart[c];
    }
  }
  w.flush();
  return id;
}

// --- equal output first: a benchmark of different bytes would compare nothing ------------------
const variants = [
  { name: 'ByteWriter writeInt/writeFixed', run: byteWriter },
  { name: 'template strings + toFixed + TextEncoder', run: templateStrings },
  { name: 'TransactionEncoder.encode', run: transactionEncoder },
];
const digests = variants.map((v) => {
  hash = createHash('sha256');
  bytesOut = 0;
  v.run();
  return { digest: hash.digest('hex'), bytes: bytesOut };
});
hash = undefined;
if (digests.some((d) => d.digest !== digests[0].digest)) {
  for (const [k, v] of variants.entries())
    process.stderr.write(`${v.name}: ${digests[k].bytes} bytes, sha256 ${digests[k].digest}\n`);
  throw new Error('csv.bench: the variants wrote different bytes; fix the bench before trusting its timings');
}
const totalBytes = digests[0].bytes;

const g = measure(
  `transactions.csv rows (${ROWS.toLocaleString('en-US')} rows, ${(totalBytes / 2 ** 20).toFixed(1)} MiB)`,
  variants.map((v) => ({ ...v, ops: ROWS, unit: 'rows' })),
);
for (const r of g.results) r.extra = { MBps: totalBytes / 1e6 / (r.ms / 1000) };
printGroup(g, [{ key: 'MBps', label: 'MB/s', format: (x) => x.toFixed(0) }]);

finish({
  bench: 'csv',
  groups: [g],
  notes: [
    `All three variants wrote identical bytes (sha256 ${digests[0].digest.slice(0, 16)}..., ${totalBytes.toLocaleString('en-US')} bytes); the sink only counts them, so no I/O is timed.`,
  ],
});

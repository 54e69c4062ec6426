/**
 * Invariants of a run directory's files that must hold row by row, whatever the seed: the data
 * contract (columns, counts, sizes, formats, order), traders.csv against the spawned population,
 * prices.csv and market.csv in order with stock that covers what sold, and every transaction
 * numbered, timed in trading hours and priced at the zone's posted price (invariants-fixture.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT, addDays } from '../helpers/run.ts';
import { RUN_NAMES, everyRow, load } from './invariants-fixture.ts';

for (const name of RUN_NAMES) {
  test(`${name}: files follow the contract: columns, row counts, sizes`, async () => {
    const loadedRun = await load(name);
    const { run, txns } = loadedRun;
    const s = run.scenario;
    const days = s.weeks * 7;
    const hours = s.calendar.closeHour - s.calendar.openHour;
    const expectedRows = {
      'traders.csv': s.traders,
      'transactions.csv': run.manifest.counts.transactions,
      'prices.csv': days * s.market.zones.length * s.market.catalogue.products.length,
      'market.csv': days * hours * s.market.zones.length * s.market.catalogue.products.length,
    };
    const headers = {
      'traders.csv': CONTRACT.traders,
      'transactions.csv': CONTRACT.transactions,
      'prices.csv': CONTRACT.prices,
      'market.csv': CONTRACT.market,
    };
    for (const [file, rows] of Object.entries(expectedRows) as [keyof typeof headers, number][]) {
      const csv = loadedRun.csv(file);
      assert.deepEqual(csv.header, [...headers[file]], `${file} header is the contract's`);
      assert.equal(csv.rows.length, rows, `${file} row count`);
      assert.equal(run.manifest.files[file].rows, rows, `${file} manifest row count`);
      assert.equal(run.manifest.files[file].bytes, statSync(join(run.dir, file)).size, `${file} manifest bytes`);
      // Round trip: re-serialising what csv-parse read gives back the file byte for byte, so the
      // file is plain RFC 4180 CSV with no stray quotes, spaces or line endings.
      const quote = (f: string) => (/[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
      const again = [csv.header, ...csv.rows].map((r) => `${r.map(quote).join(',')}\n`).join('');
      assert.ok(again === readFileSync(join(run.dir, file), 'utf8'), `${file} round-trips through csv-parse`);
    }
    assert.deepEqual(run.manifest.counts, {
      traders: s.traders,
      transactions: txns.length,
      priceRows: expectedRows['prices.csv'],
      marketRows: expectedRows['market.csv'],
    });
    const metrics = JSON.parse(readFileSync(join(run.dir, 'metrics.json'), 'utf8')) as Record<string, number>;
    assert.deepEqual(metrics, run.summary.metrics, 'metrics.json is what simulate returned');
    assert.equal(
      run.manifest.files['metrics.json'].bytes,
      statSync(join(run.dir, 'metrics.json')).size,
      'metrics.json is in the manifest',
    );
    assert.ok(
      Object.keys(metrics).length >= 20 && 'stockout_rate' in metrics && 'cheap_decile_price_index' in metrics,
      'metrics are named',
    );
    assert.ok(txns.length > 500, `enough transactions to make the checks meaningful (${txns.length})`);
  });

  test(`${name}: traders.csv is well formed and agrees with the spawned population`, async () => {
    const { run, traders, table } = await load(name);
    const s = run.scenario;
    const personas = new Set(s.population.personas.map((p) => p.id));
    const zones = s.market.zones.map((z) => z.id);
    const categories = new Set(s.market.catalogue.categories.map((c) => c.id));
    everyRow(traders, (t, i) => {
      if (t.trader_id !== i) return `trader_id ${t.trader_id} is not ${i}`;
      if (!personas.has(t.persona)) return `unknown persona ${t.persona}`;
      if (s.population.personas[table.persona[i]].id !== t.persona) return 'persona differs from the spawn table';
      if (zones[table.zone[i]] !== t.zone) return 'zone differs from the spawn table';
      if (t.join_week !== Math.floor(table.joinDay[i] / 7))
        return `join_week ${t.join_week} but join day ${table.joinDay[i]}`;
      if (Math.abs(t.budget - table.budget[i]) > 0.005 + 1e-9)
        return `budget ${t.budget} but spawned ${table.budget[i]}`;
      if (!(t.budget > 0 && t.activity > 0 && t.quantity_scale > 0))
        return 'budget, activity and quantity_scale are positive';
      if (!(t.repeat_prob >= 0 && t.repeat_prob <= 1)) return `repeat_prob ${t.repeat_prob}`;
      if (!(t.price_sensitivity >= 0)) return `price_sensitivity ${t.price_sensitivity}`;
      if (t.preferred_categories.length === 0 || t.preferred_categories.some((c) => !categories.has(c)))
        return 'preferred_categories';
      if (new Set(t.preferred_categories).size !== t.preferred_categories.length) return 'preferred_categories repeat';
      if (!['', 'power_user', 'dormant'].includes(t.edge_case)) return `edge_case ${t.edge_case}`;
      if (t.declines !== 0 && t.declines !== 1) return `declines ${t.declines}`;
      return undefined;
    });
  });

  test(`${name}: prices.csv covers every day, zone and product in order, in 3 decimals`, async () => {
    const { run, prices } = await load(name);
    const s = run.scenario;
    const Z = s.market.zones.length;
    const P = s.market.catalogue.products.length;
    everyRow(prices, (r, k) => {
      const day = Math.floor(k / (Z * P));
      if (r.day !== day) return `day ${r.day}, expected ${day}`;
      if (r.date !== addDays(s.calendar.startDate, day)) return `date ${r.date} for day ${day}`;
      if (r.zone !== s.market.zones[Math.floor(k / P) % Z].id) return `zone ${r.zone}`;
      if (r.product_id !== k % P) return `product_id ${r.product_id}`;
      if (!/^\d+\.\d{3}$/.test(r.rawPrice) || !(r.price > 0)) return `price ${r.rawPrice}`;
      // Day 0 is the vendors' day of discovery: unlimited stock, nothing delivered or wasted to report.
      if (day === 0 ? !Number.isNaN(r.delivered) || !Number.isNaN(r.wasted) : !(r.delivered >= 0 && r.wasted >= 0)) {
        return `delivered ${r.delivered}, wasted ${r.wasted} on day ${day}`;
      }
      if (r.wasted > 0 && !s.market.catalogue.products[r.product_id].perishable) return 'a storable product was wasted';
      return undefined;
    });
  });

  test(`${name}: market.csv books every trading hour: stock covers what sold, and sold is transactions' quantity`, async () => {
    const { run, market, txns, prices } = await load(name);
    const s = run.scenario;
    const Z = s.market.zones.length;
    const P = s.market.catalogue.products.length;
    const H = s.calendar.closeHour - s.calendar.openHour;
    const zoneIndex = new Map(s.market.zones.map((z, i) => [z.id, i]));
    const bought = new Float64Array(market.length);
    for (const r of txns) {
      const day = Math.floor(r.tick / 24);
      const h = (r.tick % 24) - s.calendar.openHour;
      bought[((day * H + h) * Z + zoneIndex.get(r.zone)!) * P + r.product_id] += r.quantity;
    }
    everyRow(market, (r, k) => {
      const day = Math.floor(k / (H * Z * P));
      const h = Math.floor(k / (Z * P)) % H;
      if (r.day !== day || r.hour !== s.calendar.openHour + h)
        return `day ${r.day} hour ${r.hour}, expected ${day} ${s.calendar.openHour + h}`;
      if (r.zone !== s.market.zones[Math.floor(k / P) % Z].id || r.product_id !== k % P)
        return 'zone or product out of order';
      if (Math.abs(r.sold - bought[k]) > 1e-9) return `sold ${r.sold} but transactions bought ${bought[k]}`;
      if (!(r.unmet >= 0)) return `unmet ${r.unmet}`;
      if (
        r.markdown === 1 &&
        !(s.market.catalogue.products[r.product_id].perishable && H - h <= s.market.price.markdownHours)
      )
        return 'a markdown outside the window or on a storable product';
      if (day === 0 ? !Number.isNaN(r.stock) : !(r.stock >= r.sold - 1e-9))
        return `stock ${r.stock} against sold ${r.sold} on day ${day}`;
      if (h === 0 && r.rawPrice !== prices[day * Z * P + (k % (Z * P))].rawPrice)
        return "the first hour's price is not prices.csv's price of the day";
      // Stock only falls within a day: the next hour opens with this one's stock less what sold.
      if (h + 1 < H && day > 0 && Math.abs(market[k + Z * P].stock - (r.stock - r.sold)) > 1e-9)
        return `next hour's stock ${market[k + Z * P].stock} != ${r.stock} - ${r.sold}`;
      return undefined;
    });
  });

  test(`${name}: transactions are numbered, ordered, timed in trading hours and consistent with the catalogue`, async () => {
    const { run, traders, txns, market, table } = await load(name);
    const s = run.scenario;
    const { products } = s.market.catalogue;
    const { openHour, closeHour, startDate } = s.calendar;
    const Z = s.market.zones.length;
    const P = products.length;
    const H = closeHour - openHour;
    const zoneIndex = new Map(s.market.zones.map((z, i) => [z.id, i]));
    const priceText = (day: number, hour: number, zone: string, product: number) =>
      market[((day * H + hour - openHour) * Z + zoneIndex.get(zone)!) * P + product].rawPrice;
    const hours = new Set<number>();
    everyRow(txns, (r, k) => {
      if (r.txn_id !== k + 1) return `txn_id ${r.txn_id}, expected ${k + 1}`;
      if (k > 0) {
        const q = txns[k - 1];
        if (r.tick < q.tick || (r.tick === q.tick && r.trader_id < q.trader_id))
          return 'rows not sorted by (tick, trader_id)';
      }
      const day = Math.floor(r.tick / 24);
      const hour = r.tick - day * 24;
      hours.add(hour);
      if (hour < openHour || hour >= closeHour)
        return `hour ${hour} outside trading hours ${openHour}-${closeHour - 1}`;
      if (day >= s.weeks * 7) return `day ${day} beyond the horizon`;
      const ts = `${addDays(startDate, day)}T${String(hour).padStart(2, '0')}:00:00+02:00`;
      if (r.timestamp !== ts) return `timestamp ${r.timestamp}, expected ${ts} from tick ${r.tick}`;
      if (Date.parse(r.timestamp) !== Date.parse(`${startDate}T00:00:00+02:00`) + r.tick * 3_600_000)
        return 'timestamp is not start + tick hours';
      if (!(r.trader_id >= 0 && r.trader_id < s.traders)) return `trader_id ${r.trader_id}`;
      const p = products[r.product_id];
      if (!p) return `product_id ${r.product_id}`;
      if (r.product !== p.name || r.category !== p.category || r.unit !== p.unit)
        return `product columns disagree with catalogue entry ${p.id}`;
      if (r.zone !== traders[r.trader_id].zone)
        return `zone ${r.zone} is not the trader's (${traders[r.trader_id].zone})`;
      if (
        !/^\d+\.\d{2}$/.test(r.raw.quantity) ||
        !/^\d+\.\d{3}$/.test(r.raw.unit_price) ||
        !/^\d+\.\d{2}$/.test(r.raw.total)
      )
        return 'number format';
      if (!(r.quantity > 0)) return `quantity ${r.quantity}`;
      const steps = r.quantity / p.step;
      if (Math.abs(steps - Math.round(steps)) > 1e-9)
        return `quantity ${r.quantity} is not a multiple of step ${p.step}`;
      if (Math.abs(r.total - r.quantity * r.unit_price) > 0.005 + 1e-9)
        return `total ${r.total} != round2(${r.quantity} x ${r.unit_price})`;
      if (!(r.total > 0)) return `total ${r.total}`;
      if (r.is_repeat !== 0 && r.is_repeat !== 1) return `is_repeat ${r.is_repeat}`;
      if (r.is_substitute !== 0 && r.is_substitute !== 1) return `is_substitute ${r.is_substitute}`;
      if (r.is_substitute === 1 && r.is_repeat === 1) return 'a substitute is never a repeat purchase';
      const posted = priceText(day, hour, r.zone, r.product_id);
      if (r.raw.unit_price !== posted)
        return `unit_price ${r.raw.unit_price} is not the zone's price in that hour (${posted})`;
      if (day < table.joinDay[r.trader_id])
        return `bought on day ${day} before joining on day ${table.joinDay[r.trader_id]}`;
      if (day >= table.dormantDay[r.trader_id])
        return `bought on day ${day} after going dormant on day ${table.dormantDay[r.trader_id]}`;
      return undefined;
    });
    assert.ok(hours.size > 3, `visits spread over the day (${[...hours].sort((a, b) => a - b).join(',')})`);
  });
}

/**
 * A tiny hand-built run directory with answers known by hand: 3 traders (a, b, c), 2 products in
 * 2 categories, 1 zone, 7 days, 5 transactions, 2 market hours; sealed like the engine's (sizes
 * and SHA-256 in manifest.json).
 *
 *   trader 0 (wholesaler) buys on day 0 at 05:00: 10 kg maize at 0.50 (5.00) and 2 kg beans at 2.00 (4.00)
 *   trader 1 (bargain)    buys on day 1 at 17:00: 1 kg maize at 0.40 (0.40), on day 3 at 18:00: 1 kg beans at 1.50 (1.50)
 *   trader 2 (bargain)    buys on day 2 at 16:00: 2 kg maize at 0.45 (0.90)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sealRun } from './seal.ts';

export function writeTinyRun(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const manifest = {
    musika: 'test',
    seed: 'tiny',
    days: 7,
    counts: { traders: 3, transactions: 5, priceRows: 14, marketRows: 4 },
    scenario: {
      name: 'tiny',
      traders: 3,
      weeks: 1,
      calendar: { startDate: '2025-01-06', openHour: 5, closeHour: 19 },
      population: {
        personas: [
          { id: 'wholesaler', share: 0.34, repeat: 0.9, priceSensitivity: 0.5 },
          { id: 'bargain', share: 0.66, repeat: 0.3, priceSensitivity: 2 },
        ],
        budget: { payday: 25 },
      },
      market: {
        catalogue: {
          categories: [{ id: 'grains' }, { id: 'legumes' }],
          products: [
            { id: 'maize', name: 'Maize', category: 'grains', unit: 'kg' },
            { id: 'beans', name: 'Beans', category: 'legumes', unit: 'kg' },
          ],
        },
        zones: [{ id: 'mbare', name: 'Mbare Musika' }],
      },
    },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(
    join(dir, 'traders.csv'),
    [
      'trader_id,persona,zone,join_week,activity,budget,repeat_prob,price_sensitivity,quantity_scale,preferred_categories,individual_factor,edge_case,declines',
      '0,wholesaler,mbare,-10,5.000,500.00,0.900,0.500,10.000,grains;legumes,1.000,,0',
      '1,bargain,mbare,0,1.000,20.00,0.300,2.000,1.000,grains;legumes,1.000,,0',
      '2,bargain,mbare,0,1.000,20.00,0.300,2.000,1.000,grains,1.000,power_user,1',
      '',
    ].join('\n'),
  );
  const ts = (day: number, hour: number): string =>
    `2025-01-${String(6 + day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+02:00`;
  const tx = (
    id: number,
    t: number,
    day: number,
    hour: number,
    p: number,
    q: string,
    price: string,
    total: string,
  ): string =>
    `${id},${t},${day * 24 + hour},${ts(day, hour)},${p},${p ? 'Beans' : 'Maize'},${p ? 'legumes' : 'grains'},mbare,${q},kg,${price},${total},0,0`;
  writeFileSync(
    join(dir, 'transactions.csv'),
    [
      'txn_id,trader_id,tick,timestamp,product_id,product,category,zone,quantity,unit,unit_price,total,is_repeat,is_substitute',
      tx(1, 0, 0, 5, 0, '10.00', '0.500', '5.00'),
      tx(2, 0, 0, 5, 1, '2.00', '2.000', '4.00'),
      tx(3, 1, 1, 17, 0, '1.00', '0.400', '0.40'),
      tx(4, 2, 2, 16, 0, '2.00', '0.450', '0.90'),
      tx(5, 1, 3, 18, 1, '1.00', '1.500', '1.50'),
      '',
    ].join('\n'),
  );
  const prices = ['day,date,zone,product_id,price,delivered,wasted'];
  for (let d = 0; d < 7; d++)
    prices.push(
      `${d},2025-01-${String(6 + d).padStart(2, '0')},mbare,0,0.500,,`,
      `${d},2025-01-${String(6 + d).padStart(2, '0')},mbare,1,2.000,,`,
    );
  writeFileSync(join(dir, 'prices.csv'), `${prices.join('\n')}\n`);
  writeFileSync(
    join(dir, 'market.csv'),
    [
      'day,hour,zone,product_id,price,markdown,stock,sold,unmet',
      '0,5,mbare,0,0.500,0,,10.00,0.00',
      '0,5,mbare,1,2.000,0,,2.00,1.00',
      '1,17,mbare,0,0.400,1,,1.00,3.00',
      '2,16,mbare,0,0.450,1,,2.00,0.00',
      '',
    ].join('\n'),
  );
  sealRun(dir);
  return dir;
}

/**
 * The Parquet run directory's layout and the columns of its three datasets: transactions, market
 * and prices, partitioned by week (`transactions/week=0007/part-0.parquet`), which DuckDB, polars,
 * pandas/pyarrow and Spark read as one table with hive partitioning. The columns are the CSV
 * files', typed; names, units, categories and zones are enums, so rows carry their codes.
 */
import type { ColumnSpec } from './parquet-table.ts';
import type { Scenario } from './scenario.ts';

export const PARQUET_DATASETS = ['transactions', 'market', 'prices'] as const;
export type Dataset = (typeof PARQUET_DATASETS)[number];
export const TRADERS_PARQUET = 'traders.parquet';

/** The part of `dataset` holding week w (0-based), relative to the run directory. */
export function partPath(dataset: Dataset, week: number): string {
  return `${dataset}/week=${String(week).padStart(4, '0')}/part-0.parquet`;
}

/** The distinct values of `values`, in first-seen order, and each value's index among them. */
export function dictionary(values: readonly string[]): { values: string[]; index: number[] } {
  const seen = new Map<string, number>();
  const index = values.map((v) => {
    let k = seen.get(v);
    if (k === undefined) {
      k = seen.size;
      seen.set(v, k);
    }
    return k;
  });
  return { values: [...seen.keys()], index };
}

/** Each dataset's columns, and the enum codes its rows are staged with. */
export interface DatasetSchema {
  columns: Record<Dataset, ColumnSpec[]>;
  /** Per product: the code of its name, its category and its unit. */
  productName: number[];
  productCategory: number[];
  productUnit: number[];
  /** Each zone's code in the zone enum. */
  zoneCode: number[];
}

export function datasetSchema(s: Scenario): DatasetSchema {
  const { products, categories } = s.market.catalogue;
  const names = dictionary(products.map((p) => p.name));
  const units = dictionary(products.map((p) => p.unit));
  const zones = dictionary(s.market.zones.map((z) => z.id));
  const cats = dictionary(categories.map((c) => c.id));
  const zone: ColumnSpec = { name: 'zone', type: { enum: zones.values } };
  return {
    columns: {
      transactions: [
        { name: 'txn_id', type: 'BIGINT' },
        { name: 'trader_id', type: 'INTEGER' },
        { name: 'tick', type: 'INTEGER' },
        { name: 'timestamp', type: 'TIMESTAMPTZ' },
        { name: 'product_id', type: 'SMALLINT' },
        { name: 'product', type: { enum: names.values } },
        { name: 'category', type: { enum: cats.values } },
        zone,
        { name: 'quantity', type: 'DOUBLE' },
        { name: 'unit', type: { enum: units.values } },
        { name: 'unit_price', type: 'DOUBLE' },
        { name: 'total', type: 'DOUBLE' },
        { name: 'is_repeat', type: 'BOOLEAN' },
        { name: 'is_substitute', type: 'BOOLEAN' },
      ],
      market: [
        { name: 'day', type: 'INTEGER' },
        { name: 'hour', type: 'INTEGER' },
        zone,
        { name: 'product_id', type: 'SMALLINT' },
        { name: 'price', type: 'DOUBLE' },
        { name: 'markdown', type: 'BOOLEAN' },
        { name: 'stock', type: 'DOUBLE', nullable: true },
        { name: 'sold', type: 'DOUBLE' },
        { name: 'unmet', type: 'DOUBLE' },
      ],
      prices: [
        { name: 'day', type: 'INTEGER' },
        { name: 'date', type: 'DATE' },
        zone,
        { name: 'product_id', type: 'SMALLINT' },
        { name: 'price', type: 'DOUBLE' },
        { name: 'delivered', type: 'DOUBLE', nullable: true },
        { name: 'wasted', type: 'DOUBLE', nullable: true },
      ],
    },
    productName: names.index,
    productCategory: products.map((p) => cats.index[categories.findIndex((c) => c.id === p.category)]),
    productUnit: units.index,
    zoneCode: zones.index,
  };
}

/**
 * The data contract's tables (README, "Run directory"): each table's columns and the DuckDB type
 * each is read as, whether the run was written as CSV or as Parquet. Written out here, not
 * imported from the engine: the analysis reads any data in this schema, real data included.
 */

export const TABLES = ['traders', 'transactions', 'prices', 'market'] as const;
export type TableName = (typeof TABLES)[number];

/** Column name -> DuckDB type, in the CSV writer's column order. */
export const SCHEMA: Record<TableName, Record<string, string>> = {
  traders: {
    trader_id: 'INTEGER',
    persona: 'VARCHAR',
    zone: 'VARCHAR',
    join_week: 'INTEGER',
    activity: 'DOUBLE',
    budget: 'DOUBLE',
    repeat_prob: 'DOUBLE',
    price_sensitivity: 'DOUBLE',
    quantity_scale: 'DOUBLE',
    preferred_categories: 'VARCHAR',
    individual_factor: 'DOUBLE',
    edge_case: 'VARCHAR',
    declines: 'INTEGER',
  },
  transactions: {
    txn_id: 'BIGINT',
    trader_id: 'INTEGER',
    tick: 'INTEGER',
    timestamp: 'TIMESTAMPTZ',
    product_id: 'INTEGER',
    product: 'VARCHAR',
    category: 'VARCHAR',
    zone: 'VARCHAR',
    quantity: 'DOUBLE',
    unit: 'VARCHAR',
    unit_price: 'DOUBLE',
    total: 'DOUBLE',
    is_repeat: 'INTEGER',
    is_substitute: 'INTEGER',
  },
  prices: {
    day: 'INTEGER',
    date: 'DATE',
    zone: 'VARCHAR',
    product_id: 'INTEGER',
    price: 'DOUBLE',
    delivered: 'DOUBLE',
    wasted: 'DOUBLE',
  },
  market: {
    day: 'INTEGER',
    hour: 'INTEGER',
    zone: 'VARCHAR',
    product_id: 'INTEGER',
    price: 'DOUBLE',
    markdown: 'INTEGER',
    stock: 'DOUBLE',
    sold: 'DOUBLE',
    unmet: 'DOUBLE',
  },
};

/** Whether the contract reads `column` of `table` as numbers (a column it does not list is text). */
export function isNumericColumn(table: TableName, column: string): boolean {
  return ['INTEGER', 'BIGINT', 'DOUBLE'].includes(SCHEMA[table][column] ?? '');
}

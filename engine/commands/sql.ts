/** `musika sql DIR "SELECT ..."`: DuckDB over a run directory's tables, CSV or Parquet. */
import { QUERY_FORMATS, QueryError, queryRun, type QueryFormat } from '../../analysis/run/index.ts';
import { parse, positiveInt, str } from '../cli-args.ts';
import { UsageError, show } from '../errors.ts';
import { requireRunDir } from './analyze.ts';

export const SQL_HELP = `Usage: musika sql DIR "SELECT ..." [options]

Runs one SQL query (DuckDB, embedded) over the run in DIR and prints the result. The run's files are
checked against manifest.json first (sizes and SHA-256); a run that fails the check prints nothing.

Views (CSV or Parquet runs alike, with the data contract's column types):
  traders       one row per trader: persona, zone, join_week, budget, ... (the ground truth)
  transactions  one row per item bought: txn_id, trader_id, tick, timestamp, product_id, product,
                category, zone, quantity, unit, unit_price, total, is_repeat, is_substitute
  prices        one row per day, zone and product: the day's price, delivered, wasted
  market        one row per trading hour, zone and product: posted price, markdown, stock, sold, unmet
  features      standardised features per trader (after "musika analyze DIR")
  clusters      trader_id, cluster (after "musika analyze DIR")

Examples:
  musika sql runs/default "SELECT persona, count(*) AS traders FROM traders GROUP BY ALL ORDER BY 2 DESC"
  musika sql runs/default "SELECT zone, sum(unmet) / sum(sold + unmet) AS unmet_share FROM market GROUP BY ALL"

Options:
  --format F     table (default), csv or json
  --max-rows N   rows a table shows (default 1000; csv and json print every row)
  -h, --help     show this help

Exit status: 0 on success, 2 for a bad query (DuckDB's message) or a run that fails its check.
`;

export const sqlOptions = {
  format: { type: 'string' },
  'max-rows': { type: 'string' },
} as const;

/** `out` receives the output (standard output by default; tests pass their own). */
export async function sqlCommand(
  argv: string[],
  out: (text: string) => void = (t) => process.stdout.write(t),
): Promise<number> {
  const { values, positionals } = parse(argv, sqlOptions, 2);
  if (values.help) {
    out(SQL_HELP);
    return 0;
  }
  const dir = requireRunDir(positionals[0], 'sql');
  const query = positionals[1];
  if (!query?.trim()) throw new UsageError('sql needs a query: musika sql DIR "SELECT ..."');
  const format = str(values, 'format') ?? 'table';
  if (!(QUERY_FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format must be ${QUERY_FORMATS.join(', ')}, got ${show(format)}`);
  try {
    await queryRun(dir, query, { format: format as QueryFormat, maxRows: positiveInt(values, 'max-rows'), write: out });
  } catch (e) {
    if (e instanceof QueryError) throw new UsageError(`query failed: ${e.message}`);
    throw e;
  }
  return 0;
}

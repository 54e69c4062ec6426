/**
 * Streaming the analysis's own CSV outputs (DIR/analysis/features.csv, clusters.csv). The run's
 * data contract is read only through analysis/run (manifest checked, CSV or Parquet).
 */
import { createReadStream, existsSync } from 'node:fs';
import Papa from 'papaparse';
import { RunDirError } from '../run/index.ts';

/**
 * Streams a CSV file's records (as arrays of strings) to `onRow`, checking that the header names
 * the columns the caller needs; `onRow` gets the column index of each. Returns the number of rows.
 * PapaParse, because it handles CSV quoting and streams about 4x faster than csv-parse here
 * (323k transaction rows: 1.3 s against 5.8 s, measured on the same machine in one session).
 */
export function streamCsv(
  path: string,
  columns: readonly string[],
  onRow: (row: string[], index: Record<string, number>) => void,
): Promise<number> {
  if (!existsSync(path)) return Promise.reject(new RunDirError(`missing file ${path}`));
  return new Promise((resolve, reject) => {
    let index: Record<string, number> | undefined;
    let rows = 0;
    let failed = false;
    const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
    Papa.parse<string[]>(stream as unknown as File, {
      skipEmptyLines: true,
      step: (result, parser) => {
        if (failed) return;
        const record = result.data;
        try {
          if (!index) {
            const found: Record<string, number> = {};
            for (const c of columns) {
              const k = record.indexOf(c);
              if (k < 0) throw new RunDirError(`${path}: column ${c} is missing (header: ${record.join(',')})`);
              found[c] = k;
            }
            index = found;
            return;
          }
          onRow(record, index);
          rows++;
        } catch (e) {
          failed = true;
          parser.abort();
          stream.destroy();
          reject(e);
        }
      },
      complete: () => {
        if (!failed) resolve(rows);
      },
      error: (e: Error) => {
        if (!failed) reject(new RunDirError(`${path}: ${e.message}`));
      },
    });
  });
}

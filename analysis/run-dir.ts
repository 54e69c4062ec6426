/**
 * Reading a run directory through the data contract only (README, "Run directory"): the manifest
 * and the CSV files. Nothing here knows how the simulation works, so the analysis applies to any
 * data in the same schema.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse';

/** The parts of manifest.json the analysis reads. */
export interface RunManifest {
  seed: string;
  days: number;
  counts: { traders: number; transactions: number };
  scenario: {
    name: string;
    traders: number;
    weeks: number;
    calendar: { startDate: string; openHour: number; closeHour: number };
    population: { personas: { id: string; share: number; repeat: number; priceSensitivity: number }[]; budget: { payday: number } };
    market: {
      catalogue: { categories: { id: string }[]; products: { id: string; name: string; category: string; unit: string }[] };
      zones: { id: string; name: string }[];
    };
  };
}

export class RunDirError extends Error {
  override name = 'RunDirError';
}

export function readManifest(dir: string): RunManifest {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) throw new RunDirError(`${dir} is not a finished run: ${path} is missing`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as RunManifest;
  } catch (e) {
    throw new RunDirError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * Streams a CSV file's records (as arrays of strings) to `onRow`, checking the header names the
 * columns the caller needs. Returns the column index of each needed column.
 */
export async function streamCsv(
  path: string,
  columns: readonly string[],
  onRow: (row: string[], index: Record<string, number>) => void,
): Promise<number> {
  if (!existsSync(path)) throw new RunDirError(`missing file ${path}`);
  const parser = createReadStream(path, { highWaterMark: 1 << 20 }).pipe(parse({ relax_column_count: false }));
  let index: Record<string, number> | undefined;
  let rows = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    if (!index) {
      const found: Record<string, number> = {};
      for (const c of columns) {
        const k = record.indexOf(c);
        if (k < 0) throw new RunDirError(`${path}: column ${c} is missing (header: ${record.join(',')})`);
        found[c] = k;
      }
      index = found;
      continue;
    }
    onRow(record, index);
    rows++;
  }
  return rows;
}

/**
 * Reading a run directory through the data contract only (README, "Run directory"): the manifest
 * and the CSV files. Nothing here knows how the simulation works, so the analysis applies to any
 * data in the same schema.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { z } from 'zod';
import { SchemaError, parseInput } from '../engine/errors.ts';

const count = (min: number): z.ZodNumber => z.number({ error: `expected an integer >= ${min}` }).int({ error: `expected an integer >= ${min}` }).min(min, { error: `expected an integer >= ${min}` });
const id = z.string({ error: 'expected a string' });
const list = <T extends z.ZodType>(element: T) => z.array(element, { error: 'expected an array' });

/**
 * The parts of manifest.json the analysis reads, as a schema: a manifest read back is checked
 * before anything is computed from it. Other fields may be there (loose objects): the analysis
 * applies to any data in the contract's schema.
 */
const manifestSchema = z.looseObject({
  seed: z.string({ error: 'expected a string' }),
  days: count(1),
  counts: z.looseObject({ traders: count(1), transactions: count(0) }),
  scenario: z.looseObject({
    name: z.string({ error: 'expected a string' }),
    traders: count(1),
    weeks: count(1),
    calendar: z.looseObject({
      startDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'expected a date YYYY-MM-DD' }).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), { error: 'expected a date YYYY-MM-DD' }),
      openHour: count(0).max(23, { error: 'expected an integer hour 0-23' }),
      closeHour: count(1).max(24, { error: 'expected an integer hour 1-24' }),
    }),
    population: z.looseObject({
      personas: list(
        z.looseObject({
          id,
          share: z.number({ error: 'expected a number >= 0' }).min(0, { error: 'expected a number >= 0' }),
          repeat: z.number({ error: 'expected a number' }),
          priceSensitivity: z.number({ error: 'expected a number' }),
        }),
      ).min(1, { error: 'expected a non-empty array' }),
      budget: z.looseObject({ payday: count(1).max(28, { error: 'expected a day of the month 1-28' }) }),
    }),
    market: z.looseObject({
      catalogue: z.looseObject({
        categories: list(z.looseObject({ id })),
        products: list(z.looseObject({ id, name: id, category: id, unit: id })),
      }),
      zones: list(z.looseObject({ id, name: id })),
    }),
  }),
});

export type RunManifest = z.output<typeof manifestSchema>;

export class RunDirError extends Error {
  override name = 'RunDirError';
}

export function readManifest(dir: string): RunManifest {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) throw new RunDirError(`${dir} is not a finished run: ${path} is missing`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new RunDirError(`${path} is not valid JSON: ${(e as Error).message.replace(/\s+/g, ' ')}`);
  }
  try {
    return parseInput(manifestSchema, json, { label: 'manifest', prefix: `${path}: ` });
  } catch (e) {
    throw e instanceof SchemaError ? new RunDirError(e.message) : e;
  }
}

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

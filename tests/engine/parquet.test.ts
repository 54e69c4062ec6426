/**
 * simulate --format parquet: the same data as the CSV run of the same seed, read back by an
 * independent reader (hyparquet, since DuckDB writes the files), row for row and column type for
 * column type; readable by DuckDB as hive-partitioned datasets; the same bytes at 1-3 threads; and a
 * killed run resumed, or a finished run extended, gives the bytes of a run made in one go.
 *
 * What is tested through the musika program runs as a process (engine/bin.mjs); the runs it is
 * compared with, and the thread counts, run in this process (runHere), sparing a start-up each.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { DuckDBInstance } from '@duckdb/node-api';
import { resolveScenario, simulate as runSimulation } from '../../engine/index.ts';
import { cli } from '../helpers/cli.ts';
import { CONTRACT, sha256File, tempDir } from '../helpers/run.ts';

const RUN = ['--traders', '300', '--weeks', '3', '--seed', 'pq'];

/** Every data file of a run directory (the manifest and checkpoint aside), by relative path. */
function dataFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name !== 'manifest.json' && name !== 'checkpoint.bin') out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(dataFiles(dir).map((f) => [f, sha256File(join(dir, f))]));
}

async function simulate(dir: string, extra: string[] = [], env: Record<string, string> = {}) {
  return cli(['simulate', ...RUN, '--out', dir, ...extra], env);
}

/** The run `simulate(dir, ...)` makes (RUN's scenario), made by simulate() in this process. */
async function runHere(
  dir: string,
  { traders = 300, weeks = 3, threads = 1, format = 'parquet' as 'csv' | 'parquet' } = {},
): Promise<void> {
  await runSimulation(resolveScenario({ preset: 'personas', traders, weeks, seed: 'pq' }), dir, { threads, format });
}

type Kind = 'integer' | 'double' | 'boolean' | 'string' | 'date' | 'timestamptz';
/** Columns the contract describes as 1/0 flags: booleans in Parquet. */
const FLAGS = new Set(['is_repeat', 'is_substitute', 'markdown', 'declines']);

/** A CSV column's type, from what its values are. */
function csvKind(name: string, values: string[]): Kind {
  const present = values.filter((v) => v !== '');
  if (FLAGS.has(name) && present.every((v) => v === '0' || v === '1')) return 'boolean';
  if (present.every((v) => /^-?\d+$/.test(v))) return 'integer';
  if (present.every((v) => /^-?\d+\.\d+$/.test(v))) return 'double';
  if (present.every((v) => /^\d{4}-\d{2}-\d{2}$/.test(v))) return 'date';
  if (present.every((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/.test(v))) return 'timestamptz';
  return 'string';
}

interface SchemaElement {
  name: string;
  type?: string;
  converted_type?: string;
  logical_type?: { type: string; isAdjustedToUTC?: boolean };
}

/** A Parquet column's type, from its schema element. */
function parquetKind(e: SchemaElement): Kind {
  if (e.type === 'BOOLEAN') return 'boolean';
  if (e.type === 'DOUBLE') return 'double';
  if (e.type === 'BYTE_ARRAY' && (e.converted_type === 'UTF8' || e.logical_type?.type === 'STRING')) return 'string';
  if (e.type === 'INT32' && (e.converted_type === 'DATE' || e.logical_type?.type === 'DATE')) return 'date';
  if (e.type === 'INT64' && e.logical_type?.type === 'TIMESTAMP') {
    assert.equal(e.logical_type.isAdjustedToUTC, true, `${e.name}: a timestamp with time zone (an instant)`);
    return 'timestamptz';
  }
  if ((e.type === 'INT32' || e.type === 'INT64') && !e.logical_type?.type?.match(/TIME|DATE/)) return 'integer';
  throw new Error(`${e.name}: unexpected Parquet type ${JSON.stringify(e)}`);
}

function same(kind: Kind, got: unknown, csv: string): boolean {
  if (csv === '') return got === null || got === undefined;
  switch (kind) {
    case 'integer':
      return Number(got) === Number(csv);
    case 'double':
      return got === Number(csv);
    case 'boolean':
      return got === (csv === '1');
    case 'date':
      return got instanceof Date && got.toISOString().slice(0, 10) === csv;
    case 'timestamptz':
      return got instanceof Date && got.getTime() === Date.parse(csv);
    default:
      return got === csv;
  }
}

/** Reads parquet files in order with hyparquet: the schema of the first and all rows. */
async function readParquet(paths: string[]): Promise<{ schema: SchemaElement[]; rows: Record<string, unknown>[] }> {
  const rows: Record<string, unknown>[] = [];
  let schema: SchemaElement[] = [];
  for (const p of paths) {
    const b = readFileSync(p);
    const file = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    const meta = parquetMetadata(file);
    if (!schema.length) schema = meta.schema.slice(1) as SchemaElement[];
    rows.push(...((await parquetReadObjects({ file, compressors, metadata: meta })) as Record<string, unknown>[]));
  }
  return { schema, rows };
}

test("Parquet holds every row and column of the CSV run, with the CSV columns' types (read by hyparquet)", async () => {
  const csvDir = join(tempDir(), 'csv');
  const pqDir = join(tempDir(), 'pq');
  await runHere(csvDir, { format: 'csv' });
  const r = await simulate(pqDir, ['--format', 'parquet']);
  assert.equal(r.code, 0, r.stderr);
  for (const table of ['traders', 'transactions', 'prices', 'market'] as const) {
    const paths =
      table === 'traders'
        ? [join(pqDir, 'traders.parquet')]
        : [0, 1, 2].map((w) => join(pqDir, table, `week=000${w}`, 'part-0.parquet'));
    const { schema, rows } = await readParquet(paths);
    const [header, ...csvRows] = parse(readFileSync(join(csvDir, `${table}.csv`))) as string[][];
    assert.deepEqual(header, [...CONTRACT[table]]);
    assert.deepEqual(
      schema.map((e) => e.name),
      header,
      `${table}: the contract's columns, in order`,
    );
    assert.equal(rows.length, csvRows.length, `${table}: rows`);
    assert.ok(rows.length > 100, `${table}: not trivially empty`);
    header.forEach((name, c) => {
      const kind = csvKind(
        name,
        csvRows.map((row) => row[c]),
      );
      assert.equal(parquetKind(schema[c]), kind, `${table}.${name}: type`);
      for (let i = 0; i < rows.length; i++) {
        if (!same(kind, rows[i][name], csvRows[i][c])) {
          assert.fail(
            `${table}.${name}, row ${i + 1}: Parquet ${String(rows[i][name])}, CSV ${JSON.stringify(csvRows[i][c])}`,
          );
        }
      }
    });
  }
  // Dictionary-encoded strings and zstd, as DuckDB wrote them.
  const meta = parquetMetadata(
    readFileSync(join(pqDir, 'transactions/week=0000/part-0.parquet')).buffer as ArrayBuffer,
  );
  const chunks = meta.row_groups[0].columns.map((c) => c.meta_data!);
  assert.ok(
    chunks.every((m) => m.codec === 'ZSTD'),
    'zstd',
  );
  const product = chunks.find((m) => m.path_in_schema[0] === 'product')!;
  assert.ok(
    product.encodings.some((e) => e.includes('DICTIONARY')),
    `product is dictionary-encoded (${product.encodings})`,
  );
  // The manifest hashes every file, each part included.
  const manifest = JSON.parse(readFileSync(join(pqDir, 'manifest.json'), 'utf8'));
  assert.equal(manifest.format, 'parquet');
  assert.deepEqual(Object.keys(manifest.files).sort(), dataFiles(pqDir));
  for (const [f, rec] of Object.entries(manifest.files) as [string, { sha256: string; bytes: number }][]) {
    assert.equal(rec.sha256, sha256File(join(pqDir, f)), `${f}: hash`);
    assert.equal(rec.bytes, statSync(join(pqDir, f)).size, `${f}: size`);
  }
  // DuckDB reads each dataset as one table, the week from the path (hive partitioning).
  const con = await (await DuckDBInstance.create(':memory:')).connect();
  const q = await con.runAndReadAll(
    `SELECT count(*), count(DISTINCT week), bool_and(week = (tick // 24) // 7) FROM read_parquet('${pqDir}/transactions/*/*.parquet', hive_partitioning = true)`,
  );
  assert.deepEqual(q.getRows()[0].map(Number), [manifest.counts.transactions, 3, 1]);
  con.closeSync();
});

test('Parquet: 1, 2 and 3 threads give byte-identical files', async () => {
  const runs: Record<string, string>[] = [];
  for (const threads of [1, 2, 3]) {
    const dir = join(tempDir(), 'pq');
    await runHere(dir, { traders: 301, threads });
    runs.push(hashes(dir));
  }
  assert.ok(
    Object.keys(runs[0]).length === 1 + 3 * 3 + 1,
    `traders, 3 datasets x 3 weeks, metrics (${Object.keys(runs[0])})`,
  );
  assert.deepEqual(runs[1], runs[0], '2 threads');
  assert.deepEqual(runs[2], runs[0], '3 threads');
});

test('Parquet: a run killed mid-week resumes, on another thread count, to the bytes of an uninterrupted run', async () => {
  const args = ['--format', 'parquet', '--weeks', '4', '--checkpoint-every', '2'];
  const whole = join(tempDir(), 'pq');
  await runHere(whole, { weeks: 4 });
  const expected = hashes(whole);
  // Day 11: the last checkpoint is at day 0, so whatever parts of weeks 0-1 were written before the
  // kill (a part is copied while the next week runs, so whether it is there depends on timing;
  // stand-ins make sure) are replaced. Day 18: the checkpoint at day 14 keeps weeks 0-1 and week 2
  // is redone.
  for (const [fault, threads] of [
    ['kill-at-day:11', '2'],
    ['kill-at-day:18', '1'],
  ]) {
    const dir = join(tempDir(), 'pq');
    const killed = await simulate(dir, args, { MUSIKA_FAULT: fault });
    assert.equal(killed.signal, 'SIGKILL', fault);
    assert.ok(!existsSync(join(dir, 'manifest.json')));
    assert.ok(existsSync(join(dir, 'traders.parquet')), `${fault}: traders.parquet was written at set-up`);
    const week = fault === 'kill-at-day:11' ? 0 : 2;
    mkdirSync(join(dir, `transactions/week=000${week}`), { recursive: true });
    writeFileSync(join(dir, `transactions/week=000${week}/part-0.parquet`), 'a part written after the checkpoint');
    writeFileSync(join(dir, `market/week=000${week + 1}.tmp`), 'a part being written');
    const resumed = await cli(['simulate', '--resume', dir, '--threads', threads]);
    assert.equal(resumed.code, 0, `${fault}: ${resumed.stderr}`);
    assert.deepEqual(hashes(dir), expected, `${fault}: resumed on ${threads} threads`);
  }
  // A new run over a killed Parquet run removes it and says so.
  const dir = join(tempDir(), 'pq');
  assert.equal((await simulate(dir, args, { MUSIKA_FAULT: 'kill-at-day:11' })).signal, 'SIGKILL');
  const again = await simulate(dir, args);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /leftover files? of a killed run/);
  assert.deepEqual(hashes(dir), expected);
});

test('Parquet: 2 weeks extended by 2 equal 4 weeks, byte for byte', async () => {
  const four = join(tempDir(), 'pq');
  await runHere(four, { weeks: 4 });
  const two = join(tempDir(), 'pq');
  assert.equal((await cli(['simulate', ...RUN, '--weeks', '2', '--format', 'parquet', '--out', two])).code, 0);
  const extended = await cli(['simulate', '--extend', two, '--weeks', '2', '--threads', '2']);
  assert.equal(extended.code, 0, extended.stderr);
  assert.deepEqual(hashes(two), hashes(four));
});

test('--format takes csv or parquet; anything else is one line naming the flag, exit 2', async () => {
  const r = await cli([
    'simulate',
    '--traders',
    '10',
    '--weeks',
    '1',
    '--out',
    join(tempDir(), 'x'),
    '--format',
    'xml',
  ]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  assert.match(r.stderr, /--format must be csv or parquet, got "xml"/);
});

test('Parquet: a new run that fails before its first checkpoint leaves nothing behind', async () => {
  const s = resolveScenario({ preset: 'personas', traders: 300, weeks: 2, seed: 'pq-fail' });
  const dir = tempDir();
  const onDay = (done: number): void => {
    // Day 8: week 0's parts are on their way or written.
    if (done === 8) throw new Error('main failed on purpose');
  };
  await assert.rejects(runSimulation(s, dir, { threads: 2, onDay, format: 'parquet' }), /main failed on purpose/);
  assert.deepEqual(readdirSync(dir), []);
});

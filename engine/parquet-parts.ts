/**
 * The Parquet files on disk: each dataset's part being staged and a spare for its next, the parts
 * DuckDB is writing, and a record (rows, bytes, SHA-256) of every file written, for checkpoints and
 * the manifest.
 *
 * When a week's last row is in, DuckDB copies its part to the file while the simulation goes on;
 * before a checkpoint and at the end every pending copy is awaited. Memory thus holds at most the
 * week being filled and the one being written, never the run. Each part is written under a
 * temporary name and renamed when complete, then hashed.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { FileRecord } from './manifest.ts';
import { type Dataset, PARQUET_DATASETS, TRADERS_PARQUET, partPath } from './parquet-schema.ts';
import { StagedPart, type TableLayout, registerPartScan } from './parquet-table.ts';

export class ParquetParts {
  private readonly records = new Map<string, { rows: number; bytes: number; sha256: string }>();
  private readonly pending: Promise<void>[] = [];
  private failure: unknown;
  /** Parts are copied one after another on one connection: each write waits for the one before. */
  private chain: Promise<void> = Promise.resolve();
  private readonly current: Partial<Record<Dataset, StagedPart>> = {};
  private readonly spare: Partial<Record<Dataset, StagedPart>> = {};

  private constructor(
    private readonly outDir: string,
    private readonly instance: DuckDBInstance,
    private readonly con: DuckDBConnection,
    private readonly layouts: Record<Dataset, TableLayout>,
  ) {}

  /**
   * Opens the datasets of a run in `outDir`, from `resume.day` when resuming. Parts of weeks from
   * the checkpoint on, and temporary files, are deleted; the parts kept must have the sizes the
   * checkpoint recorded, and are hashed again for the manifest.
   */
  static async open(
    outDir: string,
    layouts: Record<Dataset, TableLayout>,
    resume?: { day: number; files: Record<string, { bytes: number; rows: number }> },
  ): Promise<ParquetParts> {
    // One DuckDB thread: the cores are the shards'; and a single thread keeps the bytes of a part
    // independent of scheduling.
    const instance = await DuckDBInstance.create(':memory:', { threads: '1', preserve_insertion_order: 'true' });
    const con = await instance.connect();
    registerPartScan(con);
    const parts = new ParquetParts(outDir, instance, con, layouts);
    for (const d of PARQUET_DATASETS) mkdirSync(join(outDir, d), { recursive: true });
    if (resume) parts.keepFrom(resume.day, resume.files);
    return parts;
  }

  private keepFrom(day: number, files: Record<string, { bytes: number; rows: number }>): void {
    const week = day / 7;
    for (const d of PARQUET_DATASETS) {
      const dir = join(this.outDir, d);
      for (const name of readdirSync(dir)) {
        const m = /^week=(\d+)$/.exec(name);
        if (!m || Number(m[1]) >= week) rmSync(join(dir, name), { recursive: true, force: true });
        else
          for (const f of readdirSync(join(dir, name)))
            if (f.endsWith('.tmp')) rmSync(join(dir, name, f), { force: true });
      }
    }
    rmSync(join(this.outDir, `${TRADERS_PARQUET}.tmp`), { force: true });
    for (const [rel, { bytes, rows }] of Object.entries(files)) {
      const path = join(this.outDir, rel);
      if (!existsSync(path)) throw new Error(`cannot resume: ${path} is missing`);
      const size = statSync(path).size;
      if (size !== bytes)
        throw new Error(`cannot resume: ${path} has ${size} bytes, not the ${bytes} the checkpoint recorded`);
      this.records.set(rel, { rows, bytes, sha256: createHash('sha256').update(readFileSync(path)).digest('hex') });
    }
  }

  /** The part `d`'s rows are staged into now (prepare() made one). */
  staging(d: Dataset): StagedPart {
    return this.current[d]!;
  }

  /**
   * Makes sure each dataset has a part to stage into and one ready for its next part, and keeps
   * at most one week's parts waiting to be written (so memory holds two weeks at most: with one
   * thread the copy only progresses while main waits, here). Awaited once a day.
   */
  async prepare(): Promise<void> {
    this.check();
    while (this.pending.length > PARQUET_DATASETS.length) await this.pending.shift();
    for (const d of PARQUET_DATASETS) {
      this.current[d] ??= new StagedPart(this.layouts[d]);
      this.spare[d] ??= new StagedPart(this.layouts[d]);
    }
  }

  private check(): void {
    if (this.failure) throw this.failure;
  }

  /** Ends `d`'s part for week w: DuckDB writes it (after any part before it) while staging goes on in the spare. */
  endPart(d: Dataset, week: number): void {
    const part = this.current[d]!;
    this.current[d] = this.spare[d];
    this.spare[d] = undefined;
    if (!this.current[d]) throw new Error(`parquet: no part ready for ${d} after week ${week}`);
    const rel = partPath(d, week);
    mkdirSync(join(this.outDir, rel, '..'), { recursive: true });
    this.chain = this.chain.then(() => this.write(part, rel));
    this.pending.push(this.chain);
  }

  private async write(part: StagedPart, rel: string): Promise<void> {
    try {
      const path = join(this.outDir, rel);
      const rows = await part.copyTo(this.con, path);
      const buf = readFileSync(path);
      this.records.set(rel, { rows, bytes: buf.length, sha256: createHash('sha256').update(buf).digest('hex') });
    } catch (e) {
      this.failure ??= e;
    }
  }

  /** Writes a file of its own, `rel` in the run directory, outside the datasets (traders.parquet, at set-up). */
  async writeFile(part: StagedPart, rel: string, rows: number): Promise<void> {
    await part.copyTo(this.con, join(this.outDir, rel));
    const buf = readFileSync(join(this.outDir, rel));
    this.records.set(rel, { rows, bytes: buf.length, sha256: createHash('sha256').update(buf).digest('hex') });
  }

  /** Waits for every part being written; throws the first failure. */
  async settle(): Promise<void> {
    while (this.pending.length) await this.pending.shift();
    this.check();
  }

  /** The parts written so far, for a checkpoint (after settle()). */
  files(): Record<string, { bytes: number; rows: number }> {
    const out: Record<string, { bytes: number; rows: number }> = {};
    for (const [rel, r] of this.records) out[rel] = { bytes: r.bytes, rows: r.rows };
    return out;
  }

  /** Every file written, sorted by path, for the manifest (after settle()). */
  manifestRecords(): Record<string, FileRecord> {
    const out: Record<string, FileRecord> = {};
    for (const rel of [...this.records.keys()].sort()) out[rel] = { ...this.records.get(rel)! };
    return out;
  }

  /** Drops what is staged and closes DuckDB (on failure); files already renamed stay for --resume. */
  async abort(): Promise<void> {
    await Promise.allSettled(this.pending);
    this.close();
  }

  close(): void {
    this.con.closeSync();
    this.instance.closeSync();
  }
}

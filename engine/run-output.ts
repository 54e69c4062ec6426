/**
 * A run's data files in either format, behind one interface, so the day loop in simulate.ts does
 * not branch on the format: CSV files streamed through AtomicFiles (traders.csv, transactions.csv,
 * prices.csv, market.csv), or the Parquet sink's traders.parquet and weekly parts; metrics.json in
 * both. It also says what each file holds at a closed day (for a checkpoint), gives the manifest
 * its records at the end, and cleans up after a failure.
 */
import { rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { TraderTable } from '../agents/index.ts';
import type { HourlyBook } from '../market/index.ts';
import { AtomicFile } from './atomic-file.ts';
import { ByteWriter } from './byte-writer.ts';
import { CHECKPOINT_FILE, type Checkpoint } from './checkpoint.ts';
import type { Clock } from './clock.ts';
import { DayAppender } from './day-appender.ts';
import type { Manifest } from './manifest.ts';
import { MarketRows } from './market-csv.ts';
import { PARQUET_DATASETS, TRADERS_PARQUET } from './parquet-schema.ts';
import type { ParquetSink } from './parquet-sink.ts';
import { PriceRows, type PricesDay } from './prices-csv.ts';
import type { Scenario } from './scenario.ts';
import { writeTradersCsv } from './traders-csv.ts';
import { TransactionEncoder } from './transactions-csv.ts';
import type { SharedState } from './worker-protocol.ts';

export type OutputFormat = 'csv' | 'parquet';

/** What a checkpoint records of each file: its length and rows at the day's close. */
export type FileRecords = Record<string, { bytes: number; rows: number }>;

const STREAM_CHUNK = 1 << 20;

interface CsvFiles {
  traders: AtomicFile;
  transactions: AtomicFile;
  prices: AtomicFile;
  market: AtomicFile;
}

/** The CSV files and the writers that stream prices.csv and market.csv into them. */
interface Csv {
  files: CsvFiles;
  priceWriter: ByteWriter;
  priceRows: PriceRows;
  marketWriter: ByteWriter;
  marketRows: MarketRows;
}

export class RunOutput {
  private readonly csv: Csv | undefined;
  private readonly metrics: AtomicFile;
  private sink: ParquetSink | undefined;
  /** (zone, product) pairs: prices.csv's rows per day, market.csv's per hour. */
  private readonly size: number;
  private readonly hours: number;
  /** Moves the shards' encoded days into the transactions (set by open()). */
  appender!: Pick<DayAppender, 'take' | 'append' | 'ms'>;

  /**
   * Opens the CSV files and metrics.json under temporary names; a resumed run's CSV files are cut
   * back to what its checkpoint recorded. The Parquet sink is opened by open().
   */
  constructor(
    private readonly s: Scenario,
    private readonly outDir: string,
    private readonly clock: Clock,
    readonly format: OutputFormat,
    private readonly resume: Checkpoint | undefined,
  ) {
    this.size = s.market.zones.length * s.market.catalogue.products.length;
    this.hours = clock.tradingHours;
    const open = (name: string): AtomicFile => {
      const f = resume?.header.files[name];
      return f ? AtomicFile.resume(join(outDir, name), f.bytes, f.rows) : new AtomicFile(join(outDir, name));
    };
    if (format === 'csv') {
      const files: CsvFiles = {
        traders: open('traders.csv'),
        transactions: open('transactions.csv'),
        prices: open('prices.csv'),
        market: open('market.csv'),
      };
      this.csv = {
        files,
        priceWriter: new ByteWriter(STREAM_CHUNK, (b) => files.prices.write(b)),
        priceRows: new PriceRows(s),
        marketWriter: new ByteWriter(STREAM_CHUNK, (b) => files.market.write(b)),
        marketRows: new MarketRows(s, clock.openHour),
      };
    }
    this.metrics = new AtomicFile(join(outDir, 'metrics.json'));
  }

  /** The AtomicFiles, metrics.json last. */
  private atomicFiles(): AtomicFile[] {
    return [...(this.csv ? Object.values(this.csv.files) : []), this.metrics];
  }

  /** Starts the files of a run with `shards` shards: the Parquet sink, or a new run's CSV headers. */
  async open(shared: SharedState, shards: number): Promise<void> {
    const csv = this.csv;
    if (csv) {
      if (!this.resume) {
        csv.files.transactions.write(TransactionEncoder.header());
        csv.priceRows.header(csv.priceWriter);
        csv.marketRows.header(csv.marketWriter);
      }
      this.appender = new DayAppender(csv.files.transactions, shared, shards, this.hours);
    } else {
      const resume = this.resume && { day: this.resume.header.day, files: this.resume.header.files };
      // Loaded only here: DuckDB's native bindings take 0.15-0.3 s to load, which a CSV run never needs.
      const { ParquetSink } = await import('./parquet-sink.ts');
      this.sink = await ParquetSink.open(this.s, this.outDir, shared, shards, this.clock, resume);
      this.appender = this.sink;
    }
  }

  /** The ground truth, written once at set-up (a resumed run has it already). */
  async writeTraders(table: TraderTable): Promise<void> {
    if (this.sink) {
      await this.sink.writeTraders(table);
      return;
    }
    const traders = this.csv!.files.traders;
    const w = new ByteWriter(STREAM_CHUNK, (b) => traders.write(b));
    writeTradersCsv(this.s, table, w);
    w.flush();
    traders.rows = this.s.traders;
  }

  /** Hour h's rows of the market's hourly book. */
  marketHour(day: number, h: number, book: HourlyBook): void {
    if (this.sink) this.sink.marketHour(day, h, book);
    else this.csv!.marketRows.hour(day, h, book, this.csv!.marketWriter);
  }

  /** A day's prices at close, with what vendors delivered and threw away. */
  pricesDay(d: PricesDay): void {
    if (this.sink) this.sink.pricesDay(d);
    else this.csv!.priceRows.day(d, this.csv!.priceWriter);
  }

  /** Once a day, before it steps: the Parquet sink makes room for the day's rows. */
  async prepare(): Promise<void> {
    await this.sink?.parts.prepare();
  }

  /** Waits for every Parquet part being written; throws the first failure. */
  async settle(): Promise<void> {
    await this.sink?.parts.settle();
  }

  /**
   * Each file's length and rows at the close of `day - 1`, all of its rows written, for a
   * checkpoint; `nextId` is the next txn_id. The caller has awaited settle().
   */
  records(day: number, nextId: number): FileRecords {
    if (!this.csv) return this.sink!.parts.files();
    this.flushCsv(day, nextId);
    const out: FileRecords = {};
    for (const [name, f] of Object.entries(this.csv.files)) out[`${name}.csv`] = { bytes: f.bytes, rows: f.rows };
    return out;
  }

  private flushCsv(days: number, nextId: number): void {
    const { files, priceWriter, marketWriter } = this.csv!;
    priceWriter.flush();
    marketWriter.flush();
    files.prices.rows = days * this.size;
    files.market.rows = days * this.hours * this.size;
    files.transactions.rows = nextId - 1;
  }

  /** After the last of `days` days: every row in place, and metrics.json written. */
  async finish(days: number, nextId: number, metrics: Record<string, number>): Promise<void> {
    await this.settle();
    if (this.csv) {
      this.flushCsv(days, nextId);
      this.csv.files.traders.rows = this.s.traders;
    }
    this.metrics.write(new TextEncoder().encode(`${JSON.stringify(metrics, null, 2)}\n`));
    this.metrics.rows = Object.keys(metrics).length;
  }

  /** Renames every file into place and returns the manifest's records of them. */
  commit(): Manifest['files'] {
    const records: Manifest['files'] = this.sink ? this.sink.parts.manifestRecords() : {};
    for (const f of this.atomicFiles())
      records[basename(f.path)] = { rows: f.rows, bytes: f.bytes, sha256: f.commit() };
    this.sink?.parts.close();
    this.sink = undefined;
    return records;
  }

  /**
   * After a failure: keeps what a checkpoint vouches for, to be resumed (`keep`), or removes every
   * file of the run, its checkpoint included.
   */
  async abort(keep: boolean): Promise<void> {
    // Parts being written are finished or dropped before anything is removed.
    if (this.sink) await this.sink.parts.abort().catch(() => undefined);
    if (keep) {
      for (const f of this.atomicFiles()) f.close();
      return;
    }
    for (const f of this.atomicFiles()) f.abort();
    rmSync(join(this.outDir, CHECKPOINT_FILE), { force: true });
    if (this.format === 'parquet')
      for (const name of [TRADERS_PARQUET, ...PARQUET_DATASETS])
        rmSync(join(this.outDir, name), { recursive: true, force: true });
  }
}

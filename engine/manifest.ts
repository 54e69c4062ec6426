/** manifest.json: what a run is (the resolved scenario) and what it wrote. Written last. */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from './scenario.ts';

export interface FileRecord {
  rows: number;
  bytes: number;
  sha256: string;
}

export interface Manifest {
  musika: string;
  scenario: Scenario;
  seed: string;
  days: number;
  /** csv: one file per table; parquet: traders.parquet and the weekly parts of transactions, market and prices. */
  format: 'csv' | 'parquet';
  /** Every file, by its path in the run directory. */
  files: Record<string, FileRecord>;
  counts: { traders: number; transactions: number; priceRows: number; marketRows: number };
  /** Timing and threads: how this copy was made; not part of the data's identity. */
  run: {
    threads: number;
    /**
     * Set-up (spawning, traders.csv or .parquet), stepping (the day loop, writing included) and total;
     * writing is main's time appending and hashing transactions.csv (Parquet: staging the rows in
     * blocks for DuckDB's writer), which overlaps the shards' stepping.
     */
    seconds: { setup: number; stepping: number; writing: number; total: number };
    /** The busiest shard's seconds stepping traders and encoding rows. */
    shardSeconds: { step: number; encode: number };
    /** Peak resident memory of the process (all threads), MB. */
    peakRssMB: number;
    finishedAt: string;
  };
}

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function writeManifest(dir: string, manifest: Manifest): void {
  const path = join(dir, 'manifest.json');
  writeFileSync(`${path}.tmp`, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

/**
 * checkpoint.bin: everything a run carries from one week to the next, so a killed run can resume
 * and a finished one can be extended, to the same bytes as a run made in one go.
 *
 * Written at week boundaries, once the week's rows are all in the files: the resolved scenario, the
 * next day to run, the next txn_id, the run's totals, each output file's length and row count, and
 * named typed arrays: the traders' mutable state (their drawn parameters are spawned again from
 * the seed), the market's state at the close, and the metrics' accumulators. Random streams are
 * keyed by (entity, day), so they hold no state. The file is written under a temporary name and
 * renamed, so a crash while writing leaves the previous checkpoint whole. Nothing is fsynced: a
 * killed process (even SIGKILL) leaves the page cache, and so the files, as written; surviving a
 * power cut would take syncing gigabytes of output at every checkpoint.
 *
 * Layout: a magic line, the JSON header's byte length (uint32, little-endian), the header, then
 * each section's bytes at an offset that is a multiple of 8, in the header's order.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { faultPoint } from './fault.ts';
import type { Scenario } from './scenario.ts';

const MAGIC = 'musika checkpoint 1\n';
export const CHECKPOINT_FILE = 'checkpoint.bin';

type Section = Float64Array | Float32Array | Int32Array | Int16Array | Uint8Array;
const KINDS = { Float64Array, Float32Array, Int32Array, Int16Array, Uint8Array } as const;
type Kind = keyof typeof KINDS;

export interface CheckpointHeader {
  musika: string;
  scenario: Scenario;
  /** The run's output format (absent in checkpoints from before Parquet: csv). */
  format?: 'csv' | 'parquet';
  /** Days done: the next day to run. */
  day: number;
  nextId: number;
  spendCents: number[];
  purchases: number[];
  /** Each output file's length and rows when the checkpoint was taken (Parquet: each part written, by its path in the run directory). */
  files: Record<string, { bytes: number; rows: number }>;
}

export interface Checkpoint {
  header: CheckpointHeader;
  sections: Record<string, Section>;
}

let written = 0;

/** Writes DIR/checkpoint.bin atomically. */
export function writeCheckpoint(dir: string, header: CheckpointHeader, sections: Record<string, Section>): void {
  const layout: { name: string; kind: Kind; length: number }[] = [];
  for (const [name, a] of Object.entries(sections))
    layout.push({ name, kind: a.constructor.name as Kind, length: a.length });
  const json = Buffer.from(JSON.stringify({ ...header, sections: layout }));
  const lead = Buffer.alloc(MAGIC.length + 4);
  lead.write(MAGIC, 0, 'latin1');
  lead.writeUInt32LE(json.length, MAGIC.length);
  const path = join(dir, CHECKPOINT_FILE);
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    let pos = 0;
    const put = (b: Uint8Array): void => {
      let done = 0;
      while (done < b.length) done += writeSync(fd, b, done, b.length - done, pos + done);
      pos += b.length;
    };
    put(lead);
    put(json);
    written++;
    faultPoint('kill-in-checkpoint', written);
    for (const a of Object.values(sections)) {
      if (pos % 8) put(new Uint8Array(8 - (pos % 8)));
      put(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** Reads DIR/checkpoint.bin, or undefined when there is none. Throws on a damaged file. */
export function readCheckpoint(dir: string): Checkpoint | undefined {
  const path = join(dir, CHECKPOINT_FILE);
  if (!existsSync(path)) return undefined;
  const buf = readFileSync(path);
  if (buf.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error(`${path} is not a musika checkpoint`);
  const length = buf.readUInt32LE(MAGIC.length);
  let pos = MAGIC.length + 4;
  const parsed = JSON.parse(buf.toString('utf8', pos, pos + length)) as CheckpointHeader & {
    sections: { name: string; kind: Kind; length: number }[];
  };
  pos += length;
  const sections: Record<string, Section> = {};
  for (const { name, kind, length: n } of parsed.sections) {
    const Ctor = KINDS[kind];
    if (!Ctor) throw new Error(`${path}: unknown section type ${kind}`);
    if (pos % 8) pos += 8 - (pos % 8);
    const bytes = n * Ctor.BYTES_PER_ELEMENT;
    if (pos + bytes > buf.length) throw new Error(`${path} is truncated (section ${name})`);
    // A copy, aligned for its element size.
    const out = new Ctor(n);
    new Uint8Array(out.buffer).set(buf.subarray(pos, pos + bytes));
    sections[name] = out;
    pos += bytes;
  }
  const { sections: _layout, ...header } = parsed;
  return { header, sections };
}

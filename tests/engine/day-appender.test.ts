/**
 * DayAppender: a day's chunks reach the file in (hour, shard) order whatever the pauses between
 * them, and main stops within one piece of APPEND_PIECE bytes once the workers no longer keep it
 * waiting (a chunk larger than a piece is written in several, not in one go).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtomicFile } from '../../engine/atomic-file.ts';
import { APPEND_PIECE, DayAppender } from '../../engine/day-appender.ts';
import type { SharedState } from '../../engine/worker-protocol.ts';

const SHARDS = 2;
const HOURS = 3;

/** Chunk (shard, hour) of `day` is `length` bytes of one value, different for every chunk and day. */
function chunk(day: number, shard: number, hour: number, length: number): Uint8Array {
  return new Uint8Array(length).fill(1 + day * 10 + shard * HOURS + hour);
}

/** Chunk lengths [shard * HOURS + hour]: one empty, one of several pieces, one not a whole piece. */
const LENGTHS = [3, 0, APPEND_PIECE * 2 + 5, 7, APPEND_PIECE, 1];

/** Puts `day`'s chunks where the shards would: back to back in the buffer of the day's parity. */
function encodeDay(shared: Pick<SharedState, 'bytes' | 'out'>, day: number): void {
  for (let k = 0; k < SHARDS; k++) {
    const out = new Uint8Array(shared.out[k * 2 + (day & 1)]);
    let at = 0;
    for (let h = 0; h < HOURS; h++) {
      const n = LENGTHS[k * HOURS + h];
      out.set(chunk(day, k, h, n), at);
      shared.bytes[k * HOURS + h] = n;
      at += n;
    }
  }
}

/** The file's expected bytes for days 0 .. days - 1: hour-major, then shard. */
function expected(days: number): Buffer {
  const parts: Uint8Array[] = [];
  for (let d = 0; d < days; d++)
    for (let h = 0; h < HOURS; h++) for (let k = 0; k < SHARDS; k++) parts.push(chunk(d, k, h, LENGTHS[k * HOURS + h]));
  return Buffer.concat(parts);
}

test('a day goes to the file in (hour, shard) order, one piece at a time when asked to pause', () => {
  const dir = mkdtempSync(join(tmpdir(), 'musika-appender-'));
  try {
    const shared = {
      bytes: new Float64Array(SHARDS * HOURS),
      out: Array.from({ length: SHARDS * 2 }, () => new SharedArrayBuffer(APPEND_PIECE * 4)),
    };
    const file = new AtomicFile(join(dir, 'transactions.csv'));
    const appender = new DayAppender(file, shared as unknown as SharedState, SHARDS, HOURS);
    const total = LENGTHS.reduce((a, b) => a + b, 0);

    encodeDay(shared, 0);
    appender.take(0);
    // The workers are busy for exactly one more piece each time: main writes one piece and stops.
    let calls = 0;
    while (appender.pending) {
      const before = file.bytes;
      let asked = 0;
      appender.append(() => asked++ === 0);
      assert.ok(file.bytes - before <= APPEND_PIECE, `call ${calls}: ${file.bytes - before} bytes in one piece`);
      calls++;
    }
    assert.equal(file.bytes, total);
    // Five non-empty chunks, one of them three pieces, and one empty chunk that writes nothing.
    assert.equal(calls, 8);

    // The next day is encoded into the other parity's buffers and appended in one go.
    encodeDay(shared, 1);
    appender.take(1);
    appender.append();
    assert.equal(appender.pending, false);
    const hash = file.commit();
    const want = expected(2);
    assert.ok(readFileSync(join(dir, 'transactions.csv')).equals(want), 'the file holds both days in order');
    assert.equal(hash, createHash('sha256').update(want).digest('hex'), 'hashed in file order');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

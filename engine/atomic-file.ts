/**
 * A file written under a temporary name and renamed into place only when complete, hashed
 * (SHA-256) in file order as it grows, so a crash never leaves a file that looks finished and the
 * manifest needs no second pass. Other threads may write regions of it by position (shard
 * workers do); `adopt` then reads those bytes back, from the page cache, to hash them.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';

export class AtomicFile {
  readonly tmpPath: string;
  private fd: number;
  private readonly hash: Hash = createHash('sha256');
  private scratch: Uint8Array | undefined;
  /** Bytes written and hashed so far: the file's length. */
  bytes = 0;
  rows = 0;

  constructor(readonly path: string) {
    this.tmpPath = `${path}.tmp`;
    this.fd = openSync(this.tmpPath, 'w+');
  }

  /** Appends bytes. */
  write(chunk: Uint8Array): void {
    let done = 0;
    while (done < chunk.length) done += writeSync(this.fd, chunk, done, chunk.length - done, this.bytes + done);
    this.hash.update(chunk);
    this.bytes += chunk.length;
  }

  /** Accepts `length` bytes that another writer put at the end of the file, hashing them. */
  adopt(length: number): void {
    this.scratch ??= new Uint8Array(1 << 23);
    let left = length;
    while (left > 0) {
      const n = readSync(this.fd, this.scratch, 0, Math.min(left, this.scratch.length), this.bytes);
      if (n <= 0) throw new Error(`${this.tmpPath}: expected ${left} more bytes at ${this.bytes}`);
      this.hash.update(this.scratch.subarray(0, n));
      this.bytes += n;
      left -= n;
    }
  }

  /** Closes and renames into place; returns the hex SHA-256 of the content. */
  commit(): string {
    closeSync(this.fd);
    this.fd = -1;
    renameSync(this.tmpPath, this.path);
    return this.hash.digest('hex');
  }

  /** Closes and deletes the temporary file (on failure). */
  abort(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    rmSync(this.tmpPath, { force: true });
  }
}

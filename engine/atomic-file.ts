/**
 * A file written under a temporary name and renamed into place only when complete, hashed
 * (SHA-256) in file order as it grows, so a crash never leaves a file that looks finished and the
 * manifest needs no second pass.
 */
import { createHash, type Hash } from 'node:crypto';
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

export class AtomicFile {
  readonly tmpPath: string;
  private fd: number;
  private readonly hash: Hash = createHash('sha256');
  /** Bytes written and hashed so far: the file's length. */
  bytes = 0;
  rows = 0;

  constructor(readonly path: string) {
    this.tmpPath = `${path}.tmp`;
    this.fd = openSync(this.tmpPath, 'w');
  }

  /** Appends bytes. */
  write(chunk: Uint8Array): void {
    let done = 0;
    while (done < chunk.length) done += writeSync(this.fd, chunk, done, chunk.length - done, this.bytes + done);
    this.hash.update(chunk);
    this.bytes += chunk.length;
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

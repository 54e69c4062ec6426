/**
 * A file written under a temporary name and renamed into place only when complete, hashed
 * (SHA-256) in file order as it grows, so a crash never leaves a file that looks finished and the
 * manifest needs no second pass.
 */
import { createHash, type Hash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  ftruncateSync,
  fstatSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';

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

  /**
   * Reopens a file a checkpoint left `bytes` long: its temporary name (a killed run), or its final
   * name (a finished run being extended, which goes back under the temporary name until done).
   * Whatever was written after the checkpoint is cut off, and the kept bytes are hashed again, since
   * a hash's running state cannot be saved.
   */
  static resume(path: string, bytes: number, rows: number): AtomicFile {
    const f = Object.create(AtomicFile.prototype) as AtomicFile;
    const tmp = `${path}.tmp`;
    if (!existsSync(tmp)) {
      if (!existsSync(path)) throw new Error(`cannot resume: neither ${tmp} nor ${path} exists`);
      renameSync(path, tmp);
    }
    const fd = openSync(tmp, 'r+');
    const size = fstatSync(fd).size;
    if (size < bytes) {
      closeSync(fd);
      throw new Error(`cannot resume: ${tmp} has ${size} bytes, fewer than the ${bytes} the checkpoint wrote`);
    }
    ftruncateSync(fd, bytes);
    const hash = createHash('sha256');
    const buf = new Uint8Array(1 << 22);
    for (let at = 0; at < bytes; ) {
      const n = readSync(fd, buf, 0, Math.min(buf.length, bytes - at), at);
      if (n <= 0) throw new Error(`cannot resume: ${tmp} ended early while re-hashing`);
      hash.update(buf.subarray(0, n));
      at += n;
    }
    Object.assign(f, { path, tmpPath: tmp, fd, hash, bytes, rows });
    return f;
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

  /** Closes the temporary file and keeps it (a resumed run that failed, to be resumed again). */
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }

  /** Closes and deletes the temporary file (on failure). */
  abort(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
    rmSync(this.tmpPath, { force: true });
  }
}

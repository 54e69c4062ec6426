/**
 * Checking a run's files against its manifest before anything is derived from them: each file
 * the analysis reads must be listed, exist and have the listed size (checked at once, so a
 * truncated file fails before any work), and its SHA-256 must match (hashed alongside the read:
 * the caller awaits the result before it writes anything). A mismatch names the file.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RunManifest } from './manifest.ts';
import { RunDirError } from './run-dir-error.ts';

/** Sizes of `files` (relative paths) against the manifest; throws naming the first bad file. */
export function checkSizes(dir: string, m: RunManifest, files: readonly string[]): void {
  for (const f of files) {
    const path = join(dir, f);
    const record = m.files[f];
    if (!record)
      throw new RunDirError(`${path} is not listed in ${join(dir, 'manifest.json')}: not a file this run wrote`);
    if (!existsSync(path)) throw new RunDirError(`${path} is missing (manifest.json lists it, ${record.bytes} bytes)`);
    const bytes = statSync(path).size;
    if (bytes !== record.bytes) {
      throw new RunDirError(
        `${path} is ${bytes} bytes, manifest.json says ${record.bytes}: ${bytes < record.bytes ? 'truncated' : 'altered'}`,
      );
    }
  }
}

/** The SHA-256 (hex) of one file, streamed. */
export function sha256Of(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path, { highWaterMark: 1 << 22 })
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** SHA-256 of `files` against the manifest; rejects naming the first file that differs. */
export async function checkHashes(dir: string, m: RunManifest, files: readonly string[]): Promise<void> {
  for (const f of files) {
    const path = join(dir, f);
    const got = await sha256Of(path);
    if (got !== m.files[f].sha256)
      throw new RunDirError(
        `${path} has SHA-256 ${got.slice(0, 12)}..., manifest.json says ${m.files[f].sha256.slice(0, 12)}...: the file was altered`,
      );
  }
}

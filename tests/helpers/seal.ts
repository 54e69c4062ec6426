/**
 * Hand-built run directories need what the engine writes last: the manifest's record of every
 * file (rows, bytes, SHA-256), which every reader of the analysis checks.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DATA_FILES = ['traders.csv', 'transactions.csv', 'prices.csv', 'market.csv', 'metrics.json'];

/** Rewrites DIR/manifest.json with `files` recording each data file present (and only those). */
export function sealRun(dir: string): void {
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { files?: Record<string, unknown> };
  const files: Record<string, { rows: number; bytes: number; sha256: string }> = {};
  for (const f of DATA_FILES) {
    const p = join(dir, f);
    if (!existsSync(p)) continue;
    const bytes = readFileSync(p);
    const rows = Math.max(0, bytes.toString('utf8').trimEnd().split('\n').length - 1);
    files[f] = { rows, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  manifest.files = files;
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

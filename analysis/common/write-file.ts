/** Small output files, written whole under a temporary name and renamed, so none is ever half-written. */
import { renameSync, writeFileSync } from 'node:fs';

export function writeFileAtomic(path: string, content: string): void {
  writeFileSync(`${path}.tmp`, content);
  renameSync(`${path}.tmp`, path);
}

/** Formats a number for CSV with a fixed precision, so files compare byte for byte. */
export function csvNumber(x: number, decimals = 6): string {
  return Number.isFinite(x) ? x.toFixed(decimals) : '';
}

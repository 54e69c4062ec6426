/**
 * manifest.json as the analysis reads it: the parts it needs (the resolved scenario's calendar,
 * personas and catalogue; the counts; every file's size and SHA-256), checked for shape once so
 * the rest of the analysis can trust it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunDirError } from './run-dir-error.ts';

/** One file the run wrote: rows, bytes and SHA-256 (hex). */
export interface FileRecord {
  rows: number;
  bytes: number;
  sha256: string;
}

/** The parts of manifest.json the analysis reads. */
export interface RunManifest {
  seed: string;
  days: number;
  counts: { traders: number; transactions: number };
  /** Every file of the run by its path relative to the run directory. */
  files: Record<string, FileRecord>;
  scenario: {
    name: string;
    traders: number;
    weeks: number;
    calendar: { startDate: string; openHour: number; closeHour: number };
    population: {
      personas: { id: string; share: number; repeat: number; priceSensitivity: number }[];
      budget: { payday: number };
    };
    market: {
      catalogue: {
        categories: { id: string }[];
        products: { id: string; name: string; category: string; unit: string }[];
      };
      zones: { id: string; name: string }[];
    };
  };
}

/** Reads DIR/manifest.json, without checking its shape (see {@link checkManifest}). */
export function readManifest(dir: string): RunManifest {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) throw new RunDirError(`${dir} is not a finished run: ${path} is missing`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as RunManifest;
  } catch (e) {
    throw new RunDirError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
}

/** Throws a RunDirError naming the first missing or malformed field the analysis relies on. */
export function checkManifest(m: RunManifest, dir: string): void {
  const where = join(dir, 'manifest.json');
  const need = (ok: unknown, field: string): void => {
    if (!ok) throw new RunDirError(`${where}: ${field} is missing or malformed`);
  };
  need(m && typeof m === 'object', 'the manifest object');
  need(Number.isInteger(m.days) && m.days > 0, 'days');
  need(m.counts && Number.isInteger(m.counts.traders) && m.counts.traders > 0, 'counts.traders');
  need(m.counts && Number.isInteger(m.counts.transactions) && m.counts.transactions >= 0, 'counts.transactions');
  need(m.files && typeof m.files === 'object', 'files');
  for (const [name, f] of Object.entries(m.files ?? {})) {
    need(
      f && Number.isInteger(f.bytes) && f.bytes >= 0 && typeof f.sha256 === 'string' && /^[0-9a-f]{64}$/.test(f.sha256),
      `files[${JSON.stringify(name)}] (bytes, sha256)`,
    );
  }
  const s = m.scenario;
  need(s && typeof s === 'object', 'scenario');
  need(
    s.calendar &&
      typeof s.calendar.startDate === 'string' &&
      !Number.isNaN(Date.parse(`${s.calendar.startDate}T00:00:00Z`)),
    'scenario.calendar.startDate',
  );
  need(
    s.calendar && Number.isInteger(s.calendar.openHour) && Number.isInteger(s.calendar.closeHour),
    'scenario.calendar.openHour/closeHour',
  );
  need(
    s.population && Array.isArray(s.population.personas) && s.population.personas.length > 0,
    'scenario.population.personas',
  );
  s.population.personas.forEach((p, i) => {
    need(
      typeof p.id === 'string' && Number.isFinite(p.share) && p.share >= 0 && typeof p.repeat === 'number',
      `scenario.population.personas[${i}] (id, share >= 0, repeat)`,
    );
  });
  need(s.population.budget && Number.isInteger(s.population.budget.payday), 'scenario.population.budget.payday');
  need(
    s.market?.catalogue && Array.isArray(s.market.catalogue.categories) && Array.isArray(s.market.catalogue.products),
    'scenario.market.catalogue',
  );
  need(Array.isArray(s.market.zones), 'scenario.market.zones');
}

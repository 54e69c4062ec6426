/**
 * The ground truth of a run (traders.csv): persona and zone per trader. Read only to score a
 * clustering against it, never to compute features.
 */
import { join } from 'node:path';
import { streamCsv } from './run-dir.ts';

export interface Truth {
  /** Persona names, in first-seen order of the manifest's persona table when given. */
  personas: string[];
  /** Persona index per trader id. */
  persona: Int32Array;
  zone: string[];
}

export async function readTruth(dir: string, traders: number, personaOrder: string[] = []): Promise<Truth> {
  const personas = [...personaOrder];
  const persona = new Int32Array(traders).fill(-1);
  const zone = new Array<string>(traders).fill('');
  await streamCsv(join(dir, 'traders.csv'), ['trader_id', 'persona', 'zone'], (r, ix) => {
    const t = Number(r[ix.trader_id]);
    let p = personas.indexOf(r[ix.persona]);
    if (p < 0) p = personas.push(r[ix.persona]) - 1;
    persona[t] = p;
    zone[t] = r[ix.zone];
  });
  return { personas, persona, zone };
}

/** The truth's labels for the given rows (trader ids). */
export function labelsFor(truth: Truth, traderIds: Int32Array): Int32Array {
  return Int32Array.from(traderIds, (t) => truth.persona[t]);
}

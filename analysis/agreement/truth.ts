/**
 * The ground truth of a run (traders.csv): persona and zone per trader. Read only to score a
 * clustering against it, never to compute features.
 */
import { readTable, withRun, type Run } from '../run/index.ts';

export interface Truth {
  /** Persona names, in first-seen order of the manifest's persona table when given. */
  personas: string[];
  /** Persona index per trader id. */
  persona: Int32Array;
  zone: string[];
}

export async function readTruth(dir: string | Run, traders: number, personaOrder: string[] = []): Promise<Truth> {
  const personas = [...personaOrder];
  const persona = new Int32Array(traders).fill(-1);
  const zone = new Array<string>(traders).fill('');
  const cols = await withRun(dir, { require: ['traders'] }, (run) =>
    readTable(run, `SELECT trader_id, persona, zone FROM ${run.table('traders').sql}`),
  );
  for (let r = 0; r < cols.trader_id.length; r++) {
    const t = cols.trader_id[r] as number;
    const name = String(cols.persona[r] ?? '');
    let p = personas.indexOf(name);
    if (p < 0) p = personas.push(name) - 1;
    persona[t] = p;
    zone[t] = String(cols.zone[r] ?? '');
  }
  return { personas, persona, zone };
}

/** The truth's labels for the given rows (trader ids). */
export function labelsFor(truth: Truth, traderIds: Int32Array): Int32Array {
  return Int32Array.from(traderIds, (t) => truth.persona[t]);
}

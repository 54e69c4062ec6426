/**
 * Do zones form sub-clusters of a persona? The brief expected "regional/location-based
 * variations" among its clusters 6-8. For each persona, its traders' clusters are set against
 * their zones: how many clusters hold a real part of the persona, and the adjusted Rand index
 * between cluster and zone within the persona (about 0 when the persona's clusters ignore zones,
 * 1 when they are exactly its zones). Zones come from the truth (traders.csv) and are used only
 * to score, never to cluster.
 */
import { adjustedRandIndex } from './agreement.ts';

/** One persona's split by cluster, set against its zones. */
export interface PersonaZones {
  persona: string;
  traders: number;
  /** Clusters holding at least {@link SUBCLUSTER_MIN_SHARE} of the persona's traders. */
  clusters: number;
  /** ARI between cluster and zone over the persona's traders. */
  zoneAri: number;
}

/** The smallest share of a persona that counts as one of its sub-clusters. */
export const SUBCLUSTER_MIN_SHARE = 0.1;

/**
 * @param persona - persona index per row
 * @param personaNames - name per persona index
 * @param zone - zone id per row
 * @param clusters - cluster per row
 * @returns one entry per persona with traders, in persona order
 */
export function zonesWithinPersonas(
  persona: Int32Array,
  personaNames: readonly string[],
  zone: readonly string[],
  clusters: Int32Array,
): PersonaZones[] {
  const zoneIds = new Map<string, number>();
  const out: PersonaZones[] = [];
  for (let p = 0; p < personaNames.length; p++) {
    const rows: number[] = [];
    for (let i = 0; i < persona.length; i++) if (persona[i] === p) rows.push(i);
    if (rows.length === 0) continue;
    const z = Int32Array.from(rows, (i) => {
      let id = zoneIds.get(zone[i]);
      if (id === undefined) {
        id = zoneIds.size;
        zoneIds.set(zone[i], id);
      }
      return id;
    });
    const c = Int32Array.from(rows, (i) => clusters[i]);
    const count = new Map<number, number>();
    for (const x of c) count.set(x, (count.get(x) ?? 0) + 1);
    const big = [...count.values()].filter((m) => m >= SUBCLUSTER_MIN_SHARE * rows.length).length;
    out.push({ persona: personaNames[p], traders: rows.length, clusters: big, zoneAri: adjustedRandIndex(z, c) });
  }
  return out;
}

/** Zones against clusters within each persona: counts of sub-clusters and the zone ARI, by hand. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { zonesWithinPersonas } from '../../analysis/agreement/zone-subclusters.ts';

test('zonesWithinPersonas: sub-clusters that are the zones score 1, clusters blind to zones 0', () => {
  // Persona 0 (8 traders): clusters 0 and 1 are exactly zones a and b. Persona 1 (4 traders): one
  // cluster across two zones. Persona 2 has no trader and is left out.
  const persona = Int32Array.of(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1);
  const zone = ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'a', 'b', 'a', 'b'];
  const clusters = Int32Array.of(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2);
  assert.deepEqual(zonesWithinPersonas(persona, ['p0', 'p1', 'p2'], zone, clusters), [
    { persona: 'p0', traders: 8, clusters: 2, zoneAri: 1 },
    { persona: 'p1', traders: 4, clusters: 1, zoneAri: 0 },
  ]);
  // A cluster with less than 10% of the persona is not one of its sub-clusters: 1 of 11.
  const p = new Int32Array(11);
  const z = new Array<string>(11).fill('a');
  const c = Int32Array.from({ length: 11 }, (_, i) => (i === 0 ? 1 : 0));
  assert.equal(zonesWithinPersonas(p, ['p'], z, c)[0].clusters, 1);
});

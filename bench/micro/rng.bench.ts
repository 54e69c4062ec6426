/**
 * Random streams: the engine's keyed sfc32 (engine/random.ts) against the seedrandom generators it
 * replaced, per draw and per re-key.
 *
 * A simulated year of 100k traders draws hundreds of millions of uniforms and re-keys a stream
 * for every (trader, day) and every (trader, day, visit), so both costs are on the hot path. The
 * alternative to re-keying in place is constructing a seeded generator per key, which is what the
 * seedrandom rows of the second table cost.
 *
 *   npx tsx bench/micro/rng.bench.ts
 */
import seedrandom from 'seedrandom';
import { Domain, KeyedStream, rootKey } from '../../engine/random.ts';
import { finish, measure, printGroup } from '../lib/micro.ts';

const root = rootKey('bench');

// Draws: each variant's count is sized for ~50-200 ms a repeat; ns/op is what compares.
const KEYED_DRAWS = 20_000_000;
const ALEA_DRAWS = 10_000_000;
const ARC4_DRAWS = 2_000_000;

function keyedDraws(): number {
  const rng = new KeyedStream(root).key(Domain.basket, 1, 2);
  let s = 0;
  for (let k = 0; k < KEYED_DRAWS; k++) s += rng.next();
  return s;
}

function arc4Draws(): number {
  const rng = seedrandom('bench');
  let s = 0;
  for (let k = 0; k < ARC4_DRAWS; k++) s += rng();
  return s;
}

function aleaDraws(): number {
  const rng = seedrandom.alea('bench');
  let s = 0;
  for (let k = 0; k < ALEA_DRAWS; k++) s += rng();
  return s;
}

// Re-keying: one stream positioned at (trader, day) for a sweep of traders and days, and one draw
// from it (so the key is used); against building a seeded generator for the same key.
const TRADERS = 1000;
const KEYED_KEYS = 2_000_000;
const ALEA_KEYS = 200_000;
const ARC4_KEYS = 20_000;

function keyedRekey(): number {
  const rng = new KeyedStream(root);
  let s = 0;
  for (let k = 0; k < KEYED_KEYS; k++) s += rng.key(Domain.visits, k % TRADERS, (k / TRADERS) | 0).next();
  return s;
}

function aleaRekey(): number {
  let s = 0;
  for (let k = 0; k < ALEA_KEYS; k++)
    s += seedrandom.alea(`bench/${Domain.visits}/${k % TRADERS}/${(k / TRADERS) | 0}`)();
  return s;
}

function arc4Rekey(): number {
  let s = 0;
  for (let k = 0; k < ARC4_KEYS; k++) s += seedrandom(`bench/${Domain.visits}/${k % TRADERS}/${(k / TRADERS) | 0}`)();
  return s;
}

const draws = measure('uniform draws, next()', [
  { name: 'KeyedStream (sfc32)', ops: KEYED_DRAWS, unit: 'draws', run: keyedDraws },
  { name: 'seedrandom.alea', ops: ALEA_DRAWS, unit: 'draws', run: aleaDraws },
  { name: 'seedrandom (ARC4, default)', ops: ARC4_DRAWS, unit: 'draws', run: arc4Draws },
]);
printGroup(draws);

const rekey = measure('a fresh stream per (trader, day), plus one draw', [
  { name: 'KeyedStream.key() in place', ops: KEYED_KEYS, unit: 'keys', run: keyedRekey },
  { name: 'new seedrandom.alea(key)', ops: ALEA_KEYS, unit: 'keys', run: aleaRekey },
  { name: 'new seedrandom(key) (ARC4)', ops: ARC4_KEYS, unit: 'keys', run: arc4Rekey },
]);
printGroup(rekey);

finish({
  bench: 'rng',
  groups: [draws, rekey],
  notes: [
    'KeyedStream.key() hashes (root, domain, entity, step) and runs 8 warm-up rounds; the seedrandom rows build a generator from a key string.',
  ],
});

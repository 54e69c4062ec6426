/**
 * Seeded random streams keyed by entity.
 *
 * seedrandom turns the user's seed (any string) into a 128-bit root key once. Every stream is then
 * derived from (root key, domain, entity, step) by an integer hash, so a trader's draws on a given
 * day are the same whichever thread steps it and in whatever order. The stream itself is sfc32
 * (Chris Doty-Humphrey's small fast chaotic generator, passes PractRand): a few ns a number against
 * ~90 ns for seedrandom's default ARC4, which matters at hundreds of millions of draws.
 */
import seedrandom from 'seedrandom';
import type { RandomSource } from '../agents/index.ts';

/** Stream domains: one per kind of entity, so streams of different kinds never coincide. */
export const Domain = {
  spawn: 1,
  visits: 2,
  basket: 3,
  /** The market's daily price noise. */
  market: 4,
  /** Vendors' morning deliveries. */
  supply: 5,
  /** A buyer's choice of a substitute for an item that sold out. */
  substitute: 6,
  /** Experiment designs (Morris trajectories), keyed by trajectory. */
  design: 7,
} as const;

/** The 128-bit root key for a seed. */
export function rootKey(seed: string | number): Int32Array {
  const prng = seedrandom(String(seed));
  return Int32Array.of(prng.int32(), prng.int32(), prng.int32(), prng.int32());
}

/** murmur3's 32-bit finaliser: full avalanche, so neighbouring ids give unrelated states. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** A keyed sfc32 stream; re-keyed in place so the hot loop allocates nothing. */
export class KeyedStream implements RandomSource {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(private readonly root: Int32Array) {}

  /** Positions the stream at (domain, entity, step, sub); the same key always gives the same draws. */
  key(domain: number, entity: number, step: number, sub = 0): this {
    const r = this.root;
    const e = fmix32(entity ^ Math.imul(domain, 0x9e3779b9));
    const s = fmix32(step ^ Math.imul(sub + 1, 0x7f4a7c15));
    this.a = fmix32(r[0] ^ e);
    this.b = fmix32(r[1] ^ s);
    this.c = fmix32(r[2] ^ e ^ 0x632be5ab);
    this.d = fmix32(r[3] ^ s ^ domain);
    // sfc32 needs a few rounds before a fresh state is well mixed.
    for (let i = 0; i < 8; i++) this.nextU32();
    return this;
  }

  /** Next 32 random bits as an int32. */
  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t;
  }

  next(): number {
    return (this.nextU32() >>> 0) * 2.3283064365386963e-10;
  }
}

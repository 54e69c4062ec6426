/**
 * What agents need from randomness, and the draws built on it.
 * Agents never create generators: the engine hands them a keyed stream (see engine/random.ts).
 */

/** A uniform generator; the engine's keyed streams implement it. */
export interface RandomSource {
  /** Uniform in [0, 1). */
  next(): number;
  /** 32 random bits (as an int32). */
  nextU32(): number;
}

/**
 * Poisson draw by inversion: cheap for the small means of market visits (a few per day).
 * Above 30 it falls back to a normal approximation so the loop stays bounded. `limit` is
 * exp(-mean), which a caller drawing often with the same mean can pass precomputed.
 */
export function poisson(rng: RandomSource, mean: number, limit = Math.exp(-mean)): number {
  if (mean <= 0) return 0;
  if (mean > 30) {
    const k = Math.round(mean + Math.sqrt(mean) * standardNormal(rng));
    return k < 0 ? 0 : k;
  }
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** Standard normal by Box-Muller (one of the pair; setup-time and low-rate use). */
export function standardNormal(rng: RandomSource): number {
  let u = rng.next();
  if (u < 1e-300) u = 1e-300;
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * Approximate standard normal from four uniforms (Irwin-Hall, rescaled to unit variance), the four
 * taken as the bytes of one 32-bit draw: 8 bits each is ample resolution for quantity noise, where
 * tails beyond +-3.5 sd do not matter either, and it costs one draw instead of four.
 */
export function fastNormal(rng: RandomSource): number {
  const x = rng.nextU32();
  const sum = (x & 255) + ((x >>> 8) & 255) + ((x >>> 16) & 255) + (x >>> 24) + 2;
  return (sum / 256 - 2) * 1.7320508075688772;
}

/** Index drawn from a cumulative weight table cdf[offset .. offset+count), last entry = total. */
export function drawFromCdf(
  rng: RandomSource,
  cdf: Float64Array | Float32Array,
  offset: number,
  count: number,
): number {
  const u = rng.next() * cdf[offset + count - 1];
  let i = 0;
  while (i < count - 1 && cdf[offset + i] <= u) i++;
  return i;
}

/**
 * Morris elementary effects (Morris 1991, "Factorial sampling plans for preliminary computational
 * experiments"), with mu*, the mean of the absolute effects (Campolongo, Cariboni & Saltelli 2007),
 * and sigma, their standard deviation (interactions and non-linearity).
 *
 * No maintained JavaScript library does this (npm has none for Morris or SALib-style screening),
 * so it is here, small. Parameters live in the unit cube; level grid {0, 1/(p-1), ..., 1} and
 * step Delta = p / (2(p - 1)). A trajectory starts at a random grid point from which every
 * coordinate can move by Delta (each coordinate's direction is random: up from x* or down from
 * x* + Delta), then moves one coordinate at a time in a random order: k + 1 points, one
 * elementary effect per parameter. An effect is the change of the output per unit of the
 * normalised parameter, i.e. over the parameter's whole range [min, max]: for
 * f = sum a_i v_i, every effect of v_i is a_i (max_i - min_i), so mu* = |a_i| (max_i - min_i) and
 * sigma = 0. (Campolongo's selection of spread-out trajectories among many candidates is not done.)
 */
import type { RandomSource } from '../../agents/index.ts';

export interface Trajectory {
  /** k + 1 points in [0, 1]^k. */
  points: number[][];
  /** For step j (from point j to j + 1): the parameter moved and the signed change (+-Delta). */
  moves: { param: number; delta: number }[];
}

/** r trajectories over k parameters on a p-level grid; `rngFor(t)` is trajectory t's stream. */
export function morrisDesign(
  k: number,
  r: number,
  levels: number,
  rngFor: (trajectory: number) => RandomSource,
): Trajectory[] {
  if (!(Number.isInteger(levels) && levels >= 2 && levels % 2 === 0))
    throw new RangeError(`levels must be an even integer >= 2, got ${levels}`);
  const delta = levels / (2 * (levels - 1));
  const starts = levels / 2; // grid points x* with x* + Delta <= 1
  const out: Trajectory[] = [];
  for (let t = 0; t < r; t++) {
    const rng = rngFor(t);
    const x: number[] = [];
    const dir: number[] = [];
    for (let i = 0; i < k; i++) {
      const base = Math.min(starts - 1, Math.floor(rng.next() * starts)) / (levels - 1);
      const up = rng.next() < 0.5;
      dir.push(up ? 1 : -1);
      x.push(up ? base : base + delta);
    }
    // A random order of the parameters (Fisher-Yates).
    const order = Array.from({ length: k }, (_, i) => i);
    for (let i = k - 1; i > 0; i--) {
      const j = Math.min(i, Math.floor(rng.next() * (i + 1)));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const points = [x.map(snap)];
    const moves: Trajectory['moves'] = [];
    for (const i of order) {
      const next = [...points[points.length - 1]];
      next[i] = snap(next[i] + dir[i] * delta);
      points.push(next);
      moves.push({ param: i, delta: dir[i] * delta });
    }
    out.push({ points, moves });
  }
  return out;
}

/** Grid values as exact as decimals allow, so the scenarios (and run ids) do not depend on rounding order. */
function snap(x: number): number {
  return Number(x.toPrecision(12));
}

export interface Effects {
  /** Mean of the elementary effects. */
  mu: number;
  /** Mean of their absolute values (Campolongo 2007). */
  muStar: number;
  /** Their standard deviation (n - 1); NaN with fewer than two. */
  sigma: number;
  /** Trajectories whose every point has an output. */
  used: number;
}

/**
 * Effects per parameter from the outputs at each trajectory's points (`y[t][j]`, undefined or NaN
 * when that run failed). A trajectory with any missing output is left out whole: its other
 * effects are valid, but keeping every parameter on the same trajectories keeps them comparable.
 */
export function morrisEffects(design: Trajectory[], y: (number | undefined)[][], k: number): Effects[] {
  const ee: number[][] = Array.from({ length: k }, () => []);
  let used = 0;
  design.forEach((tr, t) => {
    const ys = y[t];
    if (ys.some((v) => v === undefined || !Number.isFinite(v))) return;
    used++;
    tr.moves.forEach((m, j) => {
      ee[m.param].push(((ys[j + 1] as number) - (ys[j] as number)) / m.delta);
    });
  });
  return ee.map((e) => {
    const n = e.length;
    const mu = n ? e.reduce((a, b) => a + b, 0) / n : NaN;
    const muStar = n ? e.reduce((a, b) => a + Math.abs(b), 0) / n : NaN;
    const sigma = n > 1 ? Math.sqrt(e.reduce((a, b) => a + (b - mu) ** 2, 0) / (n - 1)) : NaN;
    return { mu, muStar, sigma, used };
  });
}

/**
 * Morris elementary effects on analytic functions with known effects, and the t interval.
 * Linear f = sum a_i v_i over v_i in [min_i, max_i]: every effect of v_i is a_i (max_i - min_i),
 * so mu* = |a_i| x range and sigma = 0. A product term gives effects that vary: sigma > 0.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { morrisDesign, morrisEffects } from '../../../engine/experiments/morris.ts';
import { meanInterval } from '../../../engine/experiments/stats.ts';
import { Domain, KeyedStream, rootKey } from '../../../engine/random.ts';

const rng = new KeyedStream(rootKey('morris-test'));
const design = (k: number, r: number, p = 4) => morrisDesign(k, r, p, (t) => rng.key(Domain.design, t, 0));

test('morrisDesign: k + 1 grid points per trajectory, one coordinate moving by Delta at each step', () => {
  for (const p of [2, 4, 6]) {
    const delta = p / (2 * (p - 1));
    for (const tr of design(5, 20, p)) {
      assert.equal(tr.points.length, 6);
      assert.deepEqual([...tr.moves.map((m) => m.param)].sort(), [0, 1, 2, 3, 4], 'each parameter moves once');
      tr.moves.forEach((m, j) => {
        const a = tr.points[j];
        const b = tr.points[j + 1];
        a.forEach((x, i) => {
          assert.ok(x >= 0 && x <= 1, 'inside the unit cube');
          const onGrid = Math.abs(x * (p - 1) - Math.round(x * (p - 1))) < 1e-9;
          assert.ok(onGrid, `${x} on the ${p}-level grid`);
          if (i === m.param)
            assert.ok(Math.abs(b[i] - x - m.delta) < 1e-9 && Math.abs(Math.abs(m.delta) - delta) < 1e-12);
          else assert.equal(b[i], x);
        });
      });
    }
  }
});

/** Evaluates f on the design with v_i = min_i + x_i (max_i - min_i). */
function evaluate(d: ReturnType<typeof design>, ranges: [number, number][], f: (v: number[]) => number): number[][] {
  return d.map((tr) => tr.points.map((x) => f(x.map((u, i) => ranges[i][0] + u * (ranges[i][1] - ranges[i][0])))));
}

test('linear f: mu* = |a_i| x range, mu = a_i x range, sigma = 0', () => {
  const a = [2, -3, 0, 0.5];
  const ranges: [number, number][] = [
    [0, 1],
    [10, 12],
    [-1, 1],
    [0, 0.4],
  ];
  const d = design(4, 12);
  const e = morrisEffects(
    d,
    evaluate(d, ranges, (v) => v.reduce((s, x, i) => s + a[i] * x, 0)),
    4,
  );
  e.forEach((x, i) => {
    const range = ranges[i][1] - ranges[i][0];
    assert.ok(Math.abs(x.muStar - Math.abs(a[i]) * range) < 1e-9, `mu* of ${i}: ${x.muStar}`);
    assert.ok(Math.abs(x.mu - a[i] * range) < 1e-9, `mu of ${i}: ${x.mu}`);
    assert.ok(x.sigma < 1e-9, `sigma of ${i}: ${x.sigma}`);
    assert.equal(x.used, 12);
  });
});

test('a non-linear term gives sigma > 0; a parameter without effect gives mu* = 0', () => {
  const ranges: [number, number][] = [
    [0, 1],
    [0, 1],
    [0, 1],
  ];
  const d = design(3, 16);
  // x0 x1 interacts; x2 does nothing. Effects of x0 are x1 (0 to 1): mu* between, sigma > 0.
  const e = morrisEffects(
    d,
    evaluate(d, ranges, (v) => v[0] * v[1] + v[0] ** 2 * 0),
    3,
  );
  assert.ok(e[0].sigma > 0.1 && e[1].sigma > 0.1, `sigmas ${e[0].sigma}, ${e[1].sigma}`);
  assert.ok(e[0].muStar > 0 && e[0].muStar < 1);
  assert.equal(e[2].muStar, 0);
  assert.equal(e[2].sigma, 0);
  // Campolongo's mu* sees effects of both signs that cancel in mu: f = (x0 - 0.5) (x1 - 0.5).
  const c = morrisEffects(
    d,
    evaluate(d, ranges, (v) => (v[0] - 0.5) * (v[1] - 0.5) * 4),
    3,
  );
  assert.ok(c[0].muStar > Math.abs(c[0].mu), `mu* ${c[0].muStar} > |mu| ${Math.abs(c[0].mu)}`);
});

test('failed runs: a trajectory with a missing output is left out, and the count says so', () => {
  const ranges: [number, number][] = [
    [0, 1],
    [0, 2],
  ];
  const d = design(2, 5);
  const y: (number | undefined)[][] = evaluate(d, ranges, (v) => 3 * v[0] + v[1]);
  y[1][2] = undefined;
  y[3][0] = Number.NaN;
  const e = morrisEffects(d, y, 2);
  assert.equal(e[0].used, 3);
  assert.ok(Math.abs(e[0].muStar - 3) < 1e-9 && Math.abs(e[1].muStar - 2) < 1e-9);
  const none = morrisEffects(
    d,
    y.map((r) => r.map(() => undefined)),
    2,
  );
  assert.equal(none[0].used, 0);
  assert.ok(Number.isNaN(none[0].muStar));
});

test('meanInterval: the 95% t interval of the mean', () => {
  // 1..5: mean 3, sd sqrt(2.5), t(0.975, 4) = 2.7764451051977987.
  const ci = meanInterval([1, 2, 3, 4, 5]);
  const half = 2.7764451051977987 * Math.sqrt(2.5 / 5);
  assert.equal(ci.n, 5);
  assert.equal(ci.mean, 3);
  assert.ok(Math.abs(ci.low - (3 - half)) < 1e-12 && Math.abs(ci.high - (3 + half)) < 1e-12);
  assert.deepEqual(meanInterval([7, Number.NaN]), { n: 1, mean: 7, low: Number.NaN, high: Number.NaN });
  assert.ok(Number.isNaN(meanInterval([]).mean));
});
